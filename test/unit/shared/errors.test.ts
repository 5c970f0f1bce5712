import { ConfigurationError, EnvironmentError, exitCodeFor, InvalidSettingError, UsageError } from '../../../runtime/shared/errors';
import { readProcessorSettings } from '../../../runtime/clickstream/processor-lambda/settings-reader';

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

  it('names the environment variable a runtime could not use, as a configuration error (exit 2)', () => {
    const read = (): unknown => readProcessorSettings({ SESSION_TABLE_NAME: 'sessions', SESSION_TIMEOUT_SECONDS: '1.5' });

    expect(read).toThrow(InvalidSettingError);
    expect(read).toThrow('Environment variable SESSION_TIMEOUT_SECONDS must be a positive integer of seconds, got "1.5"');
    expect(exitCodeFor(new InvalidSettingError('SESSION_TABLE_NAME', 'is required'))).toBe(2);
  });
});
