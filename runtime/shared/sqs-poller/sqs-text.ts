/**
 * The characters SQS accepts in a message body or a String attribute, and how to make any text
 * fit them. SQS SendMessage: "A message can include only XML, JSON, and unformatted text. The
 * following Unicode characters are allowed: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD |
 * #x10000 to #x10FFFF. Any characters not included in this list will be rejected."
 */

/**
 * One character SQS refuses. With the `u` flag a lone surrogate is its own code point
 * (U+D800–U+DFFF), outside every allowed range, so it matches too; so do U+FFFE and U+FFFF.
 */
const SQS_REFUSED_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const SQS_REFUSED_CHARACTERS = new RegExp(SQS_REFUSED_CHARACTER.source, 'gu');

/** Describes the first character SQS would refuse in `text` (e.g. `U+FFFE at index 3`), or undefined. */
export function findSqsRefusedCharacter(text: string): string | undefined {
  const match = SQS_REFUSED_CHARACTER.exec(text);
  if (match === null) return undefined;
  const codePoint = match[0].codePointAt(0) ?? 0;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} at index ${match.index}`;
}

/** Replaces every character SQS refuses (lone surrogates included) with U+FFFD. */
export function toSqsText(text: string): string {
  return text.replace(SQS_REFUSED_CHARACTERS, '\uFFFD');
}

/** Cuts `text` to at most `maxBytes` of UTF-8 without splitting a character (a surrogate pair stays whole). */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const character of text) {
    const size = Buffer.byteLength(character, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += character.length;
  }
  return text.slice(0, end);
}
