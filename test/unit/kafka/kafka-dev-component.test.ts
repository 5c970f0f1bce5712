/**
 * The Kafka component of `npm run dev` without a broker to be had: skipped with the reason printed,
 * so the other patterns still run; under CI=true a failure instead. (Running it on a real broker is
 * test/integ/dev-environment.test.ts.)
 */
import { createKafkaDevComponent } from '../../../local/dev/kafka-dev-component';
import { formatDevOutput } from '../../../local/dev/format-dev-output';
import { KafkaUnavailableError } from '../../../local/kafka/kafka-prerequisites';

const REASON = 'no Java found on PATH: install Java 17+ and Maven';
const unavailable = () => ({ available: false as const, reason: REASON });

describe('npm run dev: the Kafka component without Java', () => {
  it('is skipped with the reason printed, and says so in the ready output', async () => {
    // Prepare
    const lines: string[] = [];
    const component = createKafkaDevComponent({ availability: unavailable, env: {} });

    // Act
    const running = await component.start({ mailboxDir: '/tmp/unused', log: (line) => lines.push(line) });
    const text = formatDevOutput({ components: { kafka: running.description }, statusUrl: 'http://127.0.0.1:1/status' });

    // Assert
    expect(lines).toEqual([`kafka: skipped: ${REASON}`]);
    expect(running.description.skipped).toBe(REASON);
    expect(running.status()).toEqual({ skipped: REASON });
    expect(text).toContain(`kafka\n  skipped: ${REASON}\n`);
    await expect(running.stop()).resolves.toBeUndefined();
  });

  it('fails to start under CI=true (a missing broker is never a silent skip there)', async () => {
    // Prepare
    const component = createKafkaDevComponent({ availability: unavailable, env: { CI: 'true' } });

    // Act
    const attempt = component.start({ mailboxDir: '/tmp/unused', log: () => undefined });

    // Assert
    await expect(attempt).rejects.toThrow(KafkaUnavailableError);
    await expect(attempt).rejects.toThrow(`${REASON} (CI=true`);
  });
});
