import { UsageError } from '../../../runtime/shared/errors';
import { parseFlags } from '../../../runtime/shared/parse-flags';

const OPTIONS = { events: { type: 'string' }, json: { type: 'boolean' } } as const;

describe('parseFlags', () => {
  it('returns the typed values of both flag forms', () => {
    expect(parseFlags(['--events', '5', '--json'], OPTIONS)).toEqual({ events: '5', json: true });
    expect(parseFlags(['--events=-3'], OPTIONS)).toEqual({ events: '-3' });
  });

  it.each([
    [['--evnts', '5'], 'Unknown flag --evnts', '--evnts'],
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
