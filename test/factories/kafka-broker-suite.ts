/**
 * How a Kafka integration suite gets its broker: ONE broker per test file (started in beforeAll,
 * stopped in afterAll). Without Java/Maven/broker the suite is skipped with a printed reason; under
 * `CI=true` that is a failure instead, never a silent skip.
 */
import { kafkaAvailability } from '../../local/kafka/kafka-availability';
import { startKafkaBroker, type KafkaBroker } from '../../local/kafka/local-kafka-broker';

/** `describe` when a broker can be had; otherwise a skip (or, under CI, a failing test). */
export function describeWithKafka(name: string, body: (broker: () => KafkaBroker) => void): void {
  const availability = kafkaAvailability();
  if (!availability.available) {
    if (process.env.CI === 'true') {
      describe(name, () => {
        it('needs a Kafka broker (CI=true: a missing broker is a failure)', () => {
          throw new Error(availability.reason);
        });
      });
      return;
    }
    console.warn(`Skipping "${name}": ${availability.reason}`);
    describe.skip(name, () => body(() => undefined as never));
    return;
  }
  describe(name, () => {
    let broker: KafkaBroker | undefined;
    beforeAll(async () => {
      broker = await startKafkaBroker();
    }, 180_000);
    afterAll(async () => {
      await broker?.stop();
    }, 30_000);
    body(() => {
      if (broker === undefined) throw new Error('the Kafka broker did not start (see beforeAll)');
      return broker;
    });
  });
}
