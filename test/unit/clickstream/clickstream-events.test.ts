import { checkEventTime, InvalidClickstreamEventError, parseClickstreamEvent } from '../../../runtime/shared/clickstream-events';
import {
  decodeClickstreamRecordData,
  decodeKinesisClickstreamRecord,
  encodeClickstreamEvent,
} from '../../../runtime/shared/clickstream-record-codec';
import { aClick, aPageView, aSearch } from '../../factories/clickstream-events';

describe('parseClickstreamEvent', () => {
  it.each([
    ['a page view', aPageView()],
    ['a page view with a referrer', aPageView({ referrer: 'https://example.com/' })],
    ['a click', aClick()],
    ['a search with zero results', aSearch({ resultCount: 0 })],
    ['a timestamp with an offset', aPageView({ timestamp: '2026-11-21T11:00:00+01:00' })],
  ])('accepts %s', (_case, event) => {
    // Act
    const parsed = parseClickstreamEvent(event);

    // Assert
    expect(parsed).toEqual(event);
  });

  it.each([
    ['an unknown type', { ...aPageView(), type: 'scroll' }, 'type'],
    ['a missing userId', { ...aPageView(), userId: undefined }, 'userId'],
    ['an empty userId', aPageView({ userId: '' }), 'userId'],
    ['a userId over the 256-character partition key limit', aPageView({ userId: 'u'.repeat(257) }), 'userId'],
    ['a timestamp that is not ISO-8601', aPageView({ timestamp: '21/11/2026 10:00' }), 'timestamp'],
    ['a page over the 1,024-character dimension limit', aPageView({ page: `/${'p'.repeat(1024)}` }), 'page'],
    ['a click without elementId', { ...aClick(), elementId: undefined }, 'elementId'],
    ['a search with a negative result count', aSearch({ resultCount: -1 }), 'resultCount'],
    ['a search with a fractional result count', aSearch({ resultCount: 1.5 }), 'resultCount'],
    ['a page with a line break (not a CloudWatch dimension value)', aPageView({ page: '/a\nb' }), 'page: must be printable ASCII'],
    ['a page with a NUL', aPageView({ page: '/a\u0000' }), 'page: must be printable ASCII'],
    ['a page with non-ASCII text', aPageView({ page: '/café' }), 'page: must be printable ASCII'],
    ['a page with a zero-width space', aPageView({ page: '/a\u200B' }), 'page: must be printable ASCII'],
    ['a page of spaces only', aPageView({ page: '   ' }), 'page: must be printable ASCII'],
  ])('rejects %s, naming the field', (_case, value, field) => {
    // Act
    const parse = (): unknown => parseClickstreamEvent(value);

    // Assert
    expect(parse).toThrow(InvalidClickstreamEventError);
    expect(parse).toThrow(new RegExp(field));
  });

  it('carries the event id and one problem per bad field', () => {
    // Prepare
    const value = { ...aSearch({ eventId: 'evt-42' }), query: '', resultCount: -3 };

    // Act
    const error = captureError(() => parseClickstreamEvent(value));

    // Assert
    expect(error).toBeInstanceOf(InvalidClickstreamEventError);
    expect((error as InvalidClickstreamEventError).eventId).toBe('evt-42');
    expect((error as InvalidClickstreamEventError).problems).toHaveLength(2);
  });

  it('accepts a percent-encoded page with spaces inside', () => {
    expect(parseClickstreamEvent(aPageView({ page: '/caf%C3%A9?q=a b' })).page).toBe('/caf%C3%A9?q=a b');
  });

  it.each([null, 42, 'page_view', []])('rejects a non-object (%p)', (value) => {
    expect(() => parseClickstreamEvent(value)).toThrow(InvalidClickstreamEventError);
  });
});

describe('decodeClickstreamRecordData', () => {
  it('round-trips what the producer encodes', () => {
    // Prepare
    const event = aSearch({ query: 'partition key ünïcode' });
    const base64 = Buffer.from(encodeClickstreamEvent(event)).toString('base64');

    // Act
    const decoded = decodeClickstreamRecordData(base64);

    // Assert
    expect(decoded).toEqual(event);
  });

  it('rejects data that is not JSON with a specific reason', () => {
    // Prepare
    const base64 = Buffer.from('{"eventId": "e1",', 'utf8').toString('base64');

    // Act
    const decode = (): unknown => decodeClickstreamRecordData(base64);

    // Assert
    expect(decode).toThrow(InvalidClickstreamEventError);
    expect(decode).toThrow(/not valid JSON/);
  });
});

function captureError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('checkEventTime', () => {
  const arrivalMs = Date.parse('2026-11-21T10:00:00.000Z');

  it.each([
    ['at arrival', '2026-11-21T10:00:00.000Z'],
    ['5 minutes ahead (clock skew)', '2026-11-21T10:05:00.000Z'],
    ['a year late (offline client)', '2025-11-22T10:00:00.000Z'],
  ])('accepts an event time %s', (_case, timestamp) => {
    expect(() => checkEventTime(aPageView({ timestamp }), arrivalMs)).not.toThrow();
  });

  it.each([
    ['in year 9999', '9999-12-31T23:59:59.000Z', 'more than 5 minutes after'],
    ['5 minutes and 1 ms ahead', '2026-11-21T10:05:00.001Z', 'more than 5 minutes after'],
    ['more than 8,760 hours before', '2025-11-21T09:59:59.999Z', 'more than 8760 hours before'],
  ])('rejects an event time %s, naming the arrival', (_case, timestamp, problem) => {
    const check = (): void => checkEventTime(aPageView({ eventId: 'evt-t', timestamp }), arrivalMs);
    expect(check).toThrow(InvalidClickstreamEventError);
    expect(check).toThrow(`Invalid clickstream event evt-t: timestamp: ${timestamp} is ${problem} the record's arrival (2026-11-21T10:00:00.000Z)`);
  });

  it('is applied by decodeKinesisClickstreamRecord with the arrival in epoch seconds', () => {
    const data = Buffer.from(encodeClickstreamEvent(aPageView({ timestamp: '9999-01-01T00:00:00Z' }))).toString('base64');
    expect(() => decodeKinesisClickstreamRecord({ data, approximateArrivalTimestamp: arrivalMs / 1000 })).toThrow(/year|after/);
  });
});

describe('parseClickstreamEvent problem messages', () => {
  it.each([
    ['an unknown type', { ...aPageView(), type: 'scroll' }, 'type: must be one of "page_view", "click", "search", got "scroll"'],
    ['a missing field', { ...aClick(), elementId: undefined }, 'elementId: is required (string)'],
    ['a field of the wrong type', aPageView({ eventId: 7 as unknown as string }), 'eventId: must be a string, got 7'],
    ['a userId over its limit', aPageView({ userId: 'u'.repeat(300) }), 'userId: at most 256 characters, got 300'],
    ['an empty eventId', aPageView({ eventId: '' }), 'eventId: must not be empty'],
    ['a negative result count', aSearch({ resultCount: -1 }), 'resultCount: at least 0, got -1'],
    ['a fractional result count', aSearch({ resultCount: 1.5 }), 'resultCount: must be an integer, got 1.5'],
    ['a timestamp that is not ISO-8601', aPageView({ timestamp: 'yesterday' }), 'timestamp: must be an ISO-8601 date-time with an offset'],
    ['a value that is not an object', null, 'must be an object, got null'],
  ])('names the field and the limit for %s', (_case, value, message) => {
    expect(() => parseClickstreamEvent(value)).toThrow(message);
  });

  it('never says only "Invalid input"', () => {
    const error = captureError(() => parseClickstreamEvent({ ...aSearch(), query: '', resultCount: 'many', page: 'p'.repeat(2000) }));
    expect((error as InvalidClickstreamEventError).problems.join('\n')).not.toMatch(/Invalid input/);
  });
});
