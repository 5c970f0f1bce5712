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
import { InvalidBootstrapServersError, parseBootstrapServers as parseServerList } from '../../runtime/kafka/bootstrap-servers';
import { KAFKA_ENV } from '../../runtime/kafka/kafka-names';
import { waitForKafka } from '../../runtime/kafka/wait-for-kafka';
import { freeLoopbackPort } from '../emulators/free-port';
import { spawnOwnedCommand } from '../emulators/owned-child';
import { renderBrokerProperties } from './broker-properties';
import { resolveKafkaJars } from './kafka-jars';
import { checkKafkaPrerequisites, KafkaUnavailableError } from './kafka-prerequisites';
import { localKafkaVersion } from './kafka-version';

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
  /**
   * Stops the local broker (SIGTERM, or the given signal) and starts it again on the same ports and
   * data directory, so topics, records and committed offsets survive; resolves once it answers.
   * Undefined for an external broker.
   */
  readonly restart?: (options?: { readonly signal?: NodeJS.Signals }) => Promise<void>;
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

/** Parses KAFKA_BOOTSTRAP_SERVERS (`host:port[,host:port]`). @throws KafkaUnavailableError naming the variable */
export function parseBootstrapServers(value: string): string[] {
  try {
    return parseServerList(value);
  } catch (error) {
    if (!(error instanceof InvalidBootstrapServersError)) throw error;
    throw new KafkaUnavailableError(`${KAFKA_ENV.bootstrapServers} ${error.message}`);
  }
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

/** One broker JVM on fixed ports and a fixed data directory. */
interface BrokerProcess {
  readonly exited: Promise<void>;
  running(): boolean;
  stderr(): string;
  kill(signal: NodeJS.Signals): void;
}

function spawnBroker(classpath: string, propertiesPath: string, maxHeap: string): BrokerProcess {
  // Its own process group: a terminal's Ctrl-C reaches the run, which stops the broker after its clients.
  const child = spawnOwnedCommand('java', [...FAST_START_JVM_FLAGS, `-Xmx${maxHeap}`, '-cp', classpath, BROKER_CLASS, propertiesPath]);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let running = true;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve())).then(() => {
    running = false;
  });
  return { exited, running: () => running, stderr: () => stderr, kill: (signal) => child.kill(signal) };
}

/** Stops a broker JVM: SIGTERM (a controlled shutdown takes a few seconds), SIGKILL after 5 s; or SIGKILL at once. */
async function stopBroker(broker: BrokerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!broker.running()) return;
  broker.kill(signal);
  const killTimer = setTimeout(() => broker.kill('SIGKILL'), 5_000);
  await broker.exited;
  clearTimeout(killTimer);
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
    writeFileSync(propertiesPath, renderBrokerProperties({ brokerPort, controllerPort, logDirectory: join(logDirectory, 'data') }));
    formatStorage(classpath, propertiesPath);
    const bootstrapServers = [`127.0.0.1:${brokerPort}`];
    const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
    let current = spawnBroker(classpath, propertiesPath, options.maxHeap ?? '512m');
    const stop = async (): Promise<void> => {
      await stopBroker(current);
      removeLogDirectory();
    };
    try {
      await waitForKafka(bootstrapServers, readyTimeoutMs, () => current.running());
    } catch (error) {
      await stop();
      throw new KafkaUnavailableError(`the local Kafka broker did not start: ${(error as Error).message} ${current.stderr().trim()}`);
    }
    const startMs = Math.round(performance.now() - startedAt);
    log(`Apache Kafka ${version} (KRaft) on ${bootstrapServers.join(',')}, started in ${startMs} ms`);
    // Same ports, same data directory: the topics, records and committed offsets survive.
    const restart = async (restartOptions: { readonly signal?: NodeJS.Signals } = {}): Promise<void> => {
      await stopBroker(current, restartOptions.signal ?? 'SIGTERM');
      current = spawnBroker(classpath, propertiesPath, options.maxHeap ?? '512m');
      await waitForKafka(bootstrapServers, readyTimeoutMs, () => current.running());
    };
    return { bootstrapServers, origin: 'local', startMs, version, stop, restart };
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

/**
 * A cluster id as `kafka-storage random-uuid` makes it: 16 random bytes, URL-safe base64, unpadded.
 * Like Kafka's own `Uuid.randomUuid()`, never one that starts with '-': the storage tool's argument
 * parser would read it as a flag (1 start in 64 failed with "--cluster-id: expected one argument").
 */
export function clusterId(): string {
  for (;;) {
    const id = Buffer.from(randomUUID().replaceAll('-', ''), 'hex').toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
