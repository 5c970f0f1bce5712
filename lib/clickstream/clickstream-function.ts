import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** CloudWatch namespace of the clickstream's EMF metrics; the dashboard reads the same one. */
export const CLICKSTREAM_METRICS_NAMESPACE = 'QueueOrStream/Clickstream';

/** Props of {@link ClickstreamFunction}. */
export interface ClickstreamFunctionProps {
  /** Absolute path of the TypeScript entry under `lambda/`; it must export `handler`. */
  readonly entry: string;

  /**
   * Powertools service name: the `service` field of every log line and the `service` dimension of
   * every EMF metric.
   */
  readonly serviceName: string;

  /**
   * Extra environment variables for the handler.
   * @default - only the Powertools settings
   */
  readonly environment?: Record<string, string>;

  /**
   * Function timeout.
   * @default Duration.seconds(60)
   */
  readonly timeout?: Duration;

  /**
   * Memory in MB; Lambda allocates CPU in proportion to it.
   * @default 256
   */
  readonly memorySize?: number;

  /**
   * How long the function's logs are kept.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Runs the function in a VPC (to reach, say, MSK brokers); the role then also gets AWS's
   * AWSLambdaVPCAccessExecutionRole, for the network interfaces Lambda creates in the subnets.
   * @default - not in a VPC
   */
  readonly vpcPlacement?: ClickstreamFunctionVpcPlacement;

  /**
   * Bundle the AWS SDK and Smithy packages too, for code that needs SDK packages the Lambda runtime
   * may not ship (aws-msk-iam-sasl-signer-js imports @aws-sdk/credential-providers and
   * @aws-sdk/util-format-url). AWS's advice: use only the runtime's packages, or bundle them all.
   * @default false - the runtime's SDK
   */
  readonly bundleAwsSdk?: boolean;

  /**
   * Module substitutions for esbuild (`--alias:from=to`), e.g. a package's self-contained entry
   * when its default one reads a file next to itself that a bundle does not carry.
   * @default none
   */
  readonly moduleAliases?: Readonly<Record<string, string>>;
}

/** Where a {@link ClickstreamFunction} runs inside a VPC. */
export interface ClickstreamFunctionVpcPlacement {
  /** The VPC. */
  readonly vpc: ec2.IVpc;
  /** Its subnets to use. */
  readonly subnets: ec2.SubnetSelection;
  /** The function's security groups. */
  readonly securityGroups: ec2.ISecurityGroup[];
  /**
   * Allow public subnets: a function there gets no public IP, so only choose it when the function
   * needs nothing outside the VPC.
   * @default false
   */
  readonly allowPublicSubnet?: boolean;
}

/**
 * A clickstream Lambda: Node.js 24 on ARM64, bundled by esbuild (no Docker) into one minified ES
 * module, with the AWS SDK v3 left out of the bundle because the runtime provides it. Keeping the
 * bundle small (≤ 300 KB) keeps cold starts short.
 */
export class ClickstreamFunction extends Construct {
  /** The function. */
  public readonly function: nodejs.NodejsFunction;

  constructor(scope: Construct, id: string, props: ClickstreamFunctionProps) {
    super(scope, id);

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      // Logs are diagnostics, not records: the stream and the archive hold the data.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // An explicit role instead of the default AWSLambdaBasicExecutionRole managed policy: that policy
    // may write to any log group in the account; this role may write only to the function's own.
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    const placement = props.vpcPlacement;
    if (placement !== undefined) role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole'));

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      role,
      entry: props.entry,
      handler: 'handler',
      // nodejs24.x is supported until 2028-04; nodejs20.x was deprecated on 2026-04-30.
      runtime: lambda.Runtime.NODEJS_24_X,
      // Graviton: about 20% cheaper per GB-second than x86 for the same Node.js code.
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(60),
      logGroup,
      ...(placement === undefined
        ? {}
        : { vpc: placement.vpc, vpcSubnets: placement.subnets, securityGroups: placement.securityGroups, allowPublicSubnet: placement.allowPublicSubnet ?? false }),
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: CLICKSTREAM_METRICS_NAMESPACE,
        ...props.environment,
      },
      bundling: {
        minify: true,
        // Source maps would double the bundle; Powertools logs carry the handler's own context.
        sourceMap: false,
        format: nodejs.OutputFormat.ESM,
        // Prefer packages' ES module builds so esbuild can tree-shake them.
        mainFields: ['module', 'main'],
        // Some CommonJS dependencies call require() at run time; ESM has none unless we create it.
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
        // The nodejs24.x runtime provides SDK v3 and its Smithy packages; bundling them would add size
        // and could mix Smithy versions with the runtime's SDK.
        externalModules: props.bundleAwsSdk === true ? [] : ['@aws-sdk/*', '@smithy/*'],
        esbuildArgs: Object.fromEntries(Object.entries(props.moduleAliases ?? {}).map(([from, to]) => [`--alias:${from}`, to])),
      },
    });
  }
}
