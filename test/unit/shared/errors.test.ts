import { ConfigurationError, EnvironmentError, exitCodeFor, UsageError } from '../../../lambda/shared/errors';

describe('error hierarchy', () => {
  it.each([
    ['UsageError', new UsageError('bad --jobs', '--jobs'), 2],
    ['ConfigurationError', new ConfigurationError('maxReceiveCount must be >= 1'), 2],
    ['EnvironmentError', new EnvironmentError('install Java 17'), 3],
    ['a plain Error', new Error('bug'), 1],
    ['a thrown string', 'not an error', 1],
  ])('%s exits with its own code', (_label, error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });

  it('names a subclass after itself, so a log line shows the real class', () => {
    class MissingJavaError extends EnvironmentError {}
    const error = new MissingJavaError('java not found');
    expect(error.name).toBe('MissingJavaError');
    expect(error).toBeInstanceOf(EnvironmentError);
    expect(exitCodeFor(error)).toBe(3);
  });

  it('keeps the flag at fault and the cause', () => {
    const cause = new Error('parse failure');
    const error = new UsageError('--rate must be a number', '--rate', { cause });
    expect(error.flag).toBe('--rate');
    expect(error.cause).toBe(cause);
  });
});
