import { InvalidSequenceNumberError, padSequenceNumber, SEQUENCE_NUMBER_WIDTH } from '../../../runtime/clickstream/processor-lambda/sequence-number';
import { advanceSession, foldSessions, type SessionState } from '../../../runtime/clickstream/processor-lambda/session';
import { aClick, aPageView } from '../../factories/clickstream-events';

const TIMEOUT_SECONDS = 1800;

function aSession(overrides: Partial<SessionState> = {}): SessionState {
  return {
    userId: 'user-1',
    sessionId: 'evt-open',
    sessionStartedAt: '2026-11-21T10:00:00.000Z',
    pageCount: 3,
    lastSeenAt: '2026-11-21T10:10:00.000Z',
    lastSequenceNumber: padSequenceNumber('100'),
    ...overrides,
  };
}

describe('padSequenceNumber', () => {
  it('makes string order equal numeric order for numbers of different lengths', () => {
    // Prepare
    const numbers = ['9', '10', '49650000000000000000000000000000000000000000000000000001', '100'];

    // Act
    const sorted = numbers.map(padSequenceNumber).sort();

    // Assert
    expect(sorted.map((padded) => BigInt(padded).toString())).toEqual(['9', '10', '100', '49650000000000000000000000000000000000000000000000000001']);
    expect(sorted.every((padded) => padded.length === SEQUENCE_NUMBER_WIDTH)).toBe(true);
  });

  it.each(['', '12a', '-5', '1'.repeat(SEQUENCE_NUMBER_WIDTH + 1)])('rejects %p', (value) => {
    expect(() => padSequenceNumber(value)).toThrow(InvalidSequenceNumberError);
  });
});

describe('advanceSession', () => {
  it('opens a session on a user’s first event, named after that event', () => {
    // Prepare
    const event = aPageView({ eventId: 'evt-1', timestamp: '2026-11-21T10:00:00.000Z' });

    // Act
    const advance = advanceSession(undefined, { event, sequenceNumber: '5' }, TIMEOUT_SECONDS);

    // Assert
    expect(advance).toEqual({
      kind: 'applied',
      startedNewSession: true,
      next: {
        userId: 'user-1',
        sessionId: 'evt-1',
        sessionStartedAt: '2026-11-21T10:00:00.000Z',
        pageCount: 1,
        lastSeenAt: '2026-11-21T10:00:00.000Z',
        lastSequenceNumber: padSequenceNumber('5'),
      },
    });
  });

  it('counts page views, not clicks, within the session', () => {
    // Prepare
    const previous = aSession({ pageCount: 3 });

    // Act
    const afterView = advanceSession(previous, { event: aPageView({ timestamp: '2026-11-21T10:11:00Z' }), sequenceNumber: '101' }, TIMEOUT_SECONDS);
    const afterClick = advanceSession(previous, { event: aClick({ timestamp: '2026-11-21T10:11:00Z' }), sequenceNumber: '101' }, TIMEOUT_SECONDS);

    // Assert
    expect(afterView).toMatchObject({ kind: 'applied', startedNewSession: false, next: { pageCount: 4, sessionId: 'evt-open' } });
    expect(afterClick).toMatchObject({ kind: 'applied', next: { pageCount: 3, lastSeenAt: '2026-11-21T10:11:00Z' } });
  });

  it('keeps the session at exactly the timeout and opens a new one just after it (event time)', () => {
    // Prepare
    const previous = aSession({ lastSeenAt: '2026-11-21T10:10:00.000Z' });
    const atTimeout = aPageView({ timestamp: '2026-11-21T10:40:00.000Z' });
    const afterTimeout = aPageView({ eventId: 'evt-new', timestamp: '2026-11-21T10:40:00.001Z' });

    // Act
    const same = advanceSession(previous, { event: atTimeout, sequenceNumber: '101' }, TIMEOUT_SECONDS);
    const fresh = advanceSession(previous, { event: afterTimeout, sequenceNumber: '101' }, TIMEOUT_SECONDS);

    // Assert
    expect(same).toMatchObject({ startedNewSession: false, next: { sessionId: 'evt-open', pageCount: 4 } });
    expect(fresh).toMatchObject({
      startedNewSession: true,
      next: { sessionId: 'evt-new', pageCount: 1, sessionStartedAt: '2026-11-21T10:40:00.001Z' },
    });
  });

  it.each([
    ['the same sequence number (a redelivery)', '100'],
    ['a lower sequence number', '99'],
  ])('ignores %s', (_case, sequenceNumber) => {
    // Act
    const advance = advanceSession(aSession(), { event: aPageView(), sequenceNumber }, TIMEOUT_SECONDS);

    // Assert
    expect(advance).toEqual({ kind: 'already-applied' });
  });

  it('compares sequence numbers as integers, not as strings', () => {
    // Prepare: "1000" < "999" as plain strings
    const previous = aSession({ lastSequenceNumber: padSequenceNumber('999') });

    // Act
    const advance = advanceSession(previous, { event: aPageView({ timestamp: '2026-11-21T10:11:00Z' }), sequenceNumber: '1000' }, TIMEOUT_SECONDS);

    // Assert
    expect(advance.kind).toBe('applied');
  });

  it('never moves lastSeenAt backwards for a late event', () => {
    // Act
    const advance = advanceSession(aSession(), { event: aPageView({ timestamp: '2026-11-21T10:05:00Z' }), sequenceNumber: '101' }, TIMEOUT_SECONDS);

    // Assert
    expect(advance).toMatchObject({ next: { lastSeenAt: '2026-11-21T10:10:00.000Z', pageCount: 4 } });
  });
});

describe('foldSessions', () => {
  it('gives the same state whether records arrive once or are redelivered', () => {
    // Prepare
    const records = [
      { event: aPageView({ userId: 'a', timestamp: '2026-11-21T10:00:00Z' }), sequenceNumber: '1' },
      { event: aPageView({ userId: 'b', timestamp: '2026-11-21T10:00:01Z' }), sequenceNumber: '2' },
      { event: aPageView({ userId: 'a', timestamp: '2026-11-21T10:00:02Z' }), sequenceNumber: '3' },
      { event: aPageView({ userId: 'a', timestamp: '2026-11-21T11:00:00Z' }), sequenceNumber: '4' },
    ];
    const withRedelivery = [...records.slice(0, 3), ...records.slice(1)];

    // Act
    const once = foldSessions(records, TIMEOUT_SECONDS);
    const twice = foldSessions(withRedelivery, TIMEOUT_SECONDS);

    // Assert
    expect(twice).toEqual(once);
    expect(once.get('a')).toMatchObject({ pageCount: 1, sessionId: records[3]?.event.eventId });
    expect(once.get('b')).toMatchObject({ pageCount: 1 });
  });
});
