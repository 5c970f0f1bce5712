/**
 * Checks every Clickstream prop before anything is built; all problems are collected and thrown
 * together (InvalidPropError with the construct's path). Only the project's own rules and AWS limits
 * that aws-cdk-lib does not check are here (see aws-limits.ts); aws-cdk-lib checks the stream's
 * retention (24–8760 whole hours), the mapping's parallelizationFactor (1–10), retryAttempts ≤ 10,000
 * and maxRecordAge (60 s to 7 days) itself.
 */
import { Duration, Token } from 'aws-cdk-lib';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type { IConstruct } from 'constructs';
import { GLACIER_TRANSITION_DAYS_RULE } from '../common/hardened-bucket';
import { PropProblems } from '../common/prop-problems';
import { DASHBOARD_PROP_LIMITS, KINESIS_EVENT_SOURCE_PROP_LIMITS, KINESIS_STREAM_PROP_LIMITS } from './aws-limits';
import type { ClickstreamProps } from './clickstream-props';

/** The default retention of a new stream (and Kinesis' minimum). */
export const DEFAULT_STREAM_RETENTION = Duration.hours(24);

/** Checks `props`, throwing one InvalidPropError that lists every problem. */
export function validateClickstreamProps(scope: IConstruct, props: ClickstreamProps): void {
  const problems = new PropProblems();
  problems.existingOrNew('existingStream', props.existingStream, { shardCount: props.shardCount, retentionPeriod: props.retentionPeriod });
  problems.existingOrNew('existingSessionTable', props.existingSessionTable, { sessionTableProps: props.sessionTableProps });
  problems.existingOrNew('existingArchiveBucket', props.existingArchiveBucket, { glacierTransitionDays: props.glacierTransitionDays });
  if (props.shardCount !== undefined) problems.integer('shardCount', props.shardCount, KINESIS_STREAM_PROP_LIMITS.shardCount);
  if (props.processorBatchSize !== undefined) problems.integer('processorBatchSize', props.processorBatchSize, KINESIS_EVENT_SOURCE_PROP_LIMITS.batchSize);
  if (props.processorRetryAttempts !== undefined) {
    problems.integer('processorRetryAttempts', props.processorRetryAttempts, KINESIS_EVENT_SOURCE_PROP_LIMITS.retryAttempts);
  }
  if (props.topPagesCount !== undefined) problems.integer('topPagesCount', props.topPagesCount, DASHBOARD_PROP_LIMITS.topPagesCount);
  if (props.glacierTransitionDays !== undefined) problems.integer('glacierTransitionDays', props.glacierTransitionDays, GLACIER_TRANSITION_DAYS_RULE);
  if (props.sessionTimeout !== undefined) problems.wholeSeconds('sessionTimeout', props.sessionTimeout, 1);
  if (props.processorMaxRecordAge !== undefined && problems.wholeSeconds('processorMaxRecordAge', props.processorMaxRecordAge, 1)) {
    const retentionSeconds = streamRetentionSeconds(props);
    const maxRecordAgeSeconds = props.processorMaxRecordAge.toSeconds();
    // The on-failure record names a sequence range; it is only useful while the stream still has it.
    if (retentionSeconds !== undefined && maxRecordAgeSeconds >= retentionSeconds) {
      problems.add('processorMaxRecordAge', `${maxRecordAgeSeconds} s`,
        `less than the stream retention of ${retentionSeconds} s, or the on-failure record points at expired data`);
    }
  }
  problems.throwIfAny(scope);
}

/**
 * The stream's retention in seconds: the prop's (or the default) for a new stream, the stream's own
 * for an existing `Stream` of this app, and unknown (undefined: not checked) for an imported stream
 * or a token.
 */
function streamRetentionSeconds(props: ClickstreamProps): number | undefined {
  if (props.existingStream === undefined) return (props.retentionPeriod ?? DEFAULT_STREAM_RETENTION).toMilliseconds() / 1000;
  if (!(props.existingStream instanceof kinesis.Stream)) return undefined;
  const hours = (props.existingStream.node.defaultChild as kinesis.CfnStream).retentionPeriodHours ?? DEFAULT_STREAM_RETENTION.toHours();
  return Token.isUnresolved(hours) ? undefined : Duration.hours(hours).toSeconds();
}
