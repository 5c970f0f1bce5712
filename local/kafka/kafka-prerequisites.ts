/**
 * What the local broker needs on the machine (Java 17+ and Maven), checked up front so a missing
 * tool is reported as one sentence that says exactly what to install, not a JVM stack trace.
 */
import { spawnSync } from 'node:child_process';
import { EnvironmentError } from '../../runtime/shared/errors';

/** Kafka 4.x brokers need Java 17 or later (Kafka 4.0 release notes: Java 8 and 11 dropped for brokers). */
export const MINIMUM_JAVA_MAJOR = 17;

/** The local broker cannot run here; `message` tells the user what to install or set (exit 3). */
export class KafkaUnavailableError extends EnvironmentError {}

/** The install hint every "unavailable" message ends with. */
export const KAFKA_INSTALL_HINT =
  `install Java ${MINIMUM_JAVA_MAJOR}+ and Maven (Debian/Ubuntu: apt-get install openjdk-17-jre-headless maven), ` +
  'or set KAFKA_BOOTSTRAP_SERVERS to an existing broker';

/** Reads the major version from `java -version` output (`openjdk version "17.0.15"`, `"1.8.0_392"`). */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (match === null) return undefined;
  const first = Number(match[1]);
  // Java 8 and older report "1.x".
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/**
 * Checks that `java` (17+) and `mvn` run.
 * @throws KafkaUnavailableError naming what is missing.
 */
export function checkKafkaPrerequisites(): void {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error !== undefined || java.status !== 0) {
    throw new KafkaUnavailableError(`no Java found on PATH: ${KAFKA_INSTALL_HINT}`);
  }
  const major = parseJavaMajor(`${java.stderr}${java.stdout}`);
  if (major === undefined || major < MINIMUM_JAVA_MAJOR) {
    throw new KafkaUnavailableError(`Java ${major ?? 'of unknown version'} is too old for Kafka 4.x: ${KAFKA_INSTALL_HINT}`);
  }
}

/** Checks that Maven runs (needed only while the jars are not cached yet). */
export function checkMaven(): void {
  const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (mvn.error !== undefined || mvn.status !== 0) {
    throw new KafkaUnavailableError(`no Maven found on PATH (needed once to resolve the Kafka jars): ${KAFKA_INSTALL_HINT}`);
  }
}
