/**
 * The registry is the one list the runner, the table, the JSON, the exit code, the advise line and
 * `npm run dev` iterate: a pattern registered here (a small in-memory fake) appears in all of them
 * without any shared file changing.
 */
import { adviseLineForRun } from '../../../../local/comparison/advise-command';
import { comparisonJson, completedRunExitCode, notesOf, unmetExpectations } from '../../../../local/comparison/comparison-run';
import { comparisonRows, figureDefinitions, formatComparisonTable } from '../../../../local/comparison/comparison-table';
import { devComponentsOf } from '../../../../local/dev/dev-registry';
import { startDev } from '../../../../local/dev/start-dev';
import { registerPattern } from '../../../../local/patterns/pattern';
import type { PatternEntry, PatternSchedule } from '../../../../local/patterns/pattern-entry';
import { PATTERNS } from '../../../../local/patterns/pattern-registry';
import type { RunProgress } from '../../../../local/patterns/pattern-run-context';
import { runPatterns, type RunPatternsOptions } from '../../../../local/patterns/run-patterns';
import { EMBEDDED_TARGET } from '../../../../local/target/embedded-target';
import type { RunTarget } from '../../../../local/target/run-target';
import { createFakeClickstreamWorld } from '../target/fake-clickstream-target';
import { createFakeEmailWorld } from '../target/fake-email-target';
import { createFakeKafkaWorld } from '../target/fake-kafka-target';

/** What the fake pattern's run observed. */
interface TallyOutcome {
  readonly sent: number;
  readonly received: number;
}

/** A pattern that "delivers" `received` of `sent` messages in memory, with a dev component of its own. */
function tallyPattern(received: number, schedule: PatternSchedule = 'always', key = 'tally'): PatternEntry<TallyOutcome> {
  return {
    key,
    heading: 'In-memory tally (test)',
    description: { provisioning: 'none', consumers: ['one array'], traffic: 'three messages', faults: 'none', observation: 'array length' },
    figures: { received: 'messages the array holds after the run' },
    schedule,
    run: async ({ options }) => ({ outcome: { sent: options.jobs, received }, notes: [`${key}: played in memory`] }),
    cells: (outcome) => ({
      who: ['the one array', `received ${outcome.received} of ${outcome.sent}`],
      ordering: ['insertion order'],
      replay: ['read it again'],
      failure: ['none'],
      scaling: ['none'],
    }),
    expectations: (outcome) => (outcome.received === outcome.sent ? [] : [`${key}: received ${outcome.received} of ${outcome.sent}`]),
    workload: (outcome) => ({ recordBytes: 10, consumers: outcome.received > 0 ? 1 : 2, ordering: 'strict', work: 'event' }),
    dev: {
      name: key,
      start: async () => ({
        description: { endpoints: { memory: 'in-process' }, consumers: { array: 'holds every message' }, examples: [] },
        status: () => ({ received }),
        stop: async () => undefined,
      }),
    },
  };
}

const silent: RunProgress = { bar: () => () => undefined, log: () => undefined };
const size = { jobs: 3, workers: 1, events: 100, users: 2 };
/** The embedded run, as `npm start` calls it (the fake patterns start nothing). */
const runEmbeddedComparison = (options: RunPatternsOptions, patterns: Parameters<typeof runPatterns>[2]) => runPatterns(EMBEDDED_TARGET, options, patterns);

/** A deployed target made of the in-memory fakes of each pattern's target, as `--target aws` builds one from the stacks. */
function fakeDeployedTarget(): RunTarget {
  return {
    name: 'aws',
    email: createFakeEmailWorld().target,
    clickstream: createFakeClickstreamWorld().target,
    kafka: createFakeKafkaWorld().target,
    deadlines: { consumersMs: 5_000, metricsMs: 0 },
  };
}

describe('pattern registry', () => {
  it('lists the five patterns, and dev runs the three that have a dev component', () => {
    expect(PATTERNS.map((pattern) => pattern.key)).toEqual(['email', 'clickstream', 'kafka', 'emailFifo', 'fanout']);
    expect(devComponentsOf().map((component) => component.name)).toEqual(['email', 'clickstream', 'kafka']);
  });

  it('puts a newly registered pattern in the table, the JSON, the notes, the figures and the advise line', async () => {
    // Prepare
    const patterns = [registerPattern(tallyPattern(3))];

    // Act
    const run = await runEmbeddedComparison({ ...size, progress: silent }, patterns);

    // Assert
    expect(formatComparisonTable(run)).toContain('In-memory tally (test)');
    expect(comparisonRows(run).map((row) => row.byPattern['tally']?.join(' '))[0]).toBe('the one array received 3 of 3');
    expect(comparisonJson(run)['tally']).toEqual({ sent: 3, received: 3 });
    expect(notesOf(run)).toContain('tally: played in memory');
    expect(figureDefinitions(run)).toEqual(['tally: received: messages the array holds after the run']);
    expect(adviseLineForRun(run)).toContain('tally: npm run advise -- --rate 100/s --size 10B --consumers 1 --order strict --work event');
    expect([unmetExpectations(run), completedRunExitCode(run, unmetExpectations(run))]).toEqual([[], 0]);
  });

  it('fails the run on the new pattern\'s broken promise', async () => {
    const run = await runEmbeddedComparison({ ...size, progress: silent }, [registerPattern(tallyPattern(2))]);

    const unmet = unmetExpectations(run);

    expect(unmet).toEqual(['tally: received 2 of 3']);
    expect(completedRunExitCode(run, unmet)).toBe(1);
  });

  it('runs a pattern scheduled for --variants only when asked, after the others', async () => {
    const patterns = [registerPattern(tallyPattern(3, 'variants', 'later')), registerPattern(tallyPattern(3))];

    const without = await runEmbeddedComparison({ ...size, progress: silent }, patterns);
    const withVariants = await runEmbeddedComparison({ ...size, variants: true, progress: silent }, patterns);

    expect(without.reports.map((report) => report.key)).toEqual(['tally']);
    expect(withVariants.reports.map((report) => report.key)).toEqual(['later', 'tally']);
  });

  it('starts the new pattern in npm run dev and serves its status', async () => {
    const dev = await startDev(devComponentsOf([registerPattern(tallyPattern(3))]), { mailboxDir: '/tmp/unused', log: () => undefined });
    try {
      expect(dev.components['tally']?.endpoints).toEqual({ memory: 'in-process' });
      expect(await (await fetch(dev.statusUrl)).json()).toEqual({ tally: { received: 3 } });
    } finally {
      await dev.stop();
    }
  });

  it('lays the table out one block per pattern within a narrow terminal, side by side in a wide one', async () => {
    const run = await runEmbeddedComparison({ ...size, progress: silent }, [registerPattern(tallyPattern(3)), registerPattern(tallyPattern(3, 'always', 'other'))]);

    const narrow = formatComparisonTable(run, 80).split('\n');
    const wide = formatComparisonTable(run, 200).split('\n');

    expect(Math.max(...narrow.map((line) => line.length))).toBeLessThanOrEqual(80);
    expect(narrow.filter((line) => line.startsWith('In-memory tally (test)'))).toHaveLength(2);
    expect(new Set(wide.map((line) => line.length)).size).toBe(1);
    expect(wide[1]).toMatch(/In-memory tally \(test\).*In-memory tally \(test\)/);
  });

  it('runs every registered pattern against a deployed target through the same runner, FIFO and fan-out (no deployed form) as notes', async () => {
    const run = await runPatterns(fakeDeployedTarget(), { ...size, jobs: 20, events: 60, users: 6, progress: silent });

    expect(run.target).toBe('aws');
    expect(run.reports.map((report) => report.key)).toEqual(PATTERNS.filter((pattern) => pattern.schedule === 'always').map((pattern) => pattern.key));
    expect(unmetExpectations(run)).toEqual([]);
    expect(comparisonJson(run)['kafka']).toMatchObject({ produced: 60, rebalance: null, deployed: { stackName: 'QueueOrStream-fake-Kafka' } });
    expect(comparisonJson(run)['email']).toMatchObject({ enqueued: 20, perWorker: null });
    expect(run.notes).toEqual([expect.stringMatching(/^emailFifo: not run on aws: /), expect.stringMatching(/^fanout: not run on aws: /)]);
  }, 60_000);

  it('hands each pattern the target, and reports a pattern without a deployed form as not run there', async () => {
    const seenTargets: string[] = [];
    const local: PatternEntry<TallyOutcome> = { ...tallyPattern(3, 'always', 'local-only'), embeddedOnly: 'it needs the local emulators' };
    const anywhere: PatternEntry<TallyOutcome> = { ...tallyPattern(3), run: async ({ target, options }) => (seenTargets.push(target.name), { outcome: { sent: options.jobs, received: 3 }, notes: [] }) };

    const run = await runPatterns(fakeDeployedTarget(), { ...size, progress: silent }, [registerPattern(local), registerPattern(anywhere)]);

    expect(seenTargets).toEqual(['aws']);
    expect(run.reports.map((report) => [report.key, report.cells.who[0]])).toEqual([['local-only', 'NOT RUN on aws: it needs the local emulators'], ['tally', 'the one array']]);
    expect(notesOf(run)).toContain('local-only: not run on aws: it needs the local emulators');
    expect(completedRunExitCode(run, unmetExpectations(run))).toBe(0);
  });
});
