/**
 * The shape of one email job and its validation rules: the one place both the producer
 * (`enqueueEmails`) and the consumer (`job.ts`) decide whether a job is well-formed.
 */
import { findSqsRefusedCharacter } from '../shared/sqs-poller/sqs-text';

/** One email to send, as it travels on the queue (JSON message body). */
export interface EmailJob {
  /** Caller-chosen unique id: the idempotency key, the `X-Job-Id` header and the Message-ID's local part. */
  readonly jobId: string;
  /** A single recipient address. */
  readonly to: string;
  readonly subject: string;
  /** Plain-text body. */
  readonly body: string;
}

/** Header every email carries so a recipient (or the local SMTP sink) can tell jobs apart. */
export const JOB_ID_HEADER = 'X-Job-Id';

/**
 * jobId characters: it is copied into mail headers and the Message-ID, so no spaces, no CR/LF,
 * no `<>@`. 128 characters is plenty for a UUID or a ULID with a prefix.
 */
const JOB_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** 254 characters: the longest address that fits an SMTP forward-path (RFC 5321 errata 1690). */
const MAX_ADDRESS_LENGTH = 254;

/**
 * A deliberately plain address check: one local part without spaces, quotes or separators, and a
 * dotted domain of letter/digit/hyphen labels. Mail servers do the final check.
 */
const ADDRESS_PATTERN =
  /^[^\s@<>(),;:"[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/**
 * Invisible or rewritten characters: controls (NUL, CR/LF...), format characters (zero-width,
 * bidi overrides), separators, surrogates, private-use and unassigned code points. nodemailer drops
 * or re-encodes them, so `a\u0000b@example.com` would be validated as one address and delivered to
 * `ab@example.com`; and a bidi override makes an address read differently from what it is.
 */
const INVISIBLE_IN_ADDRESS = /[\p{C}\p{Z}]/u;
/**
 * In a subject (a header line): controls, which nodemailer folds or strips (CR/LF would start a new
 * header), and the bidi controls that reorder how it reads. Zero-width joiners stay (emoji use them).
 */
const REWRITTEN_IN_SUBJECT = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

const REQUIRED_TEXT_FIELDS = ['jobId', 'to', 'subject', 'body'] as const;

/** True when `address` is one plausible email address, delivered exactly as written. */
export function isValidEmailAddress(address: string): boolean {
  return address.length <= MAX_ADDRESS_LENGTH && !INVISIBLE_IN_ADDRESS.test(address) && ADDRESS_PATTERN.test(address);
}

/**
 * Lists everything wrong with a candidate job (empty list: it is a valid {@link EmailJob}).
 * Returns every problem at once so a caller can fix them in one go.
 */
export function findEmailJobProblems(candidate: unknown): string[] {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    return ['the job must be a JSON object with jobId, to, subject and body'];
  }
  const fields = candidate as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of REQUIRED_TEXT_FIELDS) {
    const value = fields[field];
    if (value === undefined || value === null) problems.push(`${field} is missing`);
    else if (typeof value !== 'string') problems.push(`${field} must be a string, got ${typeof value}`);
    else if (value.trim() === '') problems.push(`${field} is empty`);
  }
  for (const field of REQUIRED_TEXT_FIELDS) {
    const value = fields[field];
    const refused = typeof value === 'string' ? findSqsRefusedCharacter(value) : undefined;
    // The producer checks it so that nothing is sent when SQS would refuse one entry of a batch.
    if (refused !== undefined) problems.push(`${field} holds a character SQS refuses (${refused})`);
  }
  const { jobId, to, subject } = fields;
  if (typeof jobId === 'string' && jobId.trim() !== '' && !JOB_ID_PATTERN.test(jobId)) {
    problems.push('jobId must be 1-128 characters of letters, digits, ".", "_", ":" or "-"');
  }
  if (typeof to === 'string' && to.trim() !== '' && !isValidEmailAddress(to)) {
    problems.push(`to is not a valid email address: ${JSON.stringify(to.slice(0, 100))}`);
  }
  if (typeof subject === 'string' && REWRITTEN_IN_SUBJECT.test(subject)) {
    problems.push('subject holds a control or bidi character (line breaks, NUL, direction overrides are not allowed)');
  }
  return problems;
}

/** Narrows a candidate to an {@link EmailJob} when it has no problems. */
export function isEmailJob(candidate: unknown): candidate is EmailJob {
  return findEmailJobProblems(candidate).length === 0;
}

/** Deterministic Message-ID: a resend of the same job is recognisable as the same message. */
export function messageIdForJob(jobId: string, senderAddress: string): string {
  const domain = senderAddress.split('@')[1] ?? 'localhost';
  return `<${jobId}@${domain}>`;
}
