/**
 * A local broker is a run's alone (its log directory is deleted at the end); an existing one
 * (KAFKA_BOOTSTRAP_SERVERS) still holds the topics, records and committed offsets of earlier runs,
 * so every topic and group of a run on it gets a run id: a second run neither re-reads the first
 * run's records nor starts from its offsets.
 */
import { randomUUID } from 'node:crypto';
import type { KafkaBroker } from './local-kafka-broker';

/** `''` on a broker this run started, `-run-<id>` on an existing one. */
export function runNameSuffix(origin: KafkaBroker['origin'], runId: string = randomUUID().slice(0, 8)): string {
  return origin === 'external' ? `-run-${runId}` : '';
}
