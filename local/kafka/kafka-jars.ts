/**
 * Resolves the Apache Kafka broker jars (`org.apache.kafka:kafka_2.13` and its runtime dependencies)
 * from Maven Central with Maven, once, into a cache directory outside the repo
 * (`~/.cache/queue-or-stream/kafka-<version>/libs`). Later runs only check the marker file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { checkMaven, KafkaUnavailableError } from './kafka-prerequisites';

/** Written after a complete copy, so an interrupted resolution is redone instead of half-used. */
export const COMPLETE_MARKER = '.resolved';

/** The pom that names the broker artifact; its version comes from `-Dkafka.version`. */
const POM_PATH = join(__dirname, 'pom.xml');

/** Where the jars of `version` are cached. `KAFKA_JARS_CACHE_DIR` moves the cache root. */
export function kafkaJarsDirectory(version: string, env: NodeJS.ProcessEnv = process.env): string {
  const root = env.KAFKA_JARS_CACHE_DIR ?? join(homedir(), '.cache', 'queue-or-stream');
  return join(root, `kafka-${version}`, 'libs');
}

/**
 * Returns the directory holding every jar of the broker, resolving them with Maven the first time.
 * @throws KafkaUnavailableError when Maven is missing or the resolution fails.
 */
export function resolveKafkaJars(version: string, log: (line: string) => void = () => undefined): string {
  const directory = kafkaJarsDirectory(version);
  if (existsSync(join(directory, COMPLETE_MARKER))) return directory;
  checkMaven();
  mkdirSync(directory, { recursive: true });
  log(`resolving Apache Kafka ${version} jars with Maven into ${directory} (once)`);
  const result = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      // Fail on a checksum mismatch instead of warning (the pom sets the same policy for Central).
      '--strict-checksums',
      '-f',
      POM_PATH,
      `-Dkafka.version=${version}`,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${directory}`,
    ],
    { encoding: 'utf8' },
  );
  if (result.error !== undefined || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().slice(-2000);
    throw new KafkaUnavailableError(`Maven could not resolve org.apache.kafka:kafka_2.13:${version}: ${output}`);
  }
  writeFileSync(join(directory, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
  return directory;
}
