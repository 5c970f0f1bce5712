/**
 * The raw MIME message of one job for SES v2 SendEmail (`Content.Raw`): the same headers the SMTP
 * path sends (Message-ID from the jobId, X-Job-Id), a UTF-8 plain-text body in base64. Small on
 * purpose: the job's fields are validated (no control or bidi characters in the subject or the
 * address, see email-job.ts), so only the subject needs encoding.
 */
import { JOB_ID_HEADER, messageIdForJob, type EmailJob } from './email-job';

/** RFC 2045 §6.8: base64 lines of at most 76 characters. */
const BASE64_LINE_LENGTH = 76;
/**
 * RFC 2047 §2: an encoded-word is at most 75 characters; 45 bytes of UTF-8 make 60 base64
 * characters, plus the 12 of `=?UTF-8?B?` and `?=`.
 */
const ENCODED_WORD_BYTES = 45;
/** Printable ASCII only: such a subject goes out as is. */
const PLAIN_HEADER_TEXT = /^[\x20-\x7E]*$/;
/** RFC 5322 §2.1.1: a line SHOULD be at most 78 characters; longer plain subjects are encoded and folded. */
const MAX_PLAIN_SUBJECT_LENGTH = 68;

/** Splits text into chunks of at most `maxBytes` UTF-8 bytes, never inside a character. */
function utf8Chunks(text: string, maxBytes: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const character of text) {
    if (Buffer.byteLength(current + character, 'utf8') > maxBytes) {
      chunks.push(current);
      current = '';
    }
    current += character;
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

/** The Subject header's value: as is when short printable ASCII, else RFC 2047 encoded-words, folded. */
export function encodeSubject(subject: string): string {
  if (PLAIN_HEADER_TEXT.test(subject) && subject.length <= MAX_PLAIN_SUBJECT_LENGTH) return subject;
  return utf8Chunks(subject, ENCODED_WORD_BYTES)
    .map((chunk) => `=?UTF-8?B?${Buffer.from(chunk, 'utf8').toString('base64')}?=`)
    .join('\r\n ');
}

/** The whole message, CRLF line endings (RFC 5322). `date` is the Date header. */
export function composeRawMessage(job: EmailJob, from: string, date: Date = new Date()): string {
  const body = Buffer.from(job.body, 'utf8').toString('base64');
  const bodyLines = body.match(new RegExp(`.{1,${BASE64_LINE_LENGTH}}`, 'g')) ?? [];
  return [
    `From: ${from}`,
    `To: ${job.to}`,
    `Subject: ${encodeSubject(job.subject)}`,
    `Message-ID: ${messageIdForJob(job.jobId, from)}`,
    `${JOB_ID_HEADER}: ${job.jobId}`,
    `Date: ${date.toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    ...bodyLines,
    '',
  ].join('\r\n');
}
