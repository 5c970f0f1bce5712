/**
 * Words for zod's validation issues. The `zod/mini` build the handlers use ships no locale, so every
 * issue's message is the bare "Invalid input"; a user (or an on-call engineer reading a dead-letter
 * reason) needs the field, the limit and what was there instead. The classic build's messages are
 * replaced too, so both read the same.
 */
import type * as z from 'zod/mini';

type ZodIssue = z.core.$ZodIssue;

/** zod's message when no custom one was given (mini build, no locale). */
const GENERIC_MESSAGE = 'Invalid input';
/** How much of a received string an issue quotes: enough to recognise it, never a whole record. */
const QUOTED_PREFIX_LENGTH = 40;

/** One line per issue, each `path: problem` (e.g. `page: at most 1024 characters, got 2000`). */
export function describeZodIssues(issues: readonly ZodIssue[], root: unknown): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const problem = describeZodIssue(issue, valueAt(root, issue.path));
    return path === '' ? problem : `${path}: ${problem}`;
  });
}

/** The problem of one issue, given the value it is about. */
export function describeZodIssue(issue: ZodIssue, received: unknown): string {
  if (issue.code === 'custom') return issue.message;
  if (issue.code === 'invalid_format' && issue.message !== GENERIC_MESSAGE && issue.format === 'regex') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return received === undefined ? `is required (${issue.expected})` : `must be ${article(issue.expected)}, got ${describeValue(received)}`;
    case 'too_big':
      return `${bound('at most', issue.origin, issue.maximum, issue.inclusive !== false)}, got ${sizeOf(issue.origin, received)}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      return `${bound('at least', issue.origin, issue.minimum, issue.inclusive !== false)}, got ${sizeOf(issue.origin, received)}`;
    case 'invalid_format':
      return `must be ${formatName(issue.format)}, got ${describeValue(received)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, got ${describeValue(received)}`;
    case 'invalid_union': {
      // A discriminated union reports at the discriminator's own path, so `received` is its value.
      const options = 'options' in issue ? issue.options : undefined;
      return options === undefined
        ? `matches none of the allowed shapes, got ${describeValue(received)}`
        : `must be one of ${options.map((option) => JSON.stringify(option)).join(', ')}, got ${describeValue(received)}`;
    }
    case 'unrecognized_keys':
      return `has unknown keys ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}, got ${describeValue(received)}`;
    default:
      return issue.message;
  }
}

function bound(words: string, origin: string, limit: number | bigint, inclusive: boolean): string {
  const strict = inclusive ? '' : ' (exclusive)';
  if (origin === 'string') return `${words} ${limit} characters${strict}`;
  if (origin === 'array' || origin === 'set') return `${words} ${limit} items${strict}`;
  return `${words} ${limit}${strict}`;
}

function sizeOf(origin: string, received: unknown): string {
  if (origin === 'string' && typeof received === 'string') return `${received.length}`;
  if ((origin === 'array' || origin === 'set') && Array.isArray(received)) return `${received.length}`;
  return describeValue(received);
}

function formatName(format: string): string {
  return format === 'datetime' ? 'an ISO-8601 date-time with an offset (e.g. 2030-01-31T10:00:00.000Z)' : `a valid ${format}`;
}

function article(expected: string): string {
  if (expected === 'int') return 'an integer';
  return 'aeiou'.includes(expected.charAt(0)) ? `an ${expected}` : `a ${expected}`;
}

/** A short description of any value: a string's first characters and length, a number, a type. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value.slice(0, QUOTED_PREFIX_LENGTH));
    return value.length > QUOTED_PREFIX_LENGTH ? `${quoted}… (${value.length} characters)` : quoted;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return value === undefined ? 'nothing' : `${typeof value === 'object' ? 'an' : 'a'} ${typeof value}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
