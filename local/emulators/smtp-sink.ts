import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { freeLoopbackPort } from './free-port';

/** One message as the sink received it. */
export interface CapturedMail {
  readonly from: string;
  readonly to: readonly string[];
  /** The raw RFC 5322 message. */
  readonly raw: string;
  /** Value of the `X-Job-Id` header the email worker sets, if any. */
  readonly jobId: string | undefined;
  /** User name the client logged in with (`smtp://<user>:x@host`), if any: tells local workers apart. */
  readonly clientUser: string | undefined;
}

/** A message whose DATA reply is being held (see `SmtpSinkOptions.dataResponseDelayMs`). */
export interface HeldDelivery {
  readonly jobId: string | undefined;
  readonly clientUser: string | undefined;
}

/** Optional fault injection. Without options the sink accepts every message at once. */
export interface SmtpSinkOptions {
  /**
   * Recipients matching `recipientPattern` get `451` (try again later, RFC 5321 §4.2.1) on their
   * first `attempts` RCPT TO commands, counted per address, so a client's retry path is real.
   * @default no rejections
   */
  readonly transientRejection?: { readonly recipientPattern: RegExp; readonly attempts: number };
  /**
   * Holds the reply to DATA this long. The message counts as delivered only if the client is still
   * connected when the `250` goes out: a client killed while held never got an acceptance.
   * @default 0
   */
  readonly dataResponseDelayMs?: number;
}

/** An SMTP server on 127.0.0.1 that keeps what it accepts in memory. */
export interface SmtpSink {
  readonly port: number;
  /** `smtp://127.0.0.1:<port>`: what the worker reads from `SMTP_URL`. */
  readonly url: string;
  /** Messages acknowledged with 250, in order. */
  readonly messages: readonly CapturedMail[];
  /** The sink URL with a login, e.g. `smtp://worker-2:x@127.0.0.1:<port>`, recorded as `clientUser`. */
  urlForUser(user: string): string;
  /** Calls `listener` whenever a DATA reply starts being held. Returns an unsubscribe function. */
  onHeld(listener: (delivery: HeldDelivery) => void): () => void;
  /**
   * From now on, never answer DATA from `clientUser`: its messages stay unacknowledged until it
   * disconnects (then they are not delivered). Lets a test freeze a worker in "sending, not yet
   * accepted" before killing it, so no job of that worker is between acceptance and its idempotency
   * record's completion (the window SMTP cannot make exactly-once).
   */
  holdRepliesTo(clientUser: string): void;
  /** DATA replies currently held for `clientUser` (see `holdRepliesTo`). */
  heldReplies(clientUser: string): number;
  /** Resets the captured list and the rejection counters (between test cases). */
  clear(): void;
  stop(): Promise<void>;
}

const JOB_ID_HEADER = /^x-job-id:\s*(.+)$/im;

/** SMTP 451: "Requested action aborted: local error in processing" (transient, RFC 5321 §4.2.3). */
const TRANSIENT_REPLY_CODE = 451;

function sessionUser(session: SMTPServerSession): string | undefined {
  return typeof session.user === 'string' ? session.user : undefined;
}

/**
 * Starts the sink. Any login is accepted (and optional): it is a loopback test double, not a relay.
 *
 * Honest limit: even with a held reply, a client that dies after the sink's 250 but before it
 * records success would send again on redelivery. SMTP has no way to make that window exactly-once.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const sink = new LoopbackSmtpSink(await freeLoopbackPort(), options);
  await sink.listen();
  return sink;
}

/** The sink's server and what it has seen: captured mail, rejections so far, held and frozen replies. */
class LoopbackSmtpSink implements SmtpSink {
  readonly url: string;
  readonly messages: CapturedMail[] = [];
  private readonly rejectionsByRecipient = new Map<string, number>();
  private readonly closedSessions = new Set<string>();
  private readonly heldListeners = new Set<(delivery: HeldDelivery) => void>();
  private readonly frozenUsers = new Set<string>();
  /** Per frozen session: the DATA callbacks waiting for a reply that never comes. */
  private readonly frozenReplies = new Map<string, { readonly clientUser: string; readonly reject: () => void }[]>();
  private readonly delayMs: number;
  private readonly server: SMTPServer;

  constructor(
    readonly port: number,
    private readonly options: SmtpSinkOptions,
  ) {
    this.url = `smtp://127.0.0.1:${port}`;
    this.delayMs = options.dataResponseDelayMs ?? 0;
    this.server = new SMTPServer({
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // The workers keep pools of connections; allow more than the default 100 clients' worth of churn.
      maxClients: 1000,
      onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
      onRcptTo: (address, _session, callback) => callback(this.transientRejectionOf(address.address)),
      onClose: (session) => this.forgetSession(session.id),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => this.reply(capturedMail(Buffer.concat(chunks).toString('utf8'), session), session.id, callback));
      },
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => resolve());
    });
    // A client vanishing mid-session (a killed worker) is expected here, not a sink failure.
    this.server.on('error', () => undefined);
  }

  // The public methods are bound arrow functions, as on the plain object this used to be: callers
  // pass them around unbound (e.g. `smtpUrlFor: sink.urlForUser`).
  readonly urlForUser = (user: string): string => `smtp://${encodeURIComponent(user)}:x@127.0.0.1:${this.port}`;

  readonly onHeld = (listener: (delivery: HeldDelivery) => void): (() => void) => {
    this.heldListeners.add(listener);
    return () => this.heldListeners.delete(listener);
  };

  readonly holdRepliesTo = (clientUser: string): void => {
    this.frozenUsers.add(clientUser);
  };

  readonly heldReplies = (clientUser: string): number => {
    let held = 0;
    for (const pending of this.frozenReplies.values()) held += pending.filter((reply) => reply.clientUser === clientUser).length;
    return held;
  };

  readonly clear = (): void => {
    this.messages.length = 0;
    this.rejectionsByRecipient.clear();
  };

  readonly stop = (): Promise<void> => new Promise<void>((resolve) => this.server.close(() => resolve()));

  /** The 451 a matching recipient gets on its first attempts, or undefined to accept it. */
  private transientRejectionOf(address: string): Error | undefined {
    const rule = this.options.transientRejection;
    if (rule === undefined || !rule.recipientPattern.test(address)) return undefined;
    const rejected = this.rejectionsByRecipient.get(address) ?? 0;
    if (rejected >= rule.attempts) return undefined;
    this.rejectionsByRecipient.set(address, rejected + 1);
    return Object.assign(new Error('simulated transient failure, try again later'), { responseCode: TRANSIENT_REPLY_CODE });
  }

  private forgetSession(sessionId: string): void {
    this.closedSessions.add(sessionId);
    for (const pending of this.frozenReplies.get(sessionId) ?? []) pending.reject();
    this.frozenReplies.delete(sessionId);
  }

  /** Answers DATA at once, after the configured delay, or never (a frozen client) until it disconnects. */
  private reply(mail: CapturedMail, sessionId: string, callback: (error?: Error | null) => void): void {
    const acknowledge = (): void => {
      if (this.closedSessions.has(sessionId)) {
        callback(new Error('client disconnected before the message was accepted'));
        return;
      }
      this.messages.push(mail);
      callback();
    };
    const frozen = mail.clientUser !== undefined && this.frozenUsers.has(mail.clientUser);
    if (this.delayMs === 0 && !frozen) {
      acknowledge();
      return;
    }
    for (const listener of this.heldListeners) listener({ jobId: mail.jobId, clientUser: mail.clientUser });
    if (frozen && mail.clientUser !== undefined) {
      const pending = this.frozenReplies.get(sessionId) ?? [];
      pending.push({
        clientUser: mail.clientUser,
        reject: () => callback(new Error('client disconnected before the message was accepted')),
      });
      this.frozenReplies.set(sessionId, pending);
      return;
    }
    setTimeout(acknowledge, this.delayMs);
  }
}

function capturedMail(raw: string, session: SMTPServerSession): CapturedMail {
  const headerBlock = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  return {
    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    to: session.envelope.rcptTo.map((r) => r.address),
    raw,
    jobId: JOB_ID_HEADER.exec(headerBlock)?.[1]?.trim(),
    clientUser: sessionUser(session),
  };
}
