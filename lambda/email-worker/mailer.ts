import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { createTransport } from 'nodemailer';
import { sesV2Client } from '../shared/aws-clients';
import { JOB_ID_HEADER, messageIdForJob, type EmailJob } from './email-job';

/** Sends one job's email. The job module depends on this, not on nodemailer. */
export interface Mailer {
  send(job: EmailJob): Promise<void>;
  /** Closes pooled connections. */
  close(): void;
}

/** How to build a {@link Mailer}. */
export interface MailerOptions {
  /** Sender address (a verified SES identity in AWS). */
  readonly from: string;
  /** SMTP server URL; when undefined mail goes through the SES v2 API. @default undefined */
  readonly smtpUrl?: string;
  /** Most SMTP connections kept open at once. @default 5 */
  readonly maxSmtpConnections?: number;
  /** Upper bound of one send, in ms; SMTP connect/greeting/socket timeouts derive from it. @default 30000 */
  readonly sendTimeoutMs?: number;
}

/** Five connections: enough to keep a pipeline busy without tripping typical relay connection limits. */
const DEFAULT_MAX_SMTP_CONNECTIONS = 5;
const DEFAULT_SEND_TIMEOUT_MS = 30_000;

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

/** nodemailer with pooled SMTP when `smtpUrl` is set, otherwise its SES v2 transport. */
export function createMailer(options: MailerOptions): Mailer {
  const sendTimeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const transport =
    options.smtpUrl === undefined
      ? createTransport({ SES: { sesClient: sesV2Client({ requestTimeoutMs: sendTimeoutMs }), SendEmailCommand } })
      : createTransport({
          pool: true,
          url: options.smtpUrl,
          maxConnections: options.maxSmtpConnections ?? DEFAULT_MAX_SMTP_CONNECTIONS,
          connectionTimeout: sendTimeoutMs,
          greetingTimeout: sendTimeoutMs,
          socketTimeout: sendTimeoutMs,
        });
  return {
    async send(job) {
      await transport.sendMail(composeMail(job, options.from));
    },
    close() {
      transport.close();
    },
  };
}
