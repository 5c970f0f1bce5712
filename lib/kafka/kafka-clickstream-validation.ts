/**
 * Checks every KafkaClickstream prop before anything is built; all problems are collected and thrown
 * together (InvalidPropError with the construct's path). Only the project's own rules and AWS limits
 * that aws-cdk-lib does not check are here (aws-limits.ts lists what aws-cdk-lib checks itself).
 */
import type { IConstruct } from 'constructs';
import { PropProblems } from '../common/prop-problems';
import { KAFKA_CLICKSTREAM_LIMITS, MSK_EVENT_SOURCE_LIMITS } from './aws-limits';
import type { KafkaClickstreamProps } from './kafka-clickstream';

/** Checks `props`, throwing one InvalidPropError that lists every problem. */
export function validateKafkaClickstreamProps(scope: IConstruct, props: KafkaClickstreamProps): void {
  const problems = new PropProblems();
  const check = (prop: keyof KafkaClickstreamProps, value: number | undefined, rule: Parameters<PropProblems['integer']>[2]): void => {
    if (value !== undefined) problems.integer(prop, value, rule);
  };
  check('clickstreamPartitions', props.clickstreamPartitions, KAFKA_CLICKSTREAM_LIMITS.partitions);
  check('analyticsMembers', props.analyticsMembers, KAFKA_CLICKSTREAM_LIMITS.analyticsMembers);
  check('sessionizerBatchSize', props.sessionizerBatchSize, MSK_EVENT_SOURCE_LIMITS.batchSize);
  check('sessionizerRetryAttempts', props.sessionizerRetryAttempts, MSK_EVENT_SOURCE_LIMITS.retryAttempts);
  check('lagAlarmThresholdRecords', props.lagAlarmThresholdRecords, KAFKA_CLICKSTREAM_LIMITS.lagAlarmThresholdRecords);
  if (props.sessionizerMaxRecordAge !== undefined) problems.wholeSeconds('sessionizerMaxRecordAge', props.sessionizerMaxRecordAge, 1);
  problems.throwIfAny(scope);
}
