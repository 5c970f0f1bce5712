import {
  deadLetterAttributes,
  DEAD_LETTER_ATTRIBUTES,
  MAX_FAILURE_REASON_BYTES,
  sanitizeFailureReason,
} from '../../../runtime/email-worker/dead-letter-attributes';
import { findSqsRefusedCharacter, truncateUtf8 } from '../../../runtime/shared/sqs-poller/sqs-text';

describe('sanitizeFailureReason', () => {
  it('folds CR/LF and tabs into single spaces, so a reason stays on one line', () => {
    expect(sanitizeFailureReason('malformed JSON:\r\n{"to":\t"x"}\nFAKE LOG LINE')).toBe('malformed JSON: {"to": "x"} FAKE LOG LINE');
  });

  it('replaces lone surrogates and characters SQS refuses with U+FFFD', () => {
    const reason = sanitizeFailureReason('a\uD800b\uDC00c\uFFFEd\uFFFFe\u0000f\u{1F600}');
    expect(reason).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\u{1F600}');
    expect(findSqsRefusedCharacter(reason)).toBeUndefined();
    expect(reason).not.toMatch(/\p{Cs}/u); // no lone surrogate
  });

  it('caps the reason in UTF-8 bytes without splitting a character', () => {
    // Prepare: 4-byte emoji (a surrogate pair each), so a character cut would show as a lone surrogate
    const long = '\u{1F600}'.repeat(MAX_FAILURE_REASON_BYTES);
    // Act
    const reason = sanitizeFailureReason(`x${long}`);
    // Assert: 1 + 255 × 4 = 1021 bytes; one more emoji would pass 1024
    expect(Buffer.byteLength(reason, 'utf8')).toBe(1021);
    expect(reason).not.toMatch(/\p{Cs}/u); // no lone surrogate
  });

  it('never returns an empty reason', () => {
    expect(sanitizeFailureReason(' \r\n ')).toBe('unknown failure');
  });
});

describe('truncateUtf8', () => {
  it('keeps text that fits and cuts at a character boundary otherwise', () => {
    expect(truncateUtf8('héllo', 6)).toBe('héllo');
    expect(truncateUtf8('héllo', 2)).toBe('h');
  });
});

describe('deadLetterAttributes', () => {
  it('carries the source message id with or without the reason', () => {
    expect(Object.keys(deadLetterAttributes('m-1', 'why'))).toEqual([DEAD_LETTER_ATTRIBUTES.reason, DEAD_LETTER_ATTRIBUTES.sourceMessageId]);
    expect(deadLetterAttributes('m-1', 'why', false)).toEqual({
      [DEAD_LETTER_ATTRIBUTES.sourceMessageId]: { DataType: 'String', StringValue: 'm-1' },
    });
  });
});
