/**
 * The sessionizer's event source survives a broker crash: the local broker is SIGKILLed and started
 * again on the same data directory while the MSK event-source runner is live, records are produced
 * after the restart, and every record before and after is handled (at least once) in bounded time.
 * Its own local broker, whatever KAFKA_BOOTSTRAP_SERVERS says: an external broker is not ours to kill.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MSKEvent } from 'aws-lambda';
import { kafkaAvailability } from '../../local/kafka/kafka-availability';
import { createClickstreamTopics } from '../../local/kafka/kafka-topics';
import { startKafkaBroker, type KafkaBroker } from '../../local/kafka/local-kafka-broker';
import { createMskEventSourceRunner, type MskEventSourceRunner } from '../../local/kafka/msk-event-source-runner';
import { produceClickstream } from '../../runtime/kafka/producer/produce-clickstream';
import { KAFKA_ENV } from '../../runtime/kafka/kafka-names';

const localOnly = { ...process.env, [KAFKA_ENV.bootstrapServers]: '' };
const availability = kafkaAvailability(localOnly);
const describeWithLocalBroker = availability.available || process.env.CI === 'true' ? describe : describe.skip;
if (!availability.available) console.warn(`Skipping the broker restart suite: ${availability.reason}`);

/** Bound on the recovery after the restart: the client's backoff, the lost member's 10 s session, a rejoin. */
const RECOVERY_DEADLINE_MS = 45_000;

describeWithLocalBroker('the MSK event-source runner across a broker SIGKILL and restart', () => {
  let broker: KafkaBroker | undefined;
  let runner: MskEventSourceRunner | undefined;
  afterAll(async () => {
    await runner?.stop();
    await broker?.stop();
  }, 60_000);

  it('resumes after the restart and loses nothing', async () => {
    // Prepare
    broker = await startKafkaBroker({ env: localOnly });
    const servers = broker.bootstrapServers;
    const topics = await createClickstreamTopics({ bootstrapServers: servers, partitions: 2, suffix: `-restart-${randomUUID().slice(0, 8)}` });
    const handled = new Set<string>();
    const handler = (event: MSKEvent): Promise<unknown> => {
      for (const record of Object.values(event.records).flat()) handled.add(Buffer.from(record.value, 'base64').toString());
      return Promise.resolve({ batchItemFailures: [] });
    };
    runner = createMskEventSourceRunner({
      bootstrapServers: servers,
      topic: topics.clickstream,
      deadLetterTopic: topics.deadLetter,
      settings: { ...topics.stack.sessionizer.settings, batchSize: 10, batchingWindowMs: 100 },
      handler,
      function: { functionName: 'kafka-sessionizer', timeoutSeconds: 60, region: 'us-east-1' },
    });
    await runner.start();
    const batch = (from: number) => Array.from({ length: 100 }, (_, index) => ({ key: `user-${index % 7}`, raw: `event-${from + index}` }));
    await produceClickstream({ bootstrapServers: servers, topic: topics.clickstream, records: batch(0) });
    for (let waited = 0; handled.size < 100 && waited < 30_000; waited += 100) await sleep(100);

    // Act
    await broker.restart?.({ signal: 'SIGKILL' });
    await produceClickstream({ bootstrapServers: servers, topic: topics.clickstream, records: batch(100) });
    const startedWaiting = Date.now();
    while (handled.size < 200 && Date.now() - startedWaiting < RECOVERY_DEADLINE_MS) await sleep(250);

    // Assert
    expect(broker.restart).toBeDefined();
    expect(handled.size).toBe(200);
    // The client gave its fetch stream up during the outage; the runner opened a new one.
    expect(runner.stats().fetchRestarts).toBeGreaterThanOrEqual(1);
  }, 240_000);
});
