import { Duration } from 'aws-cdk-lib';
import type { Node } from 'constructs';
import { parseIntegerContext, readContextValue } from '../common/app-context';
import type { ClickstreamStackProps } from './clickstream-stack';

/** The context keys of the clickstream pattern (`-c key=value`). */
export const CLICKSTREAM_CONTEXT_KEYS = {
  /** Provisioned shard count; absent means on-demand. */
  shards: 'clickstreamShards',
  /** Stream retention in hours (24–8760). @default 24 */
  retentionHours: 'clickstreamRetentionHours',
  /** Processor batches per shard in parallel (1–10). @default 1 */
  parallelizationFactor: 'clickstreamParallelizationFactor',
} as const;

/** The ClickstreamStack props that come from context. */
export type ClickstreamContextProps = Pick<
  ClickstreamStackProps,
  'shardCount' | 'retentionPeriod' | 'parallelizationFactor'
>;

/**
 * Reads the clickstream's context keys. Malformed values (not a non-negative integer) throw
 * InvalidContextError here; AWS range checks happen in the constructs the values feed.
 */
export function readClickstreamContext(node: Node): ClickstreamContextProps {
  const integer = (key: string): number | undefined => parseIntegerContext(key, readContextValue(node, key));
  const retentionHours = integer(CLICKSTREAM_CONTEXT_KEYS.retentionHours);
  return {
    shardCount: integer(CLICKSTREAM_CONTEXT_KEYS.shards),
    retentionPeriod: retentionHours === undefined ? undefined : Duration.hours(retentionHours),
    parallelizationFactor: integer(CLICKSTREAM_CONTEXT_KEYS.parallelizationFactor),
  };
}
