/**
 * Why the Kafka half of a remote run cannot run from here, each with exactly what to do. Both are
 * EnvironmentErrors (exit 3): the machine or the target is not ready, nothing the user typed is wrong.
 */
import { EnvironmentError } from '../../runtime/shared/errors';
import type { DeployedKafka } from './deployed-stacks';

/**
 * The brokers do not answer from this machine. MSK brokers have no public endpoint (the stack keeps
 * public access off), so a laptop outside the VPC never reaches them; a run must start inside it.
 */
export class KafkaBrokersUnreachableError extends EnvironmentError {
  constructor(
    readonly deployment: DeployedKafka,
    cause: Error,
  ) {
    const { network } = deployment;
    super(
      `the MSK brokers of ${deployment.stackName} (${deployment.bootstrapServers.join(', ')}) do not answer from this machine (${cause.message}). ` +
        `They have no public endpoint: only clients inside ${network.vpcId} reach them. Run the Kafka checks from there: ` +
        `start an EC2 instance in subnet ${network.subnetIds.join(' or ')} with security group ${network.securityGroupId} (the brokers admit it on 9098; ` +
        'it allows HTTPS out) and a public IP, open a shell on it with SSM Session Manager (aws ssm start-session --target <instance-id>; the instance role ' +
        'needs AmazonSSMManagedInstanceCore, and your credentials there need kafka-cluster:Connect, ReadData, WriteData, DescribeTopic and the group actions ' +
        'on this cluster), install Node 24, clone this repository, npm ci, and run the same npm start command. A laptop cannot use an SSM port forward ' +
        'instead unless every broker host name resolves to its own forwarded local address (each broker is a separate host on port 9098).',
      { cause },
    );
  }
}

/** The brokers answered but refused this identity (SASL/IAM authentication or authorization). */
export class KafkaAccessDeniedError extends EnvironmentError {
  constructor(
    readonly deployment: DeployedKafka,
    cause: Error,
  ) {
    super(
      `the MSK brokers of ${deployment.stackName} answered but refused this identity (${cause.message}). IAM access control needs ` +
        'kafka-cluster:Connect on the cluster, DescribeTopic/ReadData/WriteData on its topics and DescribeGroup/AlterGroup on the groups the run uses; ' +
        'check the credentials this machine uses (aws sts get-caller-identity) and their policy.',
      { cause },
    );
  }
}

/** The run was asked to open a Kafka stack whose lookup already said why it cannot run (its column carries that reason). */
export class KafkaNotDeployedError extends EnvironmentError {
  constructor(readonly reason: string) {
    super(`the deployed Kafka stack cannot be used: ${reason}`);
  }
}

/**
 * Why the Kafka column does not run on LocalStack: MSK is emulated only in LocalStack's paid tiers.
 * Not an error: like an undeployed Kafka stack on AWS (it is opt-in), it leaves the exit code to the
 * SQS and Kinesis columns, so `npm start -- --target localstack` passes on the free tier.
 */
export function kafkaNotOnLocalStackReason(stackName: string, cause?: Error): string {
  return (
    `the Kafka stack ${stackName} is not deployed on LocalStack${cause === undefined ? '' : ` (${cause.message})`}: LocalStack emulates Amazon MSK only in its paid tiers, and npm run test:localstack ` +
    `deploys the SQS and Kinesis stacks only. With a paid tier, deploy it (npx cdklocal deploy ${stackName}); ` +
    'otherwise the Kafka column runs on a real local broker: npm start (the embedded target).'
  );
}
