/**
 * The shared Kafka run against an in-memory target: the code path of `--target localstack|aws`
 * (consumers observed by their effects, nothing killed, no cleaner) and, with members the run
 * controls, the SIGKILL path of the embedded target; every figure read from the topics.
 */
import { kafkaNotes, runKafkaColumn } from '../../../../local/kafka/kafka-column-run';
import { unmetKafkaExpectations } from '../../../../local/kafka/kafka-expectations';
import { runKafkaPattern } from '../../../../local/kafka/kafka-pattern-run';
import { EnvironmentError } from '../../../../runtime/shared/errors';
import { createFakeKafkaWorld } from './fake-kafka-target';

const quiet = { log: () => undefined, deadlineMs: 0 };

describe('the Kafka run on a target without local consumers', () => {
  it('counts every group, both replays and the dead-letter topic from the topics alone', async () => {
    const world = createFakeKafkaWorld();

    const column = await runKafkaPattern(world.target, { events: 200, users: 10, ...quiet });

    expect(column).toMatchObject({
      produced: 200,
      poisonWritten: 1,
      partitions: 3,
      groups: { sessionizer: { seen: 200 }, analytics: { seen: 200 }, 'replay-earliest': { seen: 200 } },
      replayFromTimestamp: { seen: 100, expected: 100 },
      perKeyOrderInversions: 0,
      replayAggregatesEqual: true,
      deadLettered: 1,
      deadLetterTopicRecords: 1,
      settled: true,
    });
    expect(unmetKafkaExpectations(column)).toEqual([]);
    expect(Object.values(column.perPartition).reduce((total, count) => total + count, 0)).toBe(201);
    expect(column.hotKey?.shareOfRecords).toBeCloseTo(200 / 5 / 201);
  });

  it('leaves what a deployed target cannot inject or show null, with a note for each', async () => {
    const world = createFakeKafkaWorld();

    const column = await runKafkaPattern(world.target, { events: 50, users: 5, ...quiet });

    expect(column).toMatchObject({ members: null, killedMember: null, rebalance: null, compaction: null, crossPartitionInterleavings: null, failedInvocations: null, idleMembers: null });
    expect(column.deployed).toEqual({ stackName: 'QueueOrStream-fake-Kafka', clusterMode: 'serverless' });
    expect(kafkaNotes(column)).toEqual(
      expect.arrayContaining([expect.stringContaining('rebalance null'), expect.stringContaining('compaction null'), expect.stringContaining('through its DynamoDB table')]),
    );
  });

  it('counts only this run\'s records on topics that hold earlier runs', async () => {
    const world = createFakeKafkaWorld();
    world.addForeignRecords(30);

    const column = await runKafkaPattern(world.target, { events: 40, users: 4, ...quiet });

    expect(column.groups['replay-earliest'].seen).toBe(40);
    expect(Object.values(column.perPartition).reduce((total, count) => total + count, 0)).toBe(41);
  });

  it('shows lost events and a missing dead letter as broken promises, and the run as not settled', async () => {
    const world = createFakeKafkaWorld();
    world.dropPoison();
    world.loseHotUser();

    const column = await runKafkaPattern(world.target, { events: 50, users: 5, ...quiet });

    expect(column.groups.analytics.seen).toBe(40);
    expect(column.settled).toBe(false);
    expect(unmetKafkaExpectations(column)).toEqual(['kafka: group analytics saw 40 of 50 events', 'kafka: 0 of 1 poison records on the dead-letter topic']);
    expect(kafkaNotes(column)).toContain('kafka: the sessionizer, the analytics members or the dead-letter topic had not caught up before the deadline');
  });

  it('SIGKILLs the busiest member where the run controls members, and reports the rebalance', async () => {
    const world = createFakeKafkaWorld();
    world.withMembers(['member-1', 'member-2', 'member-3', 'member-4']);

    const column = await runKafkaPattern(world.target, { events: 80, users: 8, ...quiet });

    expect(column.killedMember).toBe('member-1');
    expect(column.rebalance).toEqual({ lost: 0, duplicates: 0, producedAfterKill: 80 - (40 + 10) });
    expect(column).toMatchObject({ members: 4, idleMembers: 1, compaction: { keys: 1, recordsAfter: 1 } });
    expect(Object.keys(column.perMember).sort()).toEqual(['member-1', 'member-2', 'member-3', 'member-4']);
  });
});

describe('the Kafka column', () => {
  it('carries the target\'s reason when it cannot run there, without opening it', async () => {
    const world = createFakeKafkaWorld();
    const open = jest.fn(world.target.open);

    const column = await runKafkaColumn({ unavailable: async () => ({ notRun: 'no Java found', required: false }), open }, { events: 10, users: 2, ...quiet });

    expect(column).toEqual({ notRun: 'no Java found', required: false });
    expect(open).not.toHaveBeenCalled();
  });

  it('turns a machine that cannot use the target into exit code 3, and any other failure into a required column', async () => {
    const unreachable = await runKafkaColumn(
      { unavailable: async () => undefined, open: async () => Promise.reject(new EnvironmentError('the brokers do not answer from this machine')) },
      { events: 10, users: 2, ...quiet },
    );
    const broken = await runKafkaColumn({ unavailable: async () => undefined, open: async () => Promise.reject(new Error('topic missing')) }, { events: 10, users: 2, ...quiet });

    expect(unreachable).toEqual({ notRun: 'the brokers do not answer from this machine', required: false, exitCode: 3 });
    expect(broken).toEqual({ notRun: 'the Kafka run failed: topic missing', required: true });
  });
});
