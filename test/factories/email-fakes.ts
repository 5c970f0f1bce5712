import type { SQSClient } from '@aws-sdk/client-sqs';
import type { EmailJob } from '../../runtime/email-worker/email-job';
import type { Mailer } from '../../runtime/email-worker/mailer';

/** A mailer that records what it sends and fails for the jobIds it is told to. */
export class FakeMailer implements Mailer {
  readonly sent: EmailJob[] = [];
  private readonly failures = new Map<string, Error>();

  /** Makes every send of `jobId` throw `error`. */
  failFor(jobId: string, error: Error): void {
    this.failures.set(jobId, error);
  }

  /** Lets `jobId` be sent again. */
  recover(jobId: string): void {
    this.failures.delete(jobId);
  }

  async send(job: EmailJob): Promise<void> {
    const failure = this.failures.get(job.jobId);
    if (failure !== undefined) throw failure;
    this.sent.push(job);
  }

  close(): void {}
}

/** One command an SQS fake received. */
export interface RecordedCommand {
  readonly name: string;
  readonly input: Record<string, unknown>;
}

/**
 * An SQS client stand-in for pure unit tests: records each command and answers with `respond`.
 * Anything about how SQS behaves is tested against fauxqs instead.
 */
export function recordingSqsClient(respond: (command: RecordedCommand) => unknown = () => ({})): {
  client: SQSClient;
  commands: RecordedCommand[];
} {
  const commands: RecordedCommand[] = [];
  const fake = {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }): Promise<unknown> {
      const recorded = { name: command.constructor.name, input: command.input };
      commands.push(recorded);
      return respond(recorded);
    },
  };
  return { client: fake as unknown as SQSClient, commands };
}
