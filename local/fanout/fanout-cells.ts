/**
 * The signup fan-out's answers to the five questions, its promises and what each of its figures
 * counts, all read from its outcome. Pure.
 */
import type { QuestionCells } from '../patterns/five-questions';
import { DEFAULT_OPT_OUT_EVERY, type FanoutOutcome } from './fanout-run';

/** The fan-out column's cells. */
export function fanoutCells(fanout: FanoutOutcome): QuestionCells {
  const { email, analytics } = fanout.subscribers;
  return {
    who: [
      'EVERY subscribed queue gets its own copy (as its filter policy allows)',
      `published ${fanout.published}; received: email ${email.received}/${email.expected} (opt-in filter), analytics ${analytics.received}/${analytics.expected}`,
      `duplicates: email ${email.duplicates}, analytics ${analytics.duplicates}`,
    ],
    ordering: ['per subscriber queue, as that queue keeps it (standard here: none)'],
    replay: ['none: a consumed copy is deleted', `left after the run: email ${email.leftAfterRun}, analytics ${analytics.leftAfterRun}`],
    failure: [
      'each subscriber retries on its own queue (and its subscription has a DLQ)',
      `email failed ${email.failedAttempts}x; analytics got ${analytics.received}/${analytics.expected} meanwhile (email had ${fanout.emailConsumedWhenAnalyticsDone})`,
    ],
    scaling: ['one queue, and its workers, per subscriber'],
  };
}

/** Each broken promise of the fan-out. */
export function unmetFanoutExpectations(fanout: FanoutOutcome): string[] {
  const unmet: string[] = [];
  if (!fanout.finished) unmet.push('fanout: the run hit its deadline before every subscriber had its copies');
  for (const [name, subscriber] of Object.entries(fanout.subscribers)) {
    if (subscriber.received !== subscriber.expected) unmet.push(`fanout: ${name} received ${subscriber.received} of ${subscriber.expected}`);
    if (subscriber.duplicates !== 0 || subscriber.leftAfterRun !== 0) {
      unmet.push(`fanout: ${name} saw ${subscriber.duplicates} duplicate(s) and ${subscriber.leftAfterRun} message(s) left after the run`);
    }
  }
  if (fanout.subscribers.analytics.received < fanout.subscribers.analytics.expected || fanout.emailConsumedWhenAnalyticsDone !== 0) {
    unmet.push('fanout: the failing email subscriber held the analytics subscriber back');
  }
  return unmet;
}

/** What each figure of the fan-out column counts. */
export const FANOUT_FIGURES: Readonly<Record<string, string>> = {
  published: `signups SNS accepted for the topic (PublishBatch), each a welcome-email job; every ${DEFAULT_OPT_OUT_EVERY}th opted out of email`,
  received: 'distinct signups each subscriber queue\'s worker consumed, of what its filter policy lets through (email: opted-in signups only)',
  duplicates: 'copies of a signup a subscriber had already consumed',
  'left after the run': 'messages a receive still found in a subscriber queue once the run ended (a consumed copy is gone)',
  'email failed': 'failed attempts of the email subscriber, which fails every copy until analytics has consumed all of its copies',
  'email had': 'signups the email subscriber had consumed when analytics had all of its copies (0: it was failing the whole time)',
};
