/**
 * Where the Kafka clickstream runs, and who may open which connection.
 *
 * Cost reasoning: no NAT gateway (billed per hour per AZ, plus per GB) and no interface endpoints
 * (billed per hour per AZ each). None is needed:
 * - the sessionizer's event source mapping runs in PROVISIONED poller mode (its error-handling
 *   controls and the Kafka dead-letter topic require it): "When using provisioned mode, you don't
 *   need to create AWS PrivateLink VPC endpoints or grant the associated permissions as part of
 *   your network configuration" (Lambda developer guide, "Apache Kafka event poller scaling modes
 *   in Lambda"); an on-demand mapping would need a NAT gateway or Lambda and STS endpoints. Its
 *   on-failure destination is a topic of the same cluster, so no SQS/SNS/S3 endpoint either;
 * - the analytics members run in public subnets with a public IP and reach ECR, CloudWatch Logs
 *   and the brokers over TLS; their group has no inbound rule, so nothing can connect to them;
 * - the brokers sit in the same public subnets WITHOUT public IPs (MSK public access stays off),
 *   reachable only from inside the VPC through the cluster security group.
 * For production, pass a VPC with private subnets and endpoints or NAT instead.
 */
import { type ISubnet, type IVpc, Peer, Port, SecurityGroup, type SubnetSelection, SubnetType } from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { PublicSubnetVpc } from '../common/public-subnet-vpc';
import { MSK_IAM_TLS_PORT } from './aws-limits';

/** Props of {@link KafkaNetwork}. */
export interface KafkaNetworkProps {
  /**
   * An existing VPC: the brokers and members go in its private subnets with egress (NAT or
   * endpoints are then the VPC owner's choice) and the members get no public IP.
   * @default a PublicSubnetVpc over 2 AZs: public subnets only, no NAT gateway (see the cost reasoning above)
   */
  readonly vpc?: IVpc;
}

/** The VPC, the subnets of brokers and members, and the two security groups. */
export class KafkaNetwork extends Construct {
  /** The VPC. */
  public readonly vpc: IVpc;
  /** Subnets of the brokers (one per AZ), the mapping's ENIs and the members. */
  public readonly subnets: ISubnet[];
  /** Subnet selection of {@link subnets}, for constructs that take one. */
  public readonly subnetSelection: SubnetSelection;
  /** Whether members need a public IP to reach AWS APIs (true in the default public-subnet VPC). */
  public readonly membersNeedPublicIp: boolean;
  /**
   * The brokers' group. The event source mapping's ENIs use the cluster's subnets and security
   * groups, so the group also admits itself.
   */
  public readonly clusterSecurityGroup: SecurityGroup;
  /** The analytics members' group. */
  public readonly membersSecurityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: KafkaNetworkProps = {}) {
    super(scope, id);
    this.membersNeedPublicIp = props.vpc === undefined;
    this.vpc = props.vpc ?? new PublicSubnetVpc(this, 'Vpc').vpc;
    this.subnetSelection = { subnetType: this.membersNeedPublicIp ? SubnetType.PUBLIC : SubnetType.PRIVATE_WITH_EGRESS, onePerAz: true };
    this.subnets = this.vpc.selectSubnets(this.subnetSelection).subnets;

    this.clusterSecurityGroup = new SecurityGroup(this, 'ClusterSecurityGroup', {
      vpc: this.vpc,
      description: 'MSK brokers and the sessionizer event source mapping ENIs',
      allowAllOutbound: false,
    });
    // Brokers replicate to each other, and the mapping's ENIs (same group) poll the brokers.
    this.clusterSecurityGroup.addIngressRule(this.clusterSecurityGroup, Port.allTcp(), 'Brokers and event source mapping ENIs');
    this.clusterSecurityGroup.addEgressRule(this.clusterSecurityGroup, Port.allTcp(), 'Brokers and event source mapping ENIs');

    this.membersSecurityGroup = new SecurityGroup(this, 'MembersSecurityGroup', {
      vpc: this.vpc,
      description: 'Analytics group members: no inbound rules; out to the brokers (IAM over TLS) and AWS APIs (HTTPS)',
      allowAllOutbound: false,
    });
    this.membersSecurityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), 'HTTPS to ECR and CloudWatch Logs');
    this.membersSecurityGroup.addEgressRule(this.clusterSecurityGroup, Port.tcp(MSK_IAM_TLS_PORT), 'Kafka (SASL/IAM over TLS)');
    this.clusterSecurityGroup.addIngressRule(this.membersSecurityGroup, Port.tcp(MSK_IAM_TLS_PORT), 'Analytics members (SASL/IAM over TLS)');
  }
}
