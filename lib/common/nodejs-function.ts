/**
 * The one Lambda function factory of the project: every handler under `lambda/` is deployed through
 * it, with one set of bundling defaults (each with its reason below). What differs between functions
 * is an explicit option.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { type IRole, ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** Options of {@link createNodejsFunction}. */
export interface NodejsFunctionOptions {
  /** Absolute path of the TypeScript entry (from `handlerEntry`); it must export `handler`. */
  readonly entry: string;
  /**
   * Environment variables of the handler.
   * @default none
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
   * Ship a source map and turn it on (`NODE_OPTIONS=--enable-source-maps`), so stack traces in the
   * logs point at the TypeScript source. It roughly doubles the bundle and slows cold starts a little.
   * @default false - the handlers log structured context (Powertools) instead
   */
  readonly sourceMap?: boolean;
  /**
   * Runs the function in a VPC (to reach, say, MSK brokers); the role then also gets AWS's
   * AWSLambdaVPCAccessExecutionRole, for the network interfaces Lambda creates in the subnets.
   * @default - not in a VPC
   */
  readonly vpcPlacement?: NodejsFunctionVpcPlacement;
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

/** Where a function runs inside a VPC. */
export interface NodejsFunctionVpcPlacement {
  /** The VPC. */
  readonly vpc: IVpc;
  /** Its subnets to use. */
  readonly subnets: SubnetSelection;
  /** The function's security groups. */
  readonly securityGroups: ISecurityGroup[];
  /**
   * Allow public subnets: a function there gets no public IP, so only choose it when the function
   * needs nothing outside the VPC.
   * @default false
   */
  readonly allowPublicSubnet?: boolean;
}

/** What {@link createNodejsFunction} created. */
export interface CreatedNodejsFunction {
  /** The function. */
  readonly function: NodejsFunction;
  /** Its own log group. */
  readonly logGroup: LogGroup;
  /** Its own execution role. */
  readonly role: IRole;
}

/**
 * Adds a Lambda function to `scope` as three children, `Logs`, `Role` and `Function` (these ids are
 * part of the deployed logical ids: do not rename them). Node.js 24 on ARM64, bundled by esbuild from
 * node_modules (never Docker) into one minified ES module, the AWS SDK left to the runtime.
 */
export function createNodejsFunction(scope: Construct, options: NodejsFunctionOptions): CreatedNodejsFunction {
  const logGroup = new LogGroup(scope, 'Logs', {
    retention: RetentionDays.ONE_MONTH,
    // Logs are diagnostics, not records: the queues, streams and tables hold the data.
    removalPolicy: RemovalPolicy.DESTROY,
  });
  // An explicit role instead of the default AWSLambdaBasicExecutionRole managed policy: that policy
  // may write to any log group in the account; this role may write only to the function's own.
  const role = new Role(scope, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  logGroup.grantWrite(role);
  const placement = options.vpcPlacement;
  if (placement !== undefined) role.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole'));
  const sourceMap = options.sourceMap ?? false;
  const fn = new NodejsFunction(scope, 'Function', {
    role,
    entry: options.entry,
    handler: 'handler',
    // nodejs24.x is supported until 2028-04; nodejs20.x was deprecated on 2026-04-30.
    runtime: Runtime.NODEJS_24_X,
    // Graviton: about 20% cheaper per GB-second than x86 for the same Node.js code.
    architecture: Architecture.ARM_64,
    memorySize: options.memorySize ?? 256,
    timeout: options.timeout ?? Duration.seconds(60),
    logGroup,
    ...(placement === undefined
      ? {}
      : { vpc: placement.vpc, vpcSubnets: placement.subnets, securityGroups: placement.securityGroups, allowPublicSubnet: placement.allowPublicSubnet ?? false }),
    environment: { ...options.environment, ...(sourceMap ? { NODE_OPTIONS: '--enable-source-maps' } : {}) },
    bundling: {
      // esbuild from node_modules: synth needs no Docker (an installed package brings esbuild along).
      forceDockerBundling: false,
      // A small bundle (the clickstream handlers stay under 300 KB) keeps cold starts short.
      minify: true,
      sourceMap,
      // ES modules: packages' ES builds tree-shake better than their CommonJS builds.
      format: OutputFormat.ESM,
      mainFields: ['module', 'main'],
      // Some CommonJS dependencies call require() at run time; an ES module has none unless we create it.
      banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      // The nodejs24.x runtime provides SDK v3 and its Smithy packages; bundling them would add size
      // and could mix Smithy versions with the runtime's SDK.
      externalModules: options.bundleAwsSdk === true ? [] : ['@aws-sdk/*', '@smithy/*'],
      esbuildArgs: Object.fromEntries(Object.entries(options.moduleAliases ?? {}).map(([from, to]) => [`--alias:${from}`, to])),
    },
  });
  return { function: fn, logGroup, role };
}
