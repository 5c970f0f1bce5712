/** Waits until a Kafka broker answers a metadata request (the listener alone is not enough). */
import { setTimeout as sleep } from 'node:timers/promises';
import { Admin } from '@platformatic/kafka';
import type { KafkaClientAuth } from './analytics-member/kafka-connection';

/** How often to ask while the broker boots. */
const POLL_INTERVAL_MS = 250;

/**
 * Resolves once `bootstrapServers` answer a metadata request.
 * @param stillStarting returns false when the broker process has exited (stop waiting).
 * @param auth TLS and SASL for a secured cluster (MSK IAM); plaintext when empty.
 * @throws Error after `timeoutMs` or when the process exited.
 */
export async function waitForKafka(
  bootstrapServers: readonly string[],
  timeoutMs: number,
  stillStarting: () => boolean = () => true,
  auth: KafkaClientAuth = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    if (!stillStarting()) throw new Error(`the broker process exited (${lastError})`);
    const admin = new Admin({
      clientId: 'queue-or-stream-readiness',
      bootstrapBrokers: [...bootstrapServers],
      ...auth,
      retries: 0,
      connectTimeout: 2_000,
      requestTimeout: 5_000,
    });
    try {
      await admin.listTopics();
      return;
    } catch (error) {
      lastError = (error as Error).message;
    } finally {
      await admin.close().catch(() => undefined);
    }
    await sleep(POLL_INTERVAL_MS);
  }
  throw new Error(`no metadata answer from ${bootstrapServers.join(',')} within ${timeoutMs} ms (${lastError})`);
}
