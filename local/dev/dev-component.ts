/**
 * What `npm run dev` runs: a list of components (see dev-registry.ts), each of which starts its
 * emulators, provisions its stack from the synthesized template, starts its consumers and says
 * where a client finds them. A new pattern joins `npm run dev` with one component and one line.
 */
import type { RunEventSink } from '../web/run-event-sink';

/** What every component is started with. */
export interface DevContext {
  /** Folder the SMTP sink writes captured mail to, one `.eml` file per message. */
  readonly mailboxDir: string;
  /** Overrides the archive's `BufferingHints.IntervalInSeconds`. @default the stack's (300 s) */
  readonly archiveBufferingSeconds?: number;
  /** Progress and warning lines (stderr). */
  readonly log: (line: string) => void;
  /** Where the live page (`--web`) gets what the component observes. @default undefined: no page, nothing sampled */
  readonly liveEvents?: RunEventSink;
}

/** Where a client finds one component's resources. Names are physical (as provisioned locally). */
export interface DevDescription {
  /** Endpoints by service, e.g. `{ sqs: 'http://127.0.0.1:4566' }`, or `{ kafka: '127.0.0.1:9092' }` (bootstrap servers). */
  readonly endpoints: Readonly<Record<string, string>>;
  /** Queue URLs by role. @default none */
  readonly queues?: Readonly<Record<string, string>>;
  /** Kinesis stream names by role. @default none */
  readonly streams?: Readonly<Record<string, string>>;
  /** SNS or Kafka topic names by role. @default none */
  readonly topics?: Readonly<Record<string, string>>;
  /** DynamoDB table names by role. @default none */
  readonly tables?: Readonly<Record<string, string>>;
  /** S3 bucket names by role. @default none */
  readonly buckets?: Readonly<Record<string, string>>;
  /** The SMTP sink's mailbox folder. @default none */
  readonly mailbox?: string;
  /** The consumers it runs, by name, with what they do. */
  readonly consumers: Readonly<Record<string, string>>;
  /** Ready-to-paste commands (AWS CLI, `npm run produce`). */
  readonly examples: readonly string[];
  /** Why the component did not start (what to install); the other components still run. @default undefined - it runs */
  readonly skipped?: string;
}

/** A started component. `stop()` stops everything it started and is idempotent. */
export interface RunningDevComponent {
  readonly description: DevDescription;
  /** Counters a client can read over HTTP (`GET /status`): what each consumer handled so far. */
  status(): Readonly<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** One pattern in `npm run dev`. */
export interface DevComponent {
  /** Key in the printed output and in `--json`, e.g. `email`. */
  readonly name: string;
  /** Starts it; on failure it stops what it had started before rethrowing. */
  start(context: DevContext): Promise<RunningDevComponent>;
}

/**
 * Runs `steps` in order, remembering each stop; if a later step throws, stops the earlier ones (in
 * reverse) and rethrows. Components use it so a failed start leaves nothing running.
 */
export class StartedResources {
  private readonly stops: (() => Promise<void> | void)[] = [];
  private stopped = false;

  /** Remembers how to stop something that has started; returns it. */
  add<T>(resource: T, stop: (resource: T) => Promise<unknown> | unknown): T {
    this.stops.push(async () => {
      await stop(resource);
    });
    return resource;
  }

  /** Stops everything, last started first; one failing stop does not skip the others. Idempotent. */
  async stopAll(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const failures: unknown[] = [];
    for (const stop of this.stops.reverse()) await Promise.resolve(stop()).catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} resource(s) failed to stop`);
  }
}
