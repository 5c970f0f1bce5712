/**
 * Captures what Powertools writes: EMF metric blobs and log entries, parsed. It switches Powertools
 * to dev mode (POWERTOOLS_DEV: write through the global console, which is spied on) with metrics
 * still enabled, so call it before constructing Metrics/Logger: they read the environment once.
 */

/** One EMF blob as CloudWatch would parse it. */
export interface EmfBlob {
  readonly _aws: {
    readonly Timestamp: number;
    readonly CloudWatchMetrics: readonly { readonly Namespace: string; readonly Dimensions: readonly (readonly string[])[]; readonly Metrics: readonly { readonly Name: string }[] }[];
  };
  readonly [key: string]: unknown;
}

export interface PowertoolsOutput {
  readonly metrics: EmfBlob[];
  readonly logs: Record<string, unknown>[];
  restore(): void;
}

export function capturePowertoolsOutput(): PowertoolsOutput {
  const metrics: EmfBlob[] = [];
  const logs: Record<string, unknown>[] = [];
  const collect = (...args: unknown[]): void => {
    for (const arg of args) {
      if (typeof arg !== 'string') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(arg);
      } catch {
        continue;
      }
      if (typeof parsed !== 'object' || parsed === null) continue;
      if ('_aws' in parsed) metrics.push(parsed as EmfBlob);
      else logs.push(parsed as Record<string, unknown>);
    }
  };
  const previousEnv = { dev: process.env.POWERTOOLS_DEV, metricsDisabled: process.env.POWERTOOLS_METRICS_DISABLED };
  process.env.POWERTOOLS_DEV = 'true';
  // Dev mode disables metrics unless this says otherwise.
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => jest.spyOn(console, method).mockImplementation(collect));
  const restore = (): void => {
    spies.forEach((spy) => spy.mockRestore());
    restoreEnv('POWERTOOLS_DEV', previousEnv.dev);
    restoreEnv('POWERTOOLS_METRICS_DISABLED', previousEnv.metricsDisabled);
  };
  return { metrics, logs, restore };
}

function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** Every published value of a metric, with its EMF timestamp and dimensions, in publication order. */
export function metricValues(blobs: readonly EmfBlob[], name: string): { timestamp: number; value: number; dimensions: Record<string, unknown> }[] {
  return blobs
    .filter((blob) => blob._aws.CloudWatchMetrics.some((directive) => directive.Metrics.some((metric) => metric.Name === name)))
    .map((blob) => {
      const dimensionNames = blob._aws.CloudWatchMetrics.flatMap((directive) => directive.Dimensions.flat());
      return {
        timestamp: blob._aws.Timestamp,
        value: Number(blob[name]),
        dimensions: Object.fromEntries(dimensionNames.map((dimension) => [dimension, blob[dimension]])),
      };
    });
}
