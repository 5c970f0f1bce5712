/**
 * Resolves the Apache Kafka broker jars (`org.apache.kafka:kafka_2.13` and its runtime dependencies)
 * from Maven Central with Maven, once, into a cache directory outside the repo
 * (`~/.cache/queue-or-stream/kafka-<version>/libs`). Later runs only check the marker file.
 * The tools (`org.apache.kafka:kafka-tools`, whose `ProducerPerformance` the Kafka bench runs) are
 * resolved the same way into their own directory beside it (`tools-libs`).
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

/** The broker artifact: the server and everything it runs with. */
const BROKER_ARTIFACT = 'kafka_2.13';

/** The tools artifact (`ProducerPerformance` and the other command-line tools), without the broker. */
const TOOLS_ARTIFACT = 'kafka-tools';

/** Where the jars of `version` are cached. `KAFKA_JARS_CACHE_DIR` moves the cache root. */
export function kafkaJarsDirectory(version: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(kafkaVersionDirectory(version, env), 'libs');
}

/** Where the tools jars of `version` are cached: beside the broker's, so neither copy mixes into the other. */
export function kafkaToolsJarsDirectory(version: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(kafkaVersionDirectory(version, env), 'tools-libs');
}

function kafkaVersionDirectory(version: string, env: NodeJS.ProcessEnv): string {
  const root = env.KAFKA_JARS_CACHE_DIR ?? join(homedir(), '.cache', 'queue-or-stream');
  return join(root, `kafka-${version}`);
}

/**
 * Returns the directory holding every jar of the broker, resolving them with Maven the first time.
 * @throws KafkaUnavailableError when Maven is missing or the resolution fails.
 */
export function resolveKafkaJars(version: string, log: (line: string) => void = () => undefined): string {
  return resolveArtifactJars(BROKER_ARTIFACT, version, kafkaJarsDirectory(version), log);
}

/**
 * Returns the directory holding the `kafka-tools` jars and their runtime dependencies (enough for
 * `java -cp '<dir>/*' org.apache.kafka.tools.ProducerPerformance`), resolving them the first time.
 * @throws KafkaUnavailableError when Maven is missing or the resolution fails.
 */
export function resolveKafkaToolsJars(version: string, log: (line: string) => void = () => undefined): string {
  return resolveArtifactJars(TOOLS_ARTIFACT, version, kafkaToolsJarsDirectory(version), log);
}

function resolveArtifactJars(artifact: string, version: string, directory: string, log: (line: string) => void): string {
  if (existsSync(join(directory, COMPLETE_MARKER))) return directory;
  checkMaven();
  mkdirSync(directory, { recursive: true });
  log(`resolving Apache Kafka ${version} ${artifact} jars with Maven into ${directory} (once)`);
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
      `-Dkafka.artifact=${artifact}`,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${directory}`,
    ],
    { encoding: 'utf8' },
  );
  if (result.error !== undefined || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().slice(-2000);
    throw new KafkaUnavailableError(`Maven could not resolve org.apache.kafka:${artifact}:${version}: ${output}`);
  }
  writeFileSync(join(directory, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
  return directory;
}
