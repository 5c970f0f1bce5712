/**
 * The Kafka column of a run against deployed stacks, without a network: its table cells, its
 * expectations, what a missing Kafka stack becomes on each target, and how an authentication
 * failure is told apart from an unreachable broker.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { completedRunExitCode } from '../../../local/comparison/comparison-run';
import type { KafkaColumn, KafkaComparison } from '../../../local/comparison/kafka-comparison';
import { comparisonResult, comparisonRun } from '../../factories/comparison-result';
import { kafkaCells } from '../../../local/kafka/kafka-column-cells';
import { unmetKafkaExpectations } from '../../../local/kafka/kafka-expectations';
import { findKafkaForColumn, isAuthenticationFailure } from '../../../local/kafka/deployed-kafka-access';
import { perKeyInversions } from '../../../local/kafka/kafka-pattern-outcome';
import { aPageView } from '../../factories/clickstream-events';

function deployedColumn(overrides: Partial<KafkaComparison> = {}): KafkaComparison {
  return {
    deployed: { stackName: 'QueueOrStream-Kafka', clusterMode: 'provisioned' },
    produced: 300,
    poisonWritten: 2,
    partitions: 6,
    topic: { name: 'clickstream', partitions: 6, partitionsSource: 'deployed', configs: null },
    notEmulated: [],
    members: null,
    brokerStartMs: null,
    groups: { sessionizer: { seen: 300 }, analytics: { seen: 300 }, 'replay-earliest': { seen: 300 } },
    perMember: { 'ip-10-0-0-1-7': 160, 'ip-10-0-1-2-7': 140 },
    idleMembers: null,
    replayFromTimestamp: { seen: 150, expected: 150 },
    perKeyOrderInversions: 0,
    crossPartitionInterleavings: null,
    killedMember: null,
    rebalance: null,
    analyticsDuplicates: 0,
    failedInvocations: null,
    recordsAfterPoisonOnItsPartition: null,
    replayAggregatesEqual: true,
    deadLettered: 2,
    deadLetterTopicRecords: 2,
    perPartition: { '0': 120, '1': 90, '2': 92 },
    hotKey: { userId: 'r-hot-user', shareOfRecords: 0.2, partition: 0, shareOfPartition: 0.5 },
    compaction: null,
    settled: true,
    ...overrides,
  };
}

/** A CloudFormation client whose DescribeStacks says the stack does not exist, as AWS and LocalStack answer. */
function cloudFormationWithoutStacks(): CloudFormationClient {
  const missing = Object.assign(new Error('Stack with id QueueOrStream-Kafka does not exist'), { name: 'ValidationError' });
  return { send: async () => Promise.reject(missing) } as unknown as CloudFormationClient;
}

/** A CloudFormation client whose DescribeStacks returns one stack in `status` with `outputs`. */
function cloudFormationWith(status: string, outputs: Record<string, string> = {}): CloudFormationClient {
  const Outputs = Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue }));
  return { send: async () => ({ Stacks: [{ StackName: 'QueueOrStream-Kafka', StackStatus: status, Outputs }] }) } as unknown as CloudFormationClient;
}

describe('deployed Kafka column', () => {
  it('fills the five rows with what the deployed consumers showed, and says what a deployed target cannot show', () => {
    const cells = kafkaCells(deployedColumn());
    const text = (lines: readonly string[]): string => lines.join(' | ');

    expect(text(cells.who)).toContain('seen by sessionizer 300, analytics 300, replay 300');
    expect(text(cells.who)).toContain('ip-10-0-0-1-7: 160, ip-10-0-1-2-7: 140');
    expect(text(cells.replay)).toContain('by timestamp 150/150; same aggregates: yes');
    expect(text(cells.replay)).toContain('compaction: n/a');
    expect(text(cells.failure)).toContain('2/2 on the dead-letter topic');
    expect(text(cells.scaling)).toContain('6 partitions (provisioned cluster)');
    expect(text(cells.scaling)).toContain('hot key r-hot-user: 20.0 % of records, 50.0 % of p0');
  });

  it('holds every promise when every group saw every record, or names each one broken', () => {
    expect(unmetKafkaExpectations(deployedColumn())).toEqual([]);
    expect(unmetKafkaExpectations(deployedColumn({
      groups: { sessionizer: { seen: 299 }, analytics: { seen: 300 }, 'replay-earliest': { seen: 300 } },
      deadLettered: 1,
      perKeyOrderInversions: 1,
    }))).toEqual([
      'kafka: group sessionizer saw 299 of 300 events',
      'kafka: 1 per-key order inversions (expected 0)',
      'kafka: 1 of 2 poison records on the dead-letter topic',
    ]);
  });

  it('a Kafka stack missing on AWS is not run, without changing the exit code, and says how to deploy it', async () => {
    const column = await findKafkaForColumn({ cloudFormation: cloudFormationWithoutStacks(), target: 'aws', stage: 'blue' });

    expect(column).toEqual({ notRun: expect.stringContaining('deploy it with npx cdk deploy QueueOrStream-blue-Kafka -c stage=blue'), required: false });
  });

  it('a Kafka stack missing on LocalStack is not run, exit code unchanged: MSK needs a paid LocalStack tier', async () => {
    const column = await findKafkaForColumn({ cloudFormation: cloudFormationWithoutStacks(), target: 'localstack' });

    expect(column).toEqual({ notRun: expect.stringContaining('LocalStack emulates Amazon MSK only in its paid tiers'), required: false });
  });

  it('a Kafka stack that failed on LocalStack (no MSK in its free tier) gets the same paid-tier reason, exit code unchanged', async () => {
    const column = await findKafkaForColumn({ cloudFormation: cloudFormationWith('ROLLBACK_COMPLETE'), target: 'localstack' });

    expect(column).toEqual({ notRun: expect.stringMatching(/ROLLBACK_COMPLETE.*paid tiers/), required: false });
  });

  it('a failed or outdated Kafka stack on AWS is a failure to fix (required), not a silent skip', async () => {
    const failed = await findKafkaForColumn({ cloudFormation: cloudFormationWith('ROLLBACK_COMPLETE'), target: 'aws' });
    const outdated = await findKafkaForColumn({ cloudFormation: cloudFormationWith('UPDATE_COMPLETE', { ClusterMode: 'provisioned' }), target: 'aws' });

    expect(failed).toEqual({ notRun: expect.stringContaining('is ROLLBACK_COMPLETE'), required: true });
    expect(outdated).toEqual({ notRun: expect.stringContaining('has no output "BootstrapBrokersSaslIam"'), required: true });
  });

  it('reads every output of a deployed Kafka stack into the run\'s deployment', async () => {
    const outputs = {
      ClusterMode: 'serverless', BootstrapBrokersSaslIam: 'b-1.x:9098,b-2.x:9098', SessionTableName: 'table', ClickstreamTopic: 'clickstream',
      SessionsTopic: 'clickstream-sessions', DeadLetterTopic: 'clickstream-dlq', VpcId: 'vpc-1', ClientSubnetIds: 'subnet-a,subnet-b', ClientSecurityGroupId: 'sg-1',
    };

    expect(await findKafkaForColumn({ cloudFormation: cloudFormationWith('CREATE_COMPLETE', outputs), target: 'aws' })).toEqual({
      stackName: 'QueueOrStream-Kafka',
      clusterMode: 'serverless',
      bootstrapServers: ['b-1.x:9098', 'b-2.x:9098'],
      sessionTableName: 'table',
      topics: { clickstream: 'clickstream', sessions: 'clickstream-sessions', deadLetter: 'clickstream-dlq' },
      network: { vpcId: 'vpc-1', subnetIds: ['subnet-a', 'subnet-b'], securityGroupId: 'sg-1' },
    });
  });

  it('tells a refused authentication (anywhere in an aggregate) from a broker that does not answer', () => {
    const authentication = Object.assign(new Error('SASL authentication failed'), { code: 'PLT_KFK_AUTHENTICATION' });
    const network = Object.assign(new Error('connect ETIMEDOUT'), { code: 'PLT_KFK_NETWORK' });

    expect(isAuthenticationFailure(new AggregateError([network, authentication], 'Listing topics failed.'))).toBe(true);
    expect(isAuthenticationFailure(new Error('wrapped', { cause: authentication }))).toBe(true);
    expect(isAuthenticationFailure(new AggregateError([network], 'Listing topics failed.'))).toBe(false);
  });

  it('counts a key\'s event read after a later-produced one of the same key as an inversion, and only that', () => {
    const [first, second, other] = [aPageView({ eventId: 'e1', userId: 'u1' }), aPageView({ eventId: 'e2', userId: 'u1' }), aPageView({ eventId: 'e3', userId: 'u2' })];
    const order = new Map([['e1', 0], ['e2', 1], ['e3', 2]]);
    const read = (events: readonly (typeof first)[]) => events.map((event, offset) => ({ partition: 0, offset: BigInt(offset), timestamp: 0n, key: event.userId, value: JSON.stringify(event) }));

    expect(perKeyInversions(read([first, other, second]), order)).toBe(0);
    expect(perKeyInversions(read([second, other, first]), order)).toBe(1);
  });

  it('a run whose Kafka column could not run from this machine exits 3 once everything else held; an unmet expectation still exits 1', () => {
    const withKafka = (kafka: KafkaColumn) => comparisonRun({ ...comparisonResult(), target: 'aws', kafka });
    const unreachable = withKafka({ notRun: 'the MSK brokers … do not answer from this machine', required: false, exitCode: 3 });

    expect(completedRunExitCode(unreachable, [])).toBe(3);
    expect(completedRunExitCode(unreachable, ['email: 1 job lost'])).toBe(1);
    expect(completedRunExitCode(withKafka({ notRun: 'not deployed', required: false }), [])).toBe(0);
    expect(completedRunExitCode(withKafka(deployedColumn()), [])).toBe(0);
  });
});
