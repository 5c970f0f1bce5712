import { InvalidClickstreamEventError, parseClickstreamEvent } from '../../../lambda/shared/clickstream-events';
import { decodeClickstreamRecordData, encodeClickstreamEvent } from '../../../lambda/shared/clickstream-record-codec';
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
