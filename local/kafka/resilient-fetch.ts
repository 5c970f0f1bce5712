/**
 * The MSK event-source runner's reading side: a consumer-group member whose fetch stream is created
 * again, with backoff, whenever it fails or closes (the broker restarted, the group coordinator
 * moved). Lambda's pollers keep polling through a broker outage; a stream the client gave up on
 * ("fetch failed N times") must not stop the partition for good. A new stream resumes from the
 * committed offsets, so records handled but not yet committed come again; the lanes drop those.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Consumer, type Message, type MessagesStream } from '@platformatic/kafka';
import { settleWithin } from '../../runtime/shared/settle-within';

/** A message as the runner reads it: raw bytes. */
export type RawMessage = Message<Buffer, Buffer, Buffer, Buffer>;

/** Props of {@link ResilientFetch}. */
export interface ResilientFetchProps {
  readonly bootstrapServers: readonly string[];
  readonly clientId: string;
  readonly groupId: string;
  readonly topic: string;
  /** Where a group without committed offsets starts. */
  readonly fallbackMode: 'earliest' | 'latest';
  readonly onMessage: (message: RawMessage) => void;
  /** @default nothing */
  readonly log?: (line: string) => void;
  /** First pause before a new stream; doubles up to `maxBackoffMs`. @default 250 */
  readonly initialBackoffMs?: number;
  /** @default 5000 */
  readonly maxBackoffMs?: number;
  /**
   * The member's session timeout. After a broker crash, the group waits this long for the member it
   * lost before the new one gets the partitions.
   * @default 10000 - the client's own default (60 s) would hold the partitions for a minute
   */
  readonly sessionTimeoutMs?: number;
}

/** How long closing a consumer whose broker is gone may take. */
const CLOSE_TIMEOUT_MS = 5_000;

/** One consumer and its fetch stream, replaced on failure until stopped. */
export class ResilientFetch {
  private consumer: Consumer;
  private stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined;
  private stopped = false;
  private recovering: Promise<void> | undefined;
  /** Fetch streams created again after a failure. */
  restarts = 0;

  constructor(private readonly props: ResilientFetchProps) {
    this.consumer = this.newConsumer();
  }

  /** Opens the first stream (a broker that cannot be reached now is an error for the caller). */
  async start(): Promise<void> {
    await this.open();
  }

  /** Commits `offset` (the next to read) of one partition, bounded: a commit can wait on a group rejoin. */
  commit(offset: { readonly topic: string; readonly partition: number; readonly offset: bigint; readonly leaderEpoch: number }, timeoutMs: number): Promise<boolean> {
    return settleWithin(this.consumer.commit({ offsets: [offset] }), timeoutMs);
  }

  /** The end offsets of the topic, by partition. */
  async endOffsets(): Promise<readonly bigint[]> {
    return (await this.consumer.listOffsets({ topics: [this.props.topic] })).get(this.props.topic) ?? [];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    // Bounded: opening a stream against a broker that is still down can take as long as its retries.
    if (this.recovering !== undefined) await settleWithin(this.recovering, CLOSE_TIMEOUT_MS);
    await this.closeCurrent();
  }

  private newConsumer(): Consumer {
    const sessionTimeout = this.props.sessionTimeoutMs ?? 10_000;
    return new Consumer({
      bootstrapBrokers: [...this.props.bootstrapServers],
      clientId: this.props.clientId,
      groupId: this.props.groupId,
      sessionTimeout,
      // A third of the session timeout: the usual Kafka ratio.
      heartbeatInterval: Math.floor(sessionTimeout / 3),
    });
  }

  private async open(): Promise<void> {
    const stream = await this.consumer.consume({ topics: [this.props.topic], mode: 'committed', fallbackMode: this.props.fallbackMode, autocommit: false });
    this.stream = stream;
    stream.on('data', this.props.onMessage);
    const failed = (reason: string): void => {
      if (this.stream !== stream || this.stopped) return;
      this.props.log?.(`fetch stream of ${this.props.topic} ended (${reason}); reading again`);
      this.recovering ??= this.recover().finally(() => (this.recovering = undefined));
    };
    stream.on('error', (error: Error) => failed(error.message));
    stream.on('close', () => failed('closed'));
  }

  private async recover(): Promise<void> {
    await this.closeCurrent();
    let backoffMs = this.props.initialBackoffMs ?? 250;
    while (!this.stopped) {
      await sleep(backoffMs);
      this.consumer = this.newConsumer();
      try {
        await this.open();
        this.restarts += 1;
        this.props.log?.(`fetch stream of ${this.props.topic} open again`);
        return;
      } catch (error) {
        this.props.log?.(`reading ${this.props.topic} again failed (${error instanceof Error ? error.message : String(error)}); next try in ${backoffMs} ms`);
        await this.closeCurrent();
        backoffMs = Math.min(backoffMs * 2, this.props.maxBackoffMs ?? 5_000);
      }
    }
  }

  private async closeCurrent(): Promise<void> {
    const [stream, consumer] = [this.stream, this.consumer];
    this.stream = undefined;
    if (stream !== undefined) await settleWithin(stream.close(), CLOSE_TIMEOUT_MS);
    await settleWithin(consumer.close(true), CLOSE_TIMEOUT_MS);
  }
}
