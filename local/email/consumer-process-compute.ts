/**
 * The embedded email target's compute: one local process per Fargate task (or per Lambda execution
 * environment), started on demand up to a maximum. Every output line goes to the observers the
 * target reads outcomes from (EMF metrics, retry log events).
 */
import { startConsumerProcess, stopConsumerProcess, type ConsumerExit, type ConsumerProcess, type ConsumerProcessSpec } from './consumer-processes';
import type { EmailCompute } from './email-target';
import type { RetryLogCounter, RetryObservation } from './retry-log-counter';

/** Consumer processes of one run. */
export class ConsumerProcessCompute implements EmailCompute {
  readonly consumers: ConsumerProcess[] = [];
  private readonly exited: Record<string, ConsumerExit> = {};

  constructor(
    private readonly specs: readonly ConsumerProcessSpec[],
    private readonly onLine: (line: string) => void,
    private readonly retryCounter: RetryLogCounter,
    /** SIGTERM-to-SIGKILL grace, as the platform gives it. */
    private readonly stopGraceMs: number,
  ) {}

  get maxWorkers(): number {
    return this.specs.length;
  }

  startWorker(): void {
    const spec = this.specs[this.consumers.length];
    if (spec === undefined) return;
    const consumer = startConsumerProcess(spec, { onLine: this.onLine });
    this.consumers.push(consumer);
    void consumer.exited.then((exit) => {
      this.exited[consumer.id] = exit;
    });
  }

  workers(): number {
    return this.consumers.length;
  }

  retries(): RetryObservation {
    return this.retryCounter.observation();
  }

  exits(): Readonly<Record<string, ConsumerExit>> {
    return { ...this.exited };
  }

  outputTails(): string[] {
    return this.consumers.map((consumer) => `--- ${consumer.id} output (tail) ---\n${consumer.outputTail()}`);
  }

  async stop(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => stopConsumerProcess(consumer, this.stopGraceMs)));
  }
}
