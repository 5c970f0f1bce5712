/**
 * Powertools Metrics for the Kafka sessionizer run locally, with EMF off: CloudWatch is not
 * emulated, and with `--json` stdout must carry the JSON alone.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';

export function silentSessionizerMetrics(): Metrics {
  const saved = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  try {
    return new Metrics({ namespace: 'QueueOrStream/Kafka', serviceName: 'kafka-sessionizer' });
  } finally {
    if (saved === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = saved;
  }
}
