/**
 * A VPC a sandbox account can afford for workers that only make outbound calls to AWS APIs.
 *
 * Cost reasoning: a NAT gateway bills every hour per AZ before data, and so does each interface VPC
 * endpoint per AZ (SQS, DynamoDB has a free gateway endpoint, SES, ECR, CloudWatch Logs would be
 * five or more). Tasks in public subnets with a public IP reach the same
 * AWS endpoints over TLS for free, and a security group with no inbound rules means nothing on the
 * internet can open a connection to them. For production, use private subnets with endpoints or
 * NAT, and pass that VPC instead.
 */
import { RemovalPolicy, Tags } from 'aws-cdk-lib';
import { FlowLogDestination, FlowLogTrafficType, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { serviceRole } from './service-role';

/** Props of {@link PublicSubnetVpc}. */
export interface PublicSubnetVpcProps {
  /**
   * Availability zones to spread tasks over.
   * @default 2 (survives one AZ failing; more adds nothing for a queue worker)
   */
  readonly maxAzs?: number;
}

/** Public subnets only, no NAT gateway, flow logs of rejected traffic. */
export class PublicSubnetVpc extends Construct {
  /** The VPC. */
  public readonly vpc: Vpc;

  constructor(scope: Construct, id: string, props: PublicSubnetVpcProps = {}) {
    super(scope, id);
    const flowLogGroup = new LogGroup(this, 'RejectedFlowLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role: the one aws-cdk-lib creates trusts the flow logs service for any account's flow logs.
    const flowLogsRole = serviceRole(this, 'FlowLogsRole', 'vpcFlowLogs', 'VPC Flow Logs publishes rejected traffic with it');
    const vpcPath = `${displayPath(this)}/Vpc`;
    this.vpc = new Vpc(this, 'Vpc', {
      vpcName: vpcPath,
      maxAzs: props.maxAzs ?? 2,
      natGateways: 0, // no NAT: see the cost reasoning above
      subnetConfiguration: [{ name: 'public', subnetType: SubnetType.PUBLIC, cidrMask: 24 }],
      // Rejected traffic only: what an audit needs (who knocked), at a fraction of logging everything.
      flowLogs: {
        rejected: { destination: FlowLogDestination.toCloudWatchLogs(flowLogGroup, flowLogsRole), trafficType: FlowLogTrafficType.REJECT },
      },
    });
    // Above aws-cdk-lib's own Name tags (priority 100), which are full construct paths.
    for (const child of [...this.vpc.publicSubnets, this.vpc.node.findChild('rejected')]) {
      Tags.of(child).add('Name', displayPath(child), { priority: 101 });
    }
  }
}

/**
 * The construct path without `Default` ids, as in logical ids. The Name tags of aws-cdk-lib's VPC,
 * subnets and flow log are construct paths; a stack that wraps a pattern construct under the id
 * `Default` keeps every logical id, and with this its VPC keeps the Name tags it was deployed with.
 */
function displayPath(construct: IConstruct): string {
  return construct.node.scopes.slice(1).map((scope) => scope.node.id).filter((id) => id !== 'Default').join('/');
}
