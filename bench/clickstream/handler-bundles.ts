/**
 * The Lambda handlers whose bundles the clickstream benchmark measures, each with the bundling
 * settings of the construct that deploys it and the environment its stack gives it.
 */
import { join } from 'node:path';
import type { HandlerBundlingOptions, HandlerEntry } from '../bundle-size';
import { CLICKSTREAM_PROCESSOR_LOAD_ENV, EMAIL_WORKER_LOAD_ENV, handlerLoadEnv } from './handler-environments';

/**
 * The `bundling` of lib/clickstream/clickstream-function.ts (ClickstreamFunction), in esbuild's
 * terms. Keep the two in step: the figures are only true while they match.
 */
export const CLICKSTREAM_FUNCTION_BUNDLING: HandlerBundlingOptions = {
  minify: true,
  format: 'esm',
  // NodejsFunction derives the target from the runtime: nodejs24.x → node24.
  target: 'node24',
  externalModules: ['@aws-sdk/*', '@smithy/*'],
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  mainFields: ['module', 'main'],
};

/**
 * The `bundling` of lib/email-worker/email-lambda-consumer.ts (EmailLambdaConsumer), in esbuild's
 * terms; the externals are NodejsFunction's default under the `sdkV3ExcludeSmithyPackages` flag
 * that cdk.json turns on. Keep the two in step.
 */
export const EMAIL_LAMBDA_CONSUMER_BUNDLING: HandlerBundlingOptions = {
  minify: true,
  format: 'cjs',
  target: 'node24',
  externalModules: ['@aws-sdk/*', '@smithy/*'],
  sourceMap: true,
};

/** A handler to bundle and load, with what it is bundled and loaded with. */
export interface BenchedHandler extends HandlerEntry {
  readonly bundling: HandlerBundlingOptions;
  readonly loadEnv: NodeJS.ProcessEnv;
}

/** The handlers measured, with entries resolved against `projectRoot`. */
export function benchedHandlers(projectRoot: string): BenchedHandler[] {
  return [
    {
      functionName: 'clickstream_processor',
      entryPath: join(projectRoot, 'lambda/clickstream-processor/handler.ts'),
      bundling: CLICKSTREAM_FUNCTION_BUNDLING,
      loadEnv: handlerLoadEnv('clickstream-processor', CLICKSTREAM_PROCESSOR_LOAD_ENV),
    },
    {
      functionName: 'clickstream_dashboard',
      entryPath: join(projectRoot, 'lambda/clickstream-dashboard/handler.ts'),
      bundling: CLICKSTREAM_FUNCTION_BUNDLING,
      loadEnv: handlerLoadEnv('clickstream-dashboard'),
    },
    {
      functionName: 'email_worker',
      entryPath: join(projectRoot, 'lambda/email-worker/handler.ts'),
      bundling: EMAIL_LAMBDA_CONSUMER_BUNDLING,
      // The consumer sets NODE_OPTIONS=--enable-source-maps, which makes Node read the map at load.
      loadEnv: { ...handlerLoadEnv('email-worker', EMAIL_WORKER_LOAD_ENV), NODE_OPTIONS: '--enable-source-maps' },
    },
  ];
}
