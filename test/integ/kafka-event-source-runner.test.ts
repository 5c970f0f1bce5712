/**
 * The local MSK event-source runner on a real broker, as `npm run dev` uses it: records produced
 * while it is live, across many batching windows, are all handled; a poison record next to valid
 * ones on its partition sends only itself to the on-failure topic (a Kafka partial batch response
 * retries only the records it names), with the local failure metadata in its headers.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MSKEvent } from 'aws-lambda';
import { createClickstreamTopics, type CreatedClickstreamTopics } from '../../local/kafka/kafka-topics';
import { DEAD_LETTER_HEADERS } from '../../local/kafka/dead-letter-records';
import { createMskEventSourceRunner, type MskEventSourceRunner } from '../../local/kafka/msk-event-source-runner';
import type { MskEventSourceSettings } from '../../local/kafka/msk-event-source-settings';
import { produceClickstream } from '../../runtime/kafka/producer/produce-clickstream';
import { readWholeTopic } from '../../local/kafka/read-topic';
import { kafkaItemIdentifier } from '../../runtime/kafka/sessionizer-lambda/msk-records';
import { describeWithKafka } from '../factories/kafka-broker-suite';

const RUN = `-${randomUUID().slice(0, 8)}`;

/** A handler that records each value it completes and names the records whose value is `poison…` as failed. */
function recordingHandler() {
  const completed: string[] = [];
  const handler = (event: MSKEvent): Promise<unknown> => {
    const failures = [];
    for (const record of Object.values(event.records).flat()) {
      const value = Buffer.from(record.value, 'base64').toString();
      if (value.startsWith('poison')) failures.push({ itemIdentifier: kafkaItemIdentifier(record) });
      else completed.push(value);
    }
    return Promise.resolve({ batchItemFailures: failures });
  };
  return { handler, completed };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  for (let waited = 0; !condition() && waited < timeoutMs; waited += 100) await sleep(100);
}

describeWithKafka('the local MSK event-source runner', (broker) => {
  let runner: MskEventSourceRunner | undefined;
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
  });

  function startRunner(
    topics: CreatedClickstreamTopics,
    handler: (event: MSKEvent) => Promise<unknown>,
    settings: Partial<MskEventSourceSettings> = {},
    onDeadLettered?: (records: number, partition: number, topic: string) => void,
  ) {
    runner = createMskEventSourceRunner({
      bootstrapServers: broker().bootstrapServers,
      topic: topics.stack.sessionizer.topic,
      deadLetterTopic: topics.deadLetter,
      settings: { ...topics.stack.sessionizer.settings, ...settings },
      handler,
      function: { functionName: 'kafka-sessionizer', timeoutSeconds: 60, region: 'us-east-1' },
      onDeadLettered,
    });
    return runner;
  }

  it('handles every record produced while it is live, across batching windows', async () => {
    // Prepare: small batches and a short window, so chunks land before, during and after drains.
    const topics = await createClickstreamTopics({ bootstrapServers: broker().bootstrapServers, partitions: 2, suffix: `-live${RUN}` });
    const { handler, completed } = recordingHandler();
    await startRunner(topics, handler, { batchSize: 10, batchingWindowMs: 100 }).start();

    // Act
    const values: string[] = [];
    for (let chunk = 0; chunk < 30; chunk += 1) {
      const records = Array.from({ length: 1 + (chunk % 7) }, (_, index) => ({ key: `user-${(chunk + index) % 5}`, raw: `event-${chunk}-${index}` }));
      values.push(...records.map((record) => record.raw));
      await produceClickstream({ bootstrapServers: broker().bootstrapServers, topic: topics.clickstream, records });
      await sleep([20, 90, 130, 250][chunk % 4] as number);
    }
    await until(() => completed.length >= values.length, 30_000);

    // Assert
    expect([...completed].sort()).toEqual([...values].sort());
    expect(runner?.stats()).toMatchObject({ recordsCompleted: values.length, recordsDiscarded: 0 });
  }, 90_000);

  it('sends only the poison record to the on-failure topic, with the reason in its headers; the valid ones next to it are completed', async () => {
    // Prepare: one partition, so the poison record shares its batch with valid records.
    const topics = await createClickstreamTopics({ bootstrapServers: broker().bootstrapServers, partitions: 1, suffix: `-dlq${RUN}` });
    const records = ['valid-1', 'valid-2', 'poison-1', 'valid-3', 'valid-4'].map((raw) => ({ key: 'user-1', raw }));
    await produceClickstream({ bootstrapServers: broker().bootstrapServers, topic: topics.clickstream, records });
    const { handler, completed } = recordingHandler();
    const batches: [number, number, string][] = [];

    // Act
    const started = startRunner(topics, handler, {}, (...batch) => batches.push(batch));
    await started.start();
    await started.waitUntilCaughtUp({ timeoutMs: 60_000 });
    const deadLettered = await readWholeTopic({ bootstrapServers: broker().bootstrapServers, topic: topics.deadLetter });

    // Assert
    expect(deadLettered.map((record) => record.value)).toEqual(['poison-1']);
    // The observer hears of the one batch written, after its write was acknowledged.
    expect(batches).toEqual([[1, 0, topics.deadLetter]]);
    expect(deadLettered[0]?.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.condition]: 'RetryAttemptsExhausted',
      [DEAD_LETTER_HEADERS.reason]: 'named in the partial batch response',
      [DEAD_LETTER_HEADERS.source]: `${topics.clickstream}-0-2`,
    });
    expect(new Set(completed)).toEqual(new Set(['valid-1', 'valid-2', 'valid-3', 'valid-4']));
    expect(started.stats()).toMatchObject({ recordsCompleted: 4, recordsDiscarded: 1 });
    // One first invocation, then the stack's retries of the poison record alone.
    expect(started.stats().invocations).toBe(1 + topics.stack.sessionizer.settings.maximumRetryAttempts);
  }, 90_000);
});
