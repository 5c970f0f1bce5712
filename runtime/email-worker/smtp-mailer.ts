/**
 * SMTP delivery with nodemailer's pooled transport: local runs (the SMTP sink) and any relay.
 * Imported only where SMTP is used (see mailer.ts), so the Lambda bundle carries no nodemailer.
 */
import { createTransport } from 'nodemailer';
import { JOB_ID_HEADER, messageIdForJob, type EmailJob } from './email-job';
import { DEFAULT_SEND_TIMEOUT_MS, type Mailer, type SmtpMailerFactory } from './mailer';

/** Five connections: enough to keep a pipeline busy without tripping typical relay connection limits. */
const DEFAULT_MAX_SMTP_CONNECTIONS = 5;

/** The message nodemailer sends for one job: same job, same Message-ID, always. */
export function composeMail(job: EmailJob, from: string) {
  return {
    from,
    to: job.to,
    subject: job.subject,
    text: job.body,
    messageId: messageIdForJob(job.jobId, from),
    headers: { [JOB_ID_HEADER]: job.jobId },
  };
}

/** nodemailer with pooled SMTP. */
export const createSmtpMailer: SmtpMailerFactory = (options) => {
  const sendTimeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const transport = createTransport({
    pool: true,
    url: options.smtpUrl,
    maxConnections: options.maxSmtpConnections ?? DEFAULT_MAX_SMTP_CONNECTIONS,
    connectionTimeout: sendTimeoutMs,
    greetingTimeout: sendTimeoutMs,
    socketTimeout: sendTimeoutMs,
  });
  return {
    async send(job: EmailJob): Promise<void> {
      await transport.sendMail(composeMail(job, options.from));
    },
    close(): void {
      transport.close();
    },
  } satisfies Mailer;
};
