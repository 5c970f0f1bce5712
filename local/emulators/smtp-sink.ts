import { SMTPServer } from 'smtp-server';
import { freeLoopbackPort } from './free-port';

/** One message as the sink received it. */
export interface CapturedMail {
  readonly from: string;
  readonly to: readonly string[];
  /** The raw RFC 5322 message. */
  readonly raw: string;
  /** Value of the `X-Job-Id` header the email worker sets, if any. */
  readonly jobId: string | undefined;
}

/** An SMTP server on 127.0.0.1 that accepts every message and keeps it in memory. */
export interface SmtpSink {
  readonly port: number;
  /** `smtp://127.0.0.1:<port>`: what the worker reads from `SMTP_URL`. */
  readonly url: string;
  readonly messages: readonly CapturedMail[];
  /** Resets the captured list (between test cases). */
  clear(): void;
  stop(): Promise<void>;
}

const JOB_ID_HEADER = /^x-job-id:\s*(.+)$/im;

/** Starts the sink. Authentication is off: it is a loopback test double, not a relay. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const port = await freeLoopbackPort();
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // The worker keeps a pool of connections; allow more than the default 100 clients' worth of churn.
    maxClients: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const headerBlock = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          jobId: JOB_ID_HEADER.exec(headerBlock)?.[1]?.trim(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    clear: () => {
      messages.length = 0;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
