/**
 * Sends through the SES v2 API (SendEmail with raw content) with the shared client: what the
 * Lambda and Fargate consumers use in AWS. No mail library: the message is composed in
 * mime-message.ts, so the Lambda bundle stays small.
 */
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { sesV2Client } from '../shared/aws-clients';
import type { EmailJob } from './email-job';
import { DEFAULT_SEND_TIMEOUT_MS, type Mailer, type MailerOptions } from './mailer';
import { composeRawMessage } from './mime-message';

/** SES v2 SendEmail; errors keep their SES names (MessageRejected...), which message-disposition classifies. */
export function createSesMailer(options: MailerOptions): Mailer {
  const ses = sesV2Client({ requestTimeoutMs: options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS });
  return {
    async send(job: EmailJob): Promise<void> {
      await ses.send(
        new SendEmailCommand({
          FromEmailAddress: options.from,
          Destination: { ToAddresses: [job.to] },
          Content: { Raw: { Data: Buffer.from(composeRawMessage(job, options.from), 'utf8') } },
        }),
      );
    },
    close(): void {
      // The SDK client keeps no connection that must be closed before exit.
    },
  };
}
