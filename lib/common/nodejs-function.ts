/**
 * The one Lambda function factory of the project: every handler under `lambda/` is deployed through
 * it, with one set of bundling defaults (each with its reason below). What differs between functions
 * is an explicit option.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type IRole, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
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
      externalModules: ['@aws-sdk/*', '@smithy/*'],
    },
  });
  return { function: fn, logGroup, role };
}
