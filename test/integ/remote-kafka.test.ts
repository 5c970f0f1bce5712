/**
 * The Kafka clickstream against the deployed Kafka stack (QOS_TARGET=aws with QOS_KAFKA=1, which
 * `npm run test:aws -- --kafka` sets): every group sees every record, per-key order holds, both
 * replays reproduce the aggregates, and the poison records reach the dead-letter topic. Over MSK
 * IAM with this machine's credentials; the brokers answer only inside the stack's VPC, so outside
 * it the suite fails at once with what to do (the same exit-3 message as `npm start`).
 * Skipped, with the reason in its title, on other targets or without QOS_KAFKA=1 (MSK is opt-in: it
 * bills from the first hour and takes 20-40 minutes to create).
 */
import type { KafkaComparison } from '../../local/comparison/kafka-comparison';
import { deployedKafkaTarget } from '../../local/kafka/deployed-kafka-target';
import { unmetKafkaExpectations } from '../../local/kafka/kafka-expectations';
import { runKafkaPattern } from '../../local/kafka/kafka-pattern-run';
import type { RemoteClients } from '../../local/remote/remote-clients';
import { findDeployedKafka } from '../../local/remote/deployed-stacks';
import { describeForTarget, TEST_TARGET } from './helpers/target';
import { remoteSuiteClients, remoteSuiteSettings } from './helpers/target-remote-run';

const USERS = 100;
const SUITE_MARGIN_MS = 180_000;
const optedIn = process.env.QOS_KAFKA === '1';

describeForTarget(
  optedIn ? ['aws', 'localstack'] : [],
  'needs the deployed Kafka stack: npm run test:aws -- --stage NAME --kafka (sets QOS_KAFKA=1; MSK costs money from the first hour)',
  'Kafka clickstream on the deployed Kafka stack',
  () => {
    let clients: RemoteClients | undefined;
    let column: KafkaComparison;

    beforeAll(async () => {
      const { target, stage, events, deadlineMs } = remoteSuiteSettings(TEST_TARGET, process.env);
      clients = remoteSuiteClients(remoteSuiteSettings(TEST_TARGET, process.env), process.env);
      const deployment = await findDeployedKafka({ cloudFormation: clients.cloudFormation, target, stage });
      column = await runKafkaPattern(deployedKafkaTarget({ deployment, clients }), { events, users: USERS, deadlineMs, log: (line) => console.log(line) });
    }, 30 * 60_000 + SUITE_MARGIN_MS);

    afterAll(() => clients?.destroy());

    it('every group saw every record, per-key order held, both replays reproduced the aggregates, every poison record was dead-lettered', () => {
      expect(unmetKafkaExpectations(column)).toEqual([]);
      expect(column.settled).toBe(true);
    });

    it('the hot user loads one partition of the clickstream topic', () => {
      expect(column.hotKey?.shareOfRecords).toBeGreaterThan(0.15);
      expect(Object.keys(column.perPartition).length).toBeGreaterThan(1);
    });
  },
);
