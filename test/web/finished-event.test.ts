/**
 * The page's last event is the CLI's own output: the `--json` object, the table's rows and the
 * advise line, for whatever patterns the run reports, a pattern registered later included.
 */
import { adviseLineForRun } from '../../local/comparison/advise-command';
import { comparisonJson, type ComparisonRun } from '../../local/comparison/comparison-run';
import { comparisonRows } from '../../local/comparison/comparison-table';
import type { PatternEntry } from '../../local/patterns/pattern-entry';
import { reportOf } from '../../local/patterns/pattern-report';
import { finishedEvent } from '../../local/web/live-page-session';
import { comparisonRun } from '../factories/comparison-result';

/** A pattern no panel knows: a queue of two messages in memory. */
const pairPattern: PatternEntry<{ readonly received: number }> = {
  key: 'pair',
  heading: 'In-memory pair (test)',
  description: { provisioning: 'none', consumers: ['an array'], traffic: 'two messages', faults: 'none', observation: 'array length' },
  figures: { received: 'messages the array holds' },
  schedule: 'always',
  run: async () => ({ outcome: { received: 2 }, notes: [] }),
  cells: (outcome) => ({ who: [`received ${outcome.received}`], ordering: ['insertion order'], replay: ['none'], failure: ['none'], scaling: ['none'] }),
  expectations: () => [],
  workload: () => ({ recordBytes: 10, consumers: 1, ordering: 'strict', work: 'event' }),
};

describe('finishedEvent', () => {
  const base = comparisonRun();
  const run: ComparisonRun = { ...base, reports: [...base.reports, reportOf(pairPattern, { received: 2 })] };
  const event = finishedEvent(run, 1);

  it('carries the --json object, the rows and the advise line exactly as npm start computes them', () => {
    expect(event.json).toEqual(comparisonJson(run));
    expect(event.rows).toEqual(comparisonRows(run));
    expect(event.adviseLine).toBe(adviseLineForRun(run));
    expect(event.exitCode).toBe(1);
  });

  it('lists every pattern the run reports, in order, with its registry heading, a new one included', () => {
    expect(event.patterns).toEqual(run.reports.map(({ key, heading }) => ({ key, heading })));
    expect(event.patterns.at(-1)).toEqual({ key: 'pair', heading: 'In-memory pair (test)' });
    expect(event.rows[0]?.byPattern['pair']).toEqual(['received 2']);
    expect(event.advice.map((advice) => advice.pattern)).toContain('pair');
  });
});
