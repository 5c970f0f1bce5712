/**
 * Apache Kafka's own producer benchmark, `org.apache.kafka.tools.ProducerPerformance` from the
 * `kafka-tools` artifact of the broker's version, run on the same broker and topic as the project's
 * producer with Java's default producer settings and acks=all. Its final line is the whole run's
 * figure: `N records sent, R records/sec (…), …`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { resolveKafkaToolsJars } from '../../local/kafka/kafka-jars';

/** One ProducerPerformance run, as it reports itself. */
export interface JavaProducerRun {
  readonly records: number;
  readonly recordsPerSecond: number;
  /** Wall time of the whole process, JVM start included. */
  readonly wallMs: number;
}

/** Options of {@link runJavaProducerPerformance}. */
export interface JavaProducerPerformanceOptions {
  readonly version: string;
  readonly bootstrapServers: readonly string[];
  readonly topic: string;
  readonly records: number;
  /** Bytes per record (ProducerPerformance sends random payloads of this size). @default 130 */
  readonly recordSize?: number;
  /** Kills the run after this long. @default 300000 */
  readonly timeoutMs?: number;
  readonly log?: (line: string) => void;
}

/** The final summary line, e.g. `200000 records sent, 31225.6 records/sec (3.87 MB/sec), …`. */
const SUMMARY = /^(\d+) records sent, ([\d.]+) records\/sec/;

/** Runs ProducerPerformance once; rejects when it fails, times out or prints no summary. */
export async function runJavaProducerPerformance(options: JavaProducerPerformanceOptions): Promise<JavaProducerRun> {
  const classpath = join(resolveKafkaToolsJars(options.version, options.log), '*');
  const args = [
    '-cp',
    classpath,
    'org.apache.kafka.tools.ProducerPerformance',
    ...['--topic', options.topic, '--num-records', String(options.records), '--record-size', String(options.recordSize ?? 130), '--throughput', '-1'],
    // `--command-property` is 4.x's name for `--producer-props` (still accepted, with a deprecation
    // notice); it takes every property after one flag, a repeated flag keeps only the last.
    ...['--command-property', `bootstrap.servers=${options.bootstrapServers.join(',')}`, 'acks=all'],
  ];
  const started = performance.now();
  const output = await runJava(args, options.timeoutMs ?? 300_000);
  return { ...parseProducerPerformanceSummary(output), wallMs: performance.now() - started };
}

/**
 * The figures of ProducerPerformance's final summary line. The progress lines printed every few
 * seconds (`N records sent, R records/sec (…), … max latency.`) look alike, so the last match wins.
 * @throws Error when there is no summary line.
 */
export function parseProducerPerformanceSummary(output: string): { records: number; recordsPerSecond: number } {
  const summary = output
    .split('\n')
    .map((line) => SUMMARY.exec(line.trim()))
    .filter((match) => match !== null)
    .at(-1);
  if (summary === undefined) throw new Error(`ProducerPerformance printed no summary line: ${output.slice(-1000)}`);
  return { records: Number(summary[1]), recordsPerSecond: Number(summary[2]) };
}

function runJava(args: readonly string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('java', [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`ProducerPerformance ended with ${signal ?? `exit code ${String(code)}`}: ${`${stdout}${stderr}`.slice(-1000)}`));
    });
  });
}
