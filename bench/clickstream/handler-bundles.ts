/**
 * The Lambda handlers whose bundles the clickstream benchmark measures, each with the bundling
 * settings of the construct that deploys it and the environment its stack gives it.
 */
import { join } from 'node:path';
import type { HandlerBundlingOptions, HandlerEntry } from '../bundle-size';
import { CLICKSTREAM_PROCESSOR_LOAD_ENV, EMAIL_WORKER_LOAD_ENV, handlerLoadEnv } from './handler-environments';

/**
 * The `bundling` of lib/common/nodejs-function.ts (the one Lambda function factory, used by
 * ClickstreamFunction), in esbuild's terms. Keep the two in step: the figures are only true while
 * they match.
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
 * The email Lambda consumer's bundling: the same factory with its one explicit option, a source map
 * (lib/email-worker/email-lambda-consumer.ts). Keep the two in step.
 */
export const EMAIL_LAMBDA_CONSUMER_BUNDLING: HandlerBundlingOptions = { ...CLICKSTREAM_FUNCTION_BUNDLING, sourceMap: true };

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
      entryPath: join(projectRoot, 'runtime/clickstream/processor-lambda/handler.ts'),
      bundling: CLICKSTREAM_FUNCTION_BUNDLING,
      loadEnv: handlerLoadEnv('clickstream-processor', CLICKSTREAM_PROCESSOR_LOAD_ENV),
    },
    {
      functionName: 'clickstream_dashboard',
      entryPath: join(projectRoot, 'runtime/clickstream/dashboard-lambda/handler.ts'),
      bundling: CLICKSTREAM_FUNCTION_BUNDLING,
      loadEnv: handlerLoadEnv('clickstream-dashboard'),
    },
    {
      functionName: 'email_worker',
      entryPath: join(projectRoot, 'runtime/email-worker/handler.ts'),
      bundling: EMAIL_LAMBDA_CONSUMER_BUNDLING,
      // The consumer sets NODE_OPTIONS=--enable-source-maps, which makes Node read the map at load.
      loadEnv: { ...handlerLoadEnv('email-worker', EMAIL_WORKER_LOAD_ENV), NODE_OPTIONS: '--enable-source-maps' },
    },
  ];
}
