/**
 * The signup fan-out (SNS→SQS), as it registers with the pattern registry: the topic, the email
 * and analytics subscriber queues and their filter policy, provisioned from the standard
 * EmailWorkerStack template (the stack that declares the fan-out), run with
 * `npm start -- --variants` after the other patterns.
 */
import { condensedReport } from '../comparison/condensed-report';
import type { PatternEntry, PatternRunOutcome } from '../patterns/pattern-entry';
import type { PatternRunContext } from '../patterns/pattern-run-context';
import { ConfigurationError } from '../../runtime/shared/errors';
import { FANOUT_FIGURES, fanoutCells, unmetFanoutExpectations } from './fanout-cells';
import { DEFAULT_OPT_OUT_EVERY, runFanout, sampleSignupBytes, type FanoutOutcome } from './fanout-run';
import { SUBSCRIBERS } from './fanout-target';

/** What fauxqs plays differently from SNS, whatever the figures. */
const FANOUT_NOTES = ['fanout: SNS subscription dead-letter queues are provisioned but fauxqs never fails a delivery, so none is used locally'];

async function run(context: PatternRunContext): Promise<PatternRunOutcome<FanoutOutcome>> {
  context.progress.log('fanout: SNS→SQS signup fan-out');
  const fanout = context.target.fanout;
  if (fanout === undefined) throw new ConfigurationError(`fanout does not run on ${context.target.name}`);
  const session = await fanout.open();
  try {
    const outcome = await runFanout(session, { runId: 'fanout' });
    return { outcome, notes: [...FANOUT_NOTES, ...condensedReport('fanout', session.environmentReport)] };
  } finally {
    await session.close();
  }
}

export const fanoutPattern: PatternEntry<FanoutOutcome> = {
  key: 'fanout',
  heading: 'SNS→SQS fan-out (signups)',
  description: {
    provisioning: 'EmailWorkerStack synthesized with -c emailQueue=standard (it declares the signup fan-out): topic, subscriptions with their filter policy and DLQs, subscriber queues, on its own fauxqs',
    consumers: ['one worker per subscriber queue (the Fargate worker\'s poller, in this process): email (opt-in filter) and analytics'],
    traffic: `signups published to the topic in batches, every ${DEFAULT_OPT_OUT_EVERY}th opted out of email`,
    faults: 'the email subscriber fails every copy until analytics has all of its copies',
    observation: 'what each subscriber\'s worker consumed, and a receive on each subscriber queue after the run',
  },
  figures: FANOUT_FIGURES,
  schedule: 'variants',
  embeddedOnly: 'its in-process subscriber workers would compete with the deployed email worker for the same queue; a deployed run needs a stage with those consumers scaled to zero',
  run,
  cells: fanoutCells,
  expectations: unmetFanoutExpectations,
  workload: () => ({ recordBytes: sampleSignupBytes(), consumers: SUBSCRIBERS.length, ordering: 'none', work: 'task' }),
};
