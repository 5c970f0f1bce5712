/**
 * Starts a real Apache Kafka broker (KRaft combined mode, one JVM) as a child process on free
 * 127.0.0.1 ports, with a temporary log directory and a small heap, and stops it again.
 *
 * Steps: resolve the jars (kafka-jars.ts), format the storage with the storage tool's main class
 * (`kafka.tools.StorageTool format --standalone`, what `kafka-storage.sh` runs), then run the main
 * class `kafka.Kafka` with the generated properties and wait until it answers a metadata request.
 * The start time (format included) is measured and returned.
 *
 * `KAFKA_BOOTSTRAP_SERVERS` set: that broker is used instead, and nothing is started or stopped.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KAFKA_ENV } from '../../runtime/kafka/kafka-names';
import { killOnParentExit } from '../emulators/child-process-reaper';
import { freeLoopbackPort } from '../emulators/free-port';
import { spawnOwnedCommand } from '../emulators/owned-child';
import { renderBrokerProperties } from './broker-properties';
import { resolveKafkaJars } from './kafka-jars';
import { checkKafkaPrerequisites, KafkaUnavailableError } from './kafka-prerequisites';
import { localKafkaVersion } from './kafka-version';
import { waitForKafka } from './wait-for-kafka';

/** A broker to talk to. `stop()` is idempotent (a no-op for an external broker). */
export interface KafkaBroker {
  /** `host:port` list, as the clients take it. */
  readonly bootstrapServers: readonly string[];
  /** `local` when this process started it, `external` when it came from KAFKA_BOOTSTRAP_SERVERS. */
  readonly origin: 'local' | 'external';
  /** Milliseconds from the start call until the broker answered (format included); 0 for external. */
  readonly startMs: number;
  /** The Kafka version run locally; undefined for an external broker. */
  readonly version?: string;
  stop(): Promise<void>;
}

/** Options of {@link startKafkaBroker}. */
export interface StartKafkaBrokerOptions {
  /** Maximum JVM heap. @default '512m' - plenty for a test broker, and 2 cores are shared */
  readonly maxHeap?: string;
  /** How long to wait for the broker to answer. @default 120000 - a loaded 2-core machine is slow to boot a JVM */
  readonly readyTimeoutMs?: number;
  /** Progress lines. @default no logging */
  readonly log?: (line: string) => void;
  /** Environment (for KAFKA_BOOTSTRAP_SERVERS). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** The storage tool and the broker main classes, as found in kafka_2.13-4.x.jar. */
const STORAGE_TOOL_CLASS = 'kafka.tools.StorageTool';
const BROKER_CLASS = 'kafka.Kafka';

/**
 * JVM flags for a quick start on a small, shared machine: the client JIT only (C1; C2's compile
 * threads compete with everything else for 2 cores during boot) and the serial collector (one small
 * heap, no GC threads). A test broker trades peak throughput for that.
 */
const FAST_START_JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto'];

/** Parses KAFKA_BOOTSTRAP_SERVERS (`host:port[,host:port]`). */
export function parseBootstrapServers(value: string): string[] {
  const servers = value
    .split(',')
    .map((server) => server.trim())
    .filter((server) => server !== '');
  for (const server of servers) {
    if (!/^[^:\s]+:\d{1,5}$/.test(server)) {
      throw new KafkaUnavailableError(`${KAFKA_ENV.bootstrapServers} entry "${server}" is not host:port`);
    }
  }
  if (servers.length === 0) throw new KafkaUnavailableError(`${KAFKA_ENV.bootstrapServers} is empty`);
  return servers;
}

/**
 * Returns a running broker: the external one named by KAFKA_BOOTSTRAP_SERVERS, or a local one.
 * @throws KafkaUnavailableError when neither works (the message says what to install).
 */
export async function startKafkaBroker(options: StartKafkaBrokerOptions = {}): Promise<KafkaBroker> {
  const env = options.env ?? process.env;
  const external = env[KAFKA_ENV.bootstrapServers];
  if (external !== undefined && external !== '') {
    const bootstrapServers = parseBootstrapServers(external);
    await waitForKafka(bootstrapServers, options.readyTimeoutMs ?? 15_000);
    return { bootstrapServers, origin: 'external', startMs: 0, stop: () => Promise.resolve() };
  }
  return startLocalBroker(options);
}

async function startLocalBroker(options: StartKafkaBrokerOptions): Promise<KafkaBroker> {
  const log = options.log ?? (() => undefined);
  const startedAt = performance.now();
  checkKafkaPrerequisites();
  const version = localKafkaVersion(options.env);
  const classpath = join(resolveKafkaJars(version, log), '*');
  const logDirectory = mkdtempSync(join(tmpdir(), 'queue-or-stream-kafka-'));
  const removeLogDirectory = (): void => rmSync(logDirectory, { recursive: true, force: true });
  try {
    const [brokerPort, controllerPort] = [await freeLoopbackPort(), await freeLoopbackPort()];
    const propertiesPath = join(logDirectory, 'server.properties');
    const dataDirectory = join(logDirectory, 'data');
    writeFileSync(propertiesPath, renderBrokerProperties({ brokerPort, controllerPort, logDirectory: dataDirectory }));
    formatStorage(classpath, propertiesPath);
    const child = spawnOwnedCommand('java', [...FAST_START_JVM_FLAGS, `-Xmx${options.maxHeap ?? '512m'}`, '-cp', classpath, BROKER_CLASS, propertiesPath]);
    killOnParentExit(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let running = true;
    void exited.then(() => {
      running = false;
    });
    const stop = async (): Promise<void> => {
      if (running) {
        child.kill('SIGTERM');
        // A controlled shutdown takes a few seconds; a test broker's data is thrown away anyway.
        const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killTimer);
      }
      removeLogDirectory();
    };
    const bootstrapServers = [`127.0.0.1:${brokerPort}`];
    try {
      await waitForKafka(bootstrapServers, options.readyTimeoutMs ?? 120_000, () => running);
    } catch (error) {
      await stop();
      throw new KafkaUnavailableError(`the local Kafka broker did not start: ${(error as Error).message} ${stderr.trim()}`);
    }
    const startMs = Math.round(performance.now() - startedAt);
    log(`Apache Kafka ${version} (KRaft) on ${bootstrapServers.join(',')}, started in ${startMs} ms`);
    return { bootstrapServers, origin: 'local', startMs, version, stop };
  } catch (error) {
    removeLogDirectory();
    throw error;
  }
}

/** `kafka-storage.sh format --standalone`: a new cluster id and a one-voter dynamic quorum. */
function formatStorage(classpath: string, propertiesPath: string): void {
  const result = spawnSync(
    'java',
    [...FAST_START_JVM_FLAGS, '-Xmx256m', '-cp', classpath, STORAGE_TOOL_CLASS, 'format', '--standalone', '-t', clusterId(), '-c', propertiesPath],
    { encoding: 'utf8' },
  );
  if (result.error !== undefined || result.status !== 0) {
    throw new KafkaUnavailableError(`formatting the Kafka storage failed: ${`${result.stdout}${result.stderr}`.trim().slice(-2000)}`);
  }
}

/** A cluster id as `kafka-storage random-uuid` makes it: 16 random bytes, URL-safe base64, unpadded. */
function clusterId(): string {
  return Buffer.from(randomUUID().replaceAll('-', ''), 'hex').toString('base64url');
}
