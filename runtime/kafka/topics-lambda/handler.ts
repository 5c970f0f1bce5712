/**
 * Lambda entry point of the topics custom resource (the onEvent handler of a CDK Provider). It runs
 * in the cluster's VPC and reaches only the brokers: the Provider's own function, outside the VPC,
 * answers CloudFormation. IAM authentication signs its token locally from the function's role
 * credentials (aws-msk-iam-sasl-signer-js calls STS only with `awsDebugCreds`), so no STS, NAT or
 * VPC endpoint is needed. KAFKA_AUTH (default `iam`) selects the connection, as for the members.
 */
import { Admin } from '@platformatic/kafka';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { kafkaConnectionFromEnv } from '../analytics-member/kafka-connection';
import { KAFKA_ENV } from '../kafka-names';
import { bootstrapServersOf, handleTopicsEvent, type TopicsResourceResponse } from './topics-resource';

export async function handler(event: CloudFormationCustomResourceEvent): Promise<TopicsResourceResponse> {
  let admin: Admin | undefined;
  try {
    const response = await handleTopicsEvent(event, async () => {
      const connection = kafkaConnectionFromEnv({
        ...process.env,
        [KAFKA_ENV.bootstrapServers]: bootstrapServersOf(event),
        [KAFKA_ENV.auth]: process.env[KAFKA_ENV.auth] ?? 'iam',
      });
      // Bounded: an unreachable broker fails the deployment in seconds, well inside the function timeout.
      admin = new Admin({ clientId: 'queue-or-stream-topics', ...connection, connectTimeout: 10_000, requestTimeout: 30_000, retries: 3 });
      return admin;
    });
    console.log(JSON.stringify({ requestType: event.RequestType, ...response }));
    return response;
  } finally {
    await admin?.close().catch(() => undefined);
  }
}
