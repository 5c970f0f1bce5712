/**
 * The handlers' EMF metrics as CloudWatch would extract them, read from the log lines they print.
 * On AWS, CloudWatch Logs turns each Embedded Metric Format line into datapoints; locally the same
 * lines arrive on the consumers' stdout, and this class sums them with the same matching rules: a
 * metric counts when its namespace and name match and one of its dimension sets equals the query's
 * dimensions exactly (a datapoint is filed under its full dimension set).
 */
import type { MetricQuery, MetricSource } from './run-target';

interface EmfDirective {
  readonly Namespace?: unknown;
  readonly Dimensions?: unknown;
  readonly Metrics?: unknown;
}

interface EmfDatapoint {
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly timestamp: number;
  readonly value: number;
}

/** Collects EMF lines; answers sums over what it has seen. */
export class EmfMetricLog implements MetricSource {
  readonly unavailableReason = 'no EMF line for it was printed';
  private readonly datapoints: EmfDatapoint[] = [];

  /** Takes one output line; lines that are not EMF are ignored. */
  readonly onLine = (line: string): void => {
    // Cheap filter before JSON.parse: most lines are logs.
    if (!line.includes('"CloudWatchMetrics"')) return;
    try {
      this.datapoints.push(...parseEmfLine(JSON.parse(line) as unknown));
    } catch {
      // A truncated line (a process killed mid-write) carries nothing CloudWatch would count either.
    }
  };

  /** Local lines are complete when printed: no waiting, the sum is what was seen. */
  async sum(query: MetricQuery): Promise<number | null> {
    const matching = this.datapoints.filter((point) => matches(point, query));
    return matching.length === 0 ? null : matching.reduce((total, point) => total + point.value, 0);
  }
}

function matches(point: EmfDatapoint, query: MetricQuery): boolean {
  const wanted = Object.entries(query.dimensions);
  return (
    point.namespace === query.namespace &&
    point.name === query.metricName &&
    point.timestamp >= query.since.getTime() &&
    Object.keys(point.dimensions).length === wanted.length &&
    wanted.every(([name, value]) => point.dimensions[name] === value)
  );
}

/** The datapoints of one EMF document (every metric × every dimension set). */
export function parseEmfLine(document: unknown): EmfDatapoint[] {
  if (typeof document !== 'object' || document === null) return [];
  const root = document as Record<string, unknown>;
  const aws = root['_aws'] as { Timestamp?: unknown; CloudWatchMetrics?: unknown } | undefined;
  if (aws === undefined || !Array.isArray(aws.CloudWatchMetrics)) return [];
  const timestamp = typeof aws.Timestamp === 'number' ? aws.Timestamp : 0;
  return (aws.CloudWatchMetrics as EmfDirective[]).flatMap((directive) => datapointsOf(directive, root, timestamp));
}

function datapointsOf(directive: EmfDirective, root: Record<string, unknown>, timestamp: number): EmfDatapoint[] {
  if (typeof directive.Namespace !== 'string' || !Array.isArray(directive.Metrics) || !Array.isArray(directive.Dimensions)) return [];
  const namespace = directive.Namespace;
  const dimensionSets = (directive.Dimensions as unknown[]).filter(Array.isArray).map((set) => dimensionValues(set as unknown[], root));
  return (directive.Metrics as { Name?: unknown }[]).flatMap((metric) => {
    if (typeof metric.Name !== 'string') return [];
    const name = metric.Name;
    const value = sumOf(root[name]);
    return dimensionSets.map((dimensions) => ({ namespace, name, dimensions, timestamp, value }));
  });
}

function dimensionValues(names: readonly unknown[], root: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(names.filter((name): name is string => typeof name === 'string').map((name) => [name, String(root[name])]));
}

/** A metric value is a number or an array of numbers (several values in one flush). */
function sumOf(value: unknown): number {
  if (typeof value === 'number') return value;
  return Array.isArray(value) ? value.filter((item): item is number => typeof item === 'number').reduce((total, item) => total + item, 0) : 0;
}
