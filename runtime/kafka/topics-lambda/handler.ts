/**
 * Lambda entry point of the topics custom resource (the onEvent handler of a CDK Provider). It runs
 * in the cluster's VPC and reaches only the brokers: the Provider's own function, outside the VPC,
 * answers CloudFormation. IAM authentication signs its token locally from the function's role
 * credentials (aws-msk-iam-sasl-signer-js calls STS only with `awsDebugCreds`), so no STS, NAT or
 * VPC endpoint is needed. KAFKA_AUTH (default `iam`) selects the connection, as for the members.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { createTopicsHandler } from './topics-handler';

// Service name from POWERTOOLS_SERVICE_NAME (set by the stack), level from POWERTOOLS_LOG_LEVEL (INFO when unset).
export const handler = createTopicsHandler({ logger: new Logger() });
