/** `npm run dev` exits with its failed start's own code: 3 when an emulator or the broker could not start. */
import { DevStartError } from '../../../local/dev/dev-start-error';
import { startDev } from '../../../local/dev/start-dev';
import { EmulatorStartError } from '../../../local/emulators/emulator-start-error';
import { KafkaUnavailableError } from '../../../local/kafka/kafka-prerequisites';
import { ConfigurationError, exitCodeFor } from '../../../runtime/shared/errors';

describe('DevStartError', () => {
  it.each([
    ['an emulator that did not listen', new EmulatorStartError('fauxqs did not listen on 127.0.0.1:1 in time'), 3],
    ['a broker that did not start', new KafkaUnavailableError('the local Kafka broker did not start'), 3],
    ['a configuration mistake', new ConfigurationError('bad context value'), 2],
    ['anything else', new Error('a bug'), 1],
  ])('exits as its cause does: %s', (_case, cause, code) => {
    const error = new DevStartError('email', cause);

    expect(exitCodeFor(error)).toBe(code);
    expect(error.message).toBe(`npm run dev: email failed to start: ${cause.message}`);
  });

  it('is what startDev rejects with when a component\'s emulator cannot start', async () => {
    const failing = { name: 'clickstream', start: () => Promise.reject(new EmulatorStartError('kinesis-local exited before listening')) };

    const attempt = startDev([failing], { mailboxDir: '/tmp/unused', log: () => undefined });

    await expect(attempt.catch((error: unknown) => exitCodeFor(error))).resolves.toBe(3);
  });
});
