import { composeRawMessage, encodeSubject } from '../../../runtime/email-worker/mime-message';
import { createMailer, loadSmtpMailerFactory } from '../../../runtime/email-worker/create-mailer';
import { anEmailJob } from '../../factories/email-job';

/** Header name → value of a raw message (folded lines joined), and its body. */
function parse(raw: string): { headers: Record<string, string>; body: string } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const unfolded = head.replace(/\r\n /g, ' ');
  const headers = Object.fromEntries(unfolded.split('\r\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]));
  return { headers, body };
}

/** Decodes RFC 2047 B encoded-words (what a mail client shows). */
function decodeWords(value: string): string {
  return value
    .split(' ')
    .map((word) => /^=\?UTF-8\?B\?(.*)\?=$/.exec(word)?.[1])
    .map((base64) => Buffer.from(base64 ?? '', 'base64'))
    .reduce((all, part) => Buffer.concat([all, part]), Buffer.alloc(0))
    .toString('utf8');
}

describe('composeRawMessage', () => {
  it('carries the same Message-ID and X-Job-Id as the SMTP path, and the body in base64', () => {
    // Prepare
    const job = anEmailJob({ jobId: 'job-42', to: 'ann@example.com', subject: 'Hello', body: 'Line 1\nLíne 2 ✓' });
    // Act
    const { headers, body } = parse(composeRawMessage(job, 'noreply@mail.example.com', new Date('2026-12-02T06:00:00Z')));
    // Assert
    expect(headers).toEqual({
      From: 'noreply@mail.example.com',
      To: 'ann@example.com',
      Subject: 'Hello',
      'Message-ID': '<job-42@mail.example.com>',
      'X-Job-Id': 'job-42',
      Date: 'Wed, 02 Dec 2026 06:00:00 GMT',
      'MIME-Version': '1.0',
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Transfer-Encoding': 'base64',
    });
    expect(body.split('\r\n').every((line) => line.length <= 76)).toBe(true);
    expect(Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8')).toBe('Line 1\nLíne 2 ✓');
  });

  it('wraps a long body in base64 lines of at most 76 characters', () => {
    const { body } = parse(composeRawMessage(anEmailJob({ body: 'x'.repeat(1000) }), 'a@example.com'));
    const lines = body.split('\r\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(10);
    expect(Math.max(...lines.map((line) => line.length))).toBe(76);
  });
});

describe('encodeSubject', () => {
  it('keeps short printable ASCII as is', () => {
    expect(encodeSubject('Your invoice')).toBe('Your invoice');
  });

  it.each([
    ['non-ASCII text', 'Grüße aus Köln 👋'],
    ['a long ASCII subject', 'word '.repeat(40).trim()],
  ])('encodes %s as folded encoded-words of at most 75 characters that decode to it', (_label, subject) => {
    const encoded = encodeSubject(subject);
    const words = encoded.split('\r\n ');
    expect(words.every((word) => word.length <= 75 && word.startsWith('=?UTF-8?B?'))).toBe(true);
    expect(decodeWords(words.join(' '))).toBe(subject);
  });
});

describe('createMailer', () => {
  it('loads the SMTP mailer from the sources on demand when an SMTP URL is given', () => {
    const mailer = createMailer({ from: 'a@example.com', smtpUrl: 'smtp://127.0.0.1:1' });
    expect(typeof loadSmtpMailerFactory()).toBe('function');
    expect(typeof mailer.send).toBe('function');
    mailer.close();
  });
});
