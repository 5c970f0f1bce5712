/**
 * The Apache Kafka version of the local broker. The newest 4.x line that Amazon MSK also offers
 * (4.1.x, per the stack's decisions), so local runs and the deployed cluster speak the same protocol.
 * `KAFKA_LOCAL_VERSION` overrides it (for a quick check against another 4.x release).
 */
export const DEFAULT_LOCAL_KAFKA_VERSION = '4.2.2';

/** The version to resolve and run. */
export function localKafkaVersion(env: NodeJS.ProcessEnv = process.env): string {
  return env.KAFKA_LOCAL_VERSION ?? DEFAULT_LOCAL_KAFKA_VERSION;
}
