import { UsageError } from '../../../runtime/shared/errors';
import { closestFlag, parseFlags } from '../../../runtime/shared/parse-flags';

const OPTIONS = { events: { type: 'string' }, json: { type: 'boolean' } } as const;

describe('parseFlags', () => {
  it('returns the typed values of both flag forms', () => {
    expect(parseFlags(['--events', '5', '--json'], OPTIONS)).toEqual({ events: '5', json: true });
    expect(parseFlags(['--events=-3'], OPTIONS)).toEqual({ events: '-3' });
  });

  it.each([
    [['--evnts', '5'], 'Unknown flag --evnts: did you mean --events?', '--evnts'],
    [['--Events=5'], 'Unknown flag --Events: did you mean --events?', '--Events'],
    [['--jsno'], 'Unknown flag --jsno: did you mean --json?', '--jsno'],
    [['--stream', 's'], 'Unknown flag --stream', '--stream'],
    [['--events'], 'Flag --events needs a value (write --events=VALUE for a value that starts with a dash)', '--events'],
    [['--events', '-3'], 'Flag --events needs a value (write --events=VALUE for a value that starts with a dash)', '--events'],
    [['extra'], 'Unexpected argument "extra": every option is a --flag', undefined],
  ])('%j is a UsageError: %s', (argv, message, flag) => {
    let thrown: unknown;
    try {
      parseFlags(argv, OPTIONS);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as UsageError).message).toBe(message);
    expect((thrown as UsageError).flag).toBe(flag);
  });
});

describe('closestFlag', () => {
  const flags = ['events', 'users', 'seed', 'stream-name', 'json'];

  it.each([
    ['event', 'events'],
    ['evnets', 'events'],
    ['user', 'users'],
    ['streamname', 'stream-name'],
    ['sede', 'seed'],
  ])('suggests --%s → --%s', (typed, expected) => {
    expect(closestFlag(typed, flags)).toBe(expected);
  });

  it.each(['verbose', 'x', 'region'])('suggests nothing for --%s, which is no slip of any flag', (typed) => {
    expect(closestFlag(typed, flags)).toBeUndefined();
  });
});

