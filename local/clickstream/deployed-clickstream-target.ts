/**
 * The clickstream on a deployed stack (LocalStack or AWS): the stack's own consumers do the work,
 * so the run starts no compute; it reaches the stream, the session table, the on-failure queue and
 * the archive bucket through the stack's outputs. Its users are unique to the run (the stream and
 * table may hold earlier runs), and its events are dense in event time, so the expected sessions do
 * not depend on the deployed session timeout.
 */
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ARCHIVE_DATA_PREFIX, ARCHIVE_ERROR_PREFIX } from '../../lib/clickstream/clickstream-archive';
import type { DeployedClickstream } from '../remote/deployed-stacks';
import { newTrafficSeed, planClickstreamEvents } from '../remote/run-scoped-clickstream';
import type { MetricSource } from '../target/metric-source';
import type { ClickstreamCompute, ClickstreamTarget } from './clickstream-target';
import { NO_SESSION_TIMEOUT_SECONDS } from './session-check';

/** Where the deployed clickstream is. */
export interface DeployedClickstreamTargetProps {
  readonly deployment: DeployedClickstream;
  readonly clients: { readonly kinesis: KinesisClient; readonly sqs: SQSClient; readonly dynamoDb: DynamoDBDocumentClient; readonly s3: S3Client };
  readonly metrics: MetricSource;
  /** Leave this run's on-failure records in place (released) instead of deleting them. @default false */
  readonly keepFailedMessages?: boolean;
}

/** The deployed functions and Firehose play the consumers: nothing to start, settle or stop. */
const PLATFORM_COMPUTE: ClickstreamCompute = {
  settle: () => Promise.resolve(),
  deliveries: null,
  failedProcessorInvocations: () => null,
  stop: () => Promise.resolve(),
};

/** A target whose consumers are the deployed stack's. */
export function deployedClickstreamTarget(props: DeployedClickstreamTargetProps): ClickstreamTarget {
  const { deployment, clients } = props;
  return {
    open: () =>
      Promise.resolve({
        label: 'clickstream',
        kinesis: clients.kinesis,
        sqs: clients.sqs,
        documents: clients.dynamoDb,
        s3: clients.s3,
        resources: {
          streamName: deployment.streamName,
          sessionTableName: deployment.sessionTableName,
          processorFailureQueueUrl: deployment.processorFailureQueueUrl,
          archive: { bucketName: deployment.archiveBucketName, prefix: ARCHIVE_DATA_PREFIX, errorOutputPrefix: ARCHIVE_ERROR_PREFIX },
        },
        metrics: props.metrics,
        deleteOnFailureRecords: !(props.keepFailedMessages ?? false),
        receiveWaitSeconds: 2,
        environmentReport: [],
        planTraffic: (request, runId) => ({
          ...planClickstreamEvents({ runId, seed: newTrafficSeed(), events: request.events, users: request.users, startTimeMs: Date.now() }),
          partitionKeyPrefix: `${runId}-`,
          sessionTimeoutSeconds: NO_SESSION_TIMEOUT_SECONDS,
        }),
        startCompute: () => Promise.resolve(PLATFORM_COMPUTE),
        // The clients belong to the caller, which closes them once every pattern is done.
        close: () => Promise.resolve(),
      }),
  };
}
