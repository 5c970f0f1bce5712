/**
 * The Kafka half of `npm start -- --target aws` against a real broker: a local broker in plaintext
 * plays the deployed stack (its outputs point at it; KAFKA_AUTH=none stands in for MSK IAM), with
 * the real sessionizer behind the local MSK event-source runner writing to a DynamoDB emulator, and
 * a real analytics member. Then the unreachable-broker path: the error that says what to do, exit 3.
 * Runs on the embedded target only: it starts its own broker (against deployed stacks, the run
 * itself is `npm start -- --target aws` from inside the stack's VPC).
 */
import * as net from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDbSessionStore } from '../../runtime/clickstream/processor-lambda/session-store';
import { AnalyticsMember } from '../../runtime/kafka/analytics-member/analytics-member';
import { createKafkaSessionizer } from '../../runtime/kafka/sessionizer-lambda/kafka-sessionizer';
import { exitCodeFor } from '../../runtime/shared/errors';
import { KAFKA_GROUPS, KAFKA_TOPICS } from '../../runtime/kafka/kafka-names';
import type { RunningEmulator } from '../../local/emulators/child-emulator';
import { startDynamoDbEmulator } from '../../local/emulators/dynamodb-emulator';
import { waitForActiveTable } from '../../local/provisioning/wait-for-active-table';
import { createClickstreamTopics } from '../../local/kafka/kafka-topics';
import { createMskEventSourceRunner, type MskEventSourceRunner } from '../../local/kafka/msk-event-source-runner';
import type { DeployedKafka } from '../../local/remote/deployed-stacks';
import { KafkaBrokersUnreachableError } from '../../local/remote/kafka-target-errors';
import { deployedKafkaTarget } from '../../local/kafka/deployed-kafka-target';
import { kafkaNotes, runKafkaColumn } from '../../local/kafka/kafka-column-run';
import { unmetKafkaExpectations } from '../../local/kafka/kafka-expectations';
import { runKafkaPattern } from '../../local/kafka/kafka-pattern-run';
import { silentSessionizerMetrics } from '../../local/kafka/silent-metrics';
import { describeWithKafka } from '../factories/kafka-broker-suite';
import { describeEmbeddedOnly } from './helpers/target';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const SESSION_TABLE = 'kafka-sessions';
const PARTITIONS = 3;
const noLog = (): void => undefined;
/** CloudFormation as the Kafka target uses it: only the SDK's resolved region (unused with KAFKA_AUTH=none). */
const regionOnly = { config: { region: async () => 'us-east-1' } };

/** The outputs of a deployed Kafka stack, pointing at `servers`. */
function deployedAt(servers: readonly string[]): DeployedKafka {
  return {
    stackName: 'QueueOrStream-test-Kafka',
    clusterMode: 'provisioned',
    bootstrapServers: servers,
    sessionTableName: SESSION_TABLE,
    topics: { clickstream: KAFKA_TOPICS.clickstream, sessions: KAFKA_TOPICS.sessions, deadLetter: KAFKA_TOPICS.deadLetter },
    network: { vpcId: 'vpc-0abc', subnetIds: ['subnet-0a', 'subnet-0b'], securityGroupId: 'sg-0client' },
  };
}

/** A 127.0.0.1 port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describeEmbeddedOnly('remote Kafka run', 'it starts its own broker and plays the deployed consumers locally', () => {
  describeWithKafka('remote Kafka run against a local broker posing as the deployed stack', (broker) => {
    let dynamo: RunningEmulator;
    let dynamoDb: DynamoDBDocumentClient;
    let runner: MskEventSourceRunner;
    let member: AnalyticsMember;

    beforeAll(async () => {
      dynamo = await startDynamoDbEmulator();
      const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials });
      dynamoDb = DynamoDBDocumentClient.from(client);
      await client.send(new CreateTableCommand({
        TableName: SESSION_TABLE,
        KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'userId', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }));
      await waitForActiveTable(client, SESSION_TABLE);
      // The deployed stack's topics and consumers: the sessionizer behind the MSK event source, one analytics member.
      const { stack } = await createClickstreamTopics({ bootstrapServers: broker().bootstrapServers, partitions: PARTITIONS });
      runner = createMskEventSourceRunner({
        bootstrapServers: broker().bootstrapServers,
        topic: KAFKA_TOPICS.clickstream,
        deadLetterTopic: KAFKA_TOPICS.deadLetter,
        settings: { ...stack.sessionizer.settings, batchingWindowMs: 100 },
        handler: createKafkaSessionizer({
          store: new DynamoDbSessionStore({ tableName: SESSION_TABLE, client: dynamoDb }),
          sessionTimeoutSeconds: 1800,
          logger: new Logger({ serviceName: 'kafka-sessionizer', logLevel: 'CRITICAL' }),
          metrics: silentSessionizerMetrics(),
        }),
        function: { functionName: 'kafka-sessionizer', timeoutSeconds: 60, region: 'us-east-1' },
      });
      member = new AnalyticsMember({
        connection: { bootstrapBrokers: [...broker().bootstrapServers] },
        memberId: 'task-1',
        groupId: KAFKA_GROUPS.analytics,
        sourceTopic: KAFKA_TOPICS.clickstream,
        stateTopic: KAFKA_TOPICS.sessions,
      });
      await Promise.all([runner.start(), member.start()]);
    }, 120_000);

    afterAll(async () => {
      await Promise.all([runner?.stop(), member?.stop()]);
      await dynamo?.stop();
    }, 60_000);

    /** The deployed target over the local broker; KAFKA_AUTH=none stands in for MSK IAM. */
    const target = () => deployedKafkaTarget({ deployment: deployedAt(broker().bootstrapServers), clients: { cloudFormation: regionOnly, dynamoDb }, env: { KAFKA_AUTH: 'none' } });
    const run = () => runKafkaPattern(target(), { events: 300, users: 20, deadlineMs: 90_000, log: noLog });

    it('produces, then reads every group back: sessionizer table, analytics members, dead-letter topic, both replays', async () => {
      const column = await run();

      expect(column.settled).toBe(true);
      expect(unmetKafkaExpectations(column)).toEqual([]);
      expect(column).toMatchObject({
        produced: 300,
        poisonWritten: 2,
        partitions: PARTITIONS,
        groups: { sessionizer: { seen: 300 }, analytics: { seen: 300 }, 'replay-earliest': { seen: 300 } },
        replayFromTimestamp: { seen: 150, expected: 150 },
        perKeyOrderInversions: 0,
        replayAggregatesEqual: true,
        deadLettered: 2,
        rebalance: null,
        compaction: null,
      });
      expect(column.perMember).toEqual({ 'task-1': 300 });
      expect(column.hotKey?.userId).toMatch(/-hot-user$/);
      expect(Object.values(column.perPartition).reduce((sum, count) => sum + count, 0)).toBe(302);
    }, 180_000);

    it('a second run on the same topics and table counts only its own records', async () => {
      const [first, second] = [await run(), await run()];

      expect(second).toMatchObject({ produced: 300, groups: { sessionizer: { seen: 300 }, analytics: { seen: 300 }, 'replay-earliest': { seen: 300 } }, deadLettered: 2 });
      expect(second.hotKey?.userId).not.toBe(first.hotKey?.userId);
    }, 180_000);
  });

  describe('brokers this machine cannot reach', () => {
    it('fails within the probe timeout with an EnvironmentError (exit 3) naming the VPC, subnets and security group to run from', async () => {
      const deployment = deployedAt([`127.0.0.1:${await closedPort()}`]);
      const started = Date.now();
      const dynamoDb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials }));
      const target = deployedKafkaTarget({ deployment, clients: { cloudFormation: regionOnly, dynamoDb }, env: { KAFKA_AUTH: 'none' }, probeTimeoutMs: 1_000 });
      const failure = await runKafkaPattern(target, { events: 100, users: 5, deadlineMs: 1_000, log: noLog }).then(() => undefined, (error: unknown) => error);

      expect(failure).toBeInstanceOf(KafkaBrokersUnreachableError);
      expect(exitCodeFor(failure)).toBe(3);
      expect((failure as Error).message).toMatch(/do not answer from this machine/);
      expect((failure as Error).message).toContain('inside vpc-0abc');
      expect((failure as Error).message).toContain('subnet subnet-0a or subnet-0b with security group sg-0client');
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it('becomes a Kafka column that says why, with exit code 3, instead of failing the other columns', async () => {
      const deployment = deployedAt([`127.0.0.1:${await closedPort()}`]);
      const dynamoDb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials }));
      const target = deployedKafkaTarget({ deployment, clients: { cloudFormation: regionOnly, dynamoDb }, env: { KAFKA_AUTH: 'none' }, probeTimeoutMs: 1_000 });

      const column = await runKafkaColumn(target, { events: 100, users: 5, deadlineMs: 1_000, log: noLog });

      expect(column).toEqual({ notRun: expect.stringContaining('the MSK brokers of QueueOrStream-test-Kafka'), required: false, exitCode: 3 });
      expect(kafkaNotes(column)).toEqual([expect.stringContaining('do not answer from this machine')]);
    });
  });
});
