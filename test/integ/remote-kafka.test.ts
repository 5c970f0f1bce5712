/**
 * The Kafka clickstream against the deployed Kafka stack (QOS_TARGET=aws with QOS_KAFKA=1, which
 * `npm run test:aws -- --kafka` sets): every group sees every record, per-key order holds, both
 * replays reproduce the aggregates, and the poison records reach the dead-letter topic. Over MSK
 * IAM with this machine's credentials; the brokers answer only inside the stack's VPC, so outside
 * it the suite fails at once with what to do (the same exit-3 message as `npm start`).
 * Skipped, with the reason in its title, on other targets or without QOS_KAFKA=1 (MSK is opt-in: it
 * bills from the first hour and takes 20-40 minutes to create).
 */
import { unmetDeployedKafkaExpectations } from '../../local/kafka/deployed-kafka-cells';
import type { DeployedKafkaComparison } from '../../local/comparison/kafka-comparison';
import type { RemoteClients } from '../../local/remote/remote-clients';
import { findDeployedKafka } from '../../local/remote/deployed-stacks';
import { remoteKafkaAuth } from '../../local/remote/remote-kafka-column';
import { runRemoteKafka } from '../../local/remote/remote-kafka-run';
import { toDeployedKafkaComparison } from '../../local/remote/to-kafka-comparison';
import { newRunPrefix } from '../../local/provisioning/physical-names';
import { describeForTarget, TEST_TARGET } from './helpers/target';
import { remoteSuiteClients, remoteSuiteSettings } from './helpers/target-remote-run';

const USERS = 100;
const POISON_RECORDS = 2;
const SUITE_MARGIN_MS = 180_000;
const optedIn = process.env.QOS_KAFKA === '1';

describeForTarget(
  optedIn ? ['aws', 'localstack'] : [],
  'needs the deployed Kafka stack: npm run test:aws -- --stage NAME --kafka (sets QOS_KAFKA=1; MSK costs money from the first hour)',
  'Kafka clickstream on the deployed Kafka stack',
  () => {
    let clients: RemoteClients | undefined;
    let column: DeployedKafkaComparison;

    beforeAll(async () => {
      const { target, stage, events, deadlineMs } = remoteSuiteSettings(TEST_TARGET, process.env);
      clients = remoteSuiteClients(remoteSuiteSettings(TEST_TARGET, process.env), process.env);
      const deployment = await findDeployedKafka({ cloudFormation: clients.cloudFormation, target, stage });
      const observed = await runRemoteKafka({
        deployment,
        auth: await remoteKafkaAuth(clients, process.env),
        dynamoDb: clients.dynamoDb,
        runId: newRunPrefix(),
        events,
        users: USERS,
        poisonRecords: POISON_RECORDS,
        deadlineMs,
        log: (line) => console.log(line),
      });
      ({ column } = toDeployedKafkaComparison({ stackName: deployment.stackName, clusterMode: deployment.clusterMode }, observed));
    }, 30 * 60_000 + SUITE_MARGIN_MS);

    afterAll(() => clients?.destroy());

    it('every group saw every record, per-key order held, both replays reproduced the aggregates, every poison record was dead-lettered', () => {
      expect(unmetDeployedKafkaExpectations(column)).toEqual([]);
      expect(column.settled).toBe(true);
    });

    it('the hot user loads one partition of the clickstream topic', () => {
      expect(column.hotKey?.shareOfRecords).toBeGreaterThan(0.15);
      expect(Object.keys(column.perPartition).length).toBeGreaterThan(1);
    });
  },
);
