/**
 * The one mail-sending interface the job module depends on. Implementations: ses-mailer.ts (SES v2
 * API, in AWS) and smtp-mailer.ts (nodemailer, local runs); create-mailer.ts picks one.
 */
import type { EmailJob } from './email-job';

/** Sends one job's email. The job module depends on this, not on a mail library. */
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

/** Builds the SMTP mailer (smtp-mailer.ts's `createSmtpMailer`). */
export type SmtpMailerFactory = (options: MailerOptions & { readonly smtpUrl: string }) => Mailer;

/** Upper bound of one send when none is given: 30 s, the stack's default job timeout. */
export const DEFAULT_SEND_TIMEOUT_MS = 30_000;
