/**
 * Picks the {@link Mailer}: the SES v2 API (SendEmail with a raw MIME message, ses-mailer.ts) in
 * AWS, or SMTP (nodemailer, smtp-mailer.ts) when SMTP_URL is set, as in local runs. nodemailer is
 * about 237 KB, most of the Lambda bundle's 300 KB budget, so it is loaded only when SMTP is asked for.
 */
import { join } from 'node:path';
import type { Mailer, MailerOptions, SmtpMailerFactory } from './mailer';
import { createSesMailer } from './ses-mailer';

/** The SMTP mailer's module, next to this one in the sources (tsx, Jest). */
const SMTP_MAILER_MODULE = 'smtp-mailer';

/**
 * Loads smtp-mailer.ts when first needed. The path is computed, so esbuild does not follow it and
 * nodemailer stays out of the Lambda bundle (Lambda sends through SES); runs from the sources
 * (local Lambda mode) resolve it normally. A bundle that needs SMTP passes the factory in instead
 * (the Fargate worker does).
 */
export function loadSmtpMailerFactory(): SmtpMailerFactory {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- computed path: kept out of the bundle on purpose
    const smtp = require(join(__dirname, SMTP_MAILER_MODULE)) as { createSmtpMailer: SmtpMailerFactory };
    return smtp.createSmtpMailer;
  } catch (error) {
    throw new Error(
      'SMTP_URL is set but this bundle has no SMTP support (the Lambda bundle sends through SES only): ' +
        `unset SMTP_URL, or run the handler from the sources. Cause: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/** SES v2 when `smtpUrl` is undefined, otherwise SMTP through `smtpFactory` (loaded on demand by default). */
export function createMailer(options: MailerOptions, smtpFactory?: SmtpMailerFactory): Mailer {
  const { smtpUrl } = options;
  if (smtpUrl === undefined) return createSesMailer(options);
  return (smtpFactory ?? loadSmtpMailerFactory())({ ...options, smtpUrl });
}
