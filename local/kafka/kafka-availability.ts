/**
 * Can a Kafka broker be had here, without starting one? Used by `npm test` (skip the Kafka suites
 * with a printed reason, or fail under CI) and by `npm start` (the Kafka column says what to install).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KAFKA_ENV } from '../../runtime/kafka/kafka-names';
import { COMPLETE_MARKER, kafkaJarsDirectory } from './kafka-jars';
import { checkKafkaPrerequisites, checkMaven, KafkaUnavailableError } from './kafka-prerequisites';
import { localKafkaVersion } from './kafka-version';

/** Either a broker can be had, or the reason why not. */
export type KafkaAvailability = { readonly available: true } | { readonly available: false; readonly reason: string };

/** Checks KAFKA_BOOTSTRAP_SERVERS, else Java 17+ and (cached jars or Maven). */
export function kafkaAvailability(env: NodeJS.ProcessEnv = process.env): KafkaAvailability {
  const external = env[KAFKA_ENV.bootstrapServers];
  if (external !== undefined && external !== '') return { available: true };
  try {
    checkKafkaPrerequisites();
    if (!existsSync(join(kafkaJarsDirectory(localKafkaVersion(env), env), COMPLETE_MARKER))) checkMaven();
    return { available: true };
  } catch (error) {
    if (error instanceof KafkaUnavailableError) return { available: false, reason: error.message };
    throw error;
  }
}
