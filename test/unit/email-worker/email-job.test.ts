import { findEmailJobProblems, isValidEmailAddress, messageIdForJob } from '../../../runtime/email-worker/email-job';
import { PermanentJobError } from '../../../runtime/email-worker/errors';
import { parseEmailJob } from '../../../runtime/email-worker/job';
import { anEmailJob } from '../../factories/email-job';

describe('findEmailJobProblems', () => {
  it('accepts a complete job', () => {
    // Prepare
    const job = anEmailJob();
    // Act
    const problems = findEmailJobProblems(job);
    // Assert
    expect(problems).toEqual([]);
  });

  describe.each([
    ['a job without "to"', { jobId: 'j1', subject: 's', body: 'b' }, 'to is missing'],
    ['an empty subject', { jobId: 'j1', to: 'a@example.com', subject: '  ', body: 'b' }, 'subject is empty'],
    ['a numeric body', { jobId: 'j1', to: 'a@example.com', subject: 's', body: 42 }, 'body must be a string, got number'],
    ['a null jobId', { jobId: null, to: 'a@example.com', subject: 's', body: 'b' }, 'jobId is missing'],
    ['a jobId with a space', { jobId: 'j 1', to: 'a@example.com', subject: 's', body: 'b' }, 'jobId must be 1-128 characters'],
    ['an address without a domain', { jobId: 'j1', to: 'alice@', subject: 's', body: 'b' }, 'to is not a valid email address'],
    ['an address with two @', { jobId: 'j1', to: 'a@b@example.com', subject: 's', body: 'b' }, 'to is not a valid email address'],
    ['an array', [], 'must be a JSON object'],
    ['a string', 'hello', 'must be a JSON object'],
  ])('rejects %s', (_label, candidate, expected) => {
    it(`reports "${expected}"`, () => {
      // Act
      const problems = findEmailJobProblems(candidate);
      // Assert
      expect(problems.join('; ')).toContain(expected);
    });
  });

  it('reports every problem at once', () => {
    // Act
    const problems = findEmailJobProblems({ jobId: '', to: 'nope' });
    // Assert
    expect(problems).toEqual([
      'jobId is empty',
      'subject is missing',
      'body is missing',
      'to is not a valid email address: "nope"',
    ]);
  });
});

describe('isValidEmailAddress', () => {
  it.each(['a@example.com', 'first.last+tag@sub.example.co.uk', 'jürgen@example.de'])('accepts %s', (address) => {
    expect(isValidEmailAddress(address)).toBe(true);
  });
  it.each([
    'plain',
    'a@localhost',
    'a b@example.com',
    'a@-example.com',
    `${'x'.repeat(250)}@example.com`,
    // Characters nodemailer drops or that read differently from what they are: the validated
    // address must be the delivered one (a\u0000b@ was delivered to ab@).
    'a\u0000b@example.com',
    'a\u0007b@example.com',
    'a\u007Fb@example.com',
    'a\u200Bb@example.com',
    'a\u200Db@example.com',
    'a\uFEFFb@example.com',
    'a\u202Eb@example.com',
    'a\u2066b@example.com',
    'a\u00ADb@example.com',
    'a\u00A0b@example.com',
    'a\u2028b@example.com',
    'a\uD800b@example.com',
    'a\uE000b@example.com',
  ])(
    'rejects %j',
    (address) => {
      expect(isValidEmailAddress(address)).toBe(false);
    },
  );
});

describe('findEmailJobProblems: header fields nodemailer would rewrite', () => {
  const job = { jobId: 'job-1', to: 'a@example.com', subject: 'Hello', body: 'Line 1\r\nLine 2\tend' };

  it.each([
    ['a line break', 'Hello\r\nBcc: victim@example.com'],
    ['a NUL', 'Hel\u0000lo'],
    ['a right-to-left override', 'Invoice \u202Egnp.exe'],
  ])('rejects a subject holding %s', (_label, subject) => {
    expect(findEmailJobProblems({ ...job, subject })).toContain(
      'subject holds a control or bidi character (line breaks, NUL, direction overrides are not allowed)',
    );
  });

  it('accepts line breaks and tabs in the body, and an emoji sequence in the subject', () => {
    expect(findEmailJobProblems({ ...job, subject: 'Family \u{1F468}\u200D\u{1F469}' })).toEqual([]);
  });
});

describe('messageIdForJob', () => {
  it('derives the Message-ID from the jobId and the sender domain', () => {
    expect(messageIdForJob('job-7', 'noreply@mail.example.com')).toBe('<job-7@mail.example.com>');
  });
});

describe('parseEmailJob', () => {
  it('returns the job of a valid body', () => {
    // Prepare
    const job = anEmailJob();
    // Act
    const parsed = parseEmailJob(JSON.stringify(job), 'm-1');
    // Assert
    expect(parsed).toEqual(job);
  });

  it('throws a PermanentJobError carrying the message id for malformed JSON', () => {
    // Act
    const parse = () => parseEmailJob('{"jobId": ', 'm-2');
    // Assert
    expect(parse).toThrow(PermanentJobError);
    expect(parse).toThrow(/message m-2 is permanently invalid: malformed JSON/);
  });

  it('throws a PermanentJobError carrying the jobId and the reasons for an invalid job', () => {
    // Prepare
    const body = JSON.stringify({ jobId: 'job-x', to: 'nope', subject: 's', body: '' });
    // Act
    let caught: unknown;
    try {
      parseEmailJob(body, 'm-3');
    } catch (error) {
      caught = error;
    }
    // Assert
    expect(caught).toBeInstanceOf(PermanentJobError);
    expect(caught).toMatchObject({ messageId: 'm-3', jobId: 'job-x', reason: 'body is empty; to is not a valid email address: "nope"' });
  });
});
