/**
 * The clickstream on the embedded target: kinesis-local, fauxqs (SQS and S3) and dynalite started
 * for the run, ClickstreamStack provisioned from its template, and the local consumers as the
 * compute. Outcomes are read as on AWS (table, on-failure queue, stream, bucket, EMF lines, here
 * from the in-process handlers' stdout), plus what each local consumer was handed.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { clickstreamTraffic } from '../patterns/clickstream-traffic';
import { EmfMetricLog } from '../target/emf-metric-log';
import { captureEmfLines } from '../target/stdout-emf-capture';
import { startClickstreamEnvironment, type ClickstreamEnvironment } from './clickstream-environment';
import type { ClickstreamTarget, ClickstreamTargetPlan, ClickstreamTargetSession } from './clickstream-target';
import { startLocalConsumers } from './local-consumers';

/** The embedded clickstream target. */
export const embeddedClickstreamTarget: ClickstreamTarget = {
  async open(plan) {
    plan.log('clickstream: starting kinesis-local, fauxqs and dynalite; provisioning from the synthesized ClickstreamStack');
    const metrics = new EmfMetricLog();
    const release = captureEmfLines(metrics.onLine);
    try {
      const environment = await startClickstreamEnvironment({ emitMetrics: true });
      return sessionOf(environment, metrics, plan, async () => {
        await environment.stop();
        release();
      });
    } catch (error) {
      release();
      throw error;
    }
  },
};

function sessionOf(environment: ClickstreamEnvironment, metrics: EmfMetricLog, plan: ClickstreamTargetPlan, close: () => Promise<void>): ClickstreamTargetSession {
  return {
    label: 'clickstream',
    kinesis: environment.kinesis,
    sqs: environment.sqs,
    documents: DynamoDBDocumentClient.from(environment.dynamoDb),
    s3: environment.s3,
    resources: {
      streamName: environment.streamName,
      sessionTableName: environment.sessionTableName,
      processorFailureQueueUrl: environment.processorFailureQueueUrl,
      archive: { bucketName: environment.archive.bucketName, prefix: environment.archive.prefix, errorOutputPrefix: environment.archive.errorOutputPrefix },
    },
    metrics,
    deleteOnFailureRecords: true,
    receiveWaitSeconds: 0,
    environmentReport: environment.report,
    // A fresh stream: the shared traffic as is, so the Kafka pattern gets the very same events and hot user.
    planTraffic: (request) => ({ ...clickstreamTraffic(request), partitionKeyPrefix: '', sessionTimeoutSeconds: environment.sessionTimeoutSeconds }),
    startCompute: (produced) => startLocalConsumers(environment, produced, plan.log),
    close,
  };
}
