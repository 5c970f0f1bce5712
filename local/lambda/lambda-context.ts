/** A Lambda `Context` for one local invocation, whose remaining time follows the function's Timeout. */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** The function being invoked. */
export interface LocalFunctionIdentity {
  readonly functionName: string;
  readonly timeoutSeconds: number;
  /** @default 128 (Lambda's default) */
  readonly memorySizeMb?: number;
  readonly region: string;
  /** @default '000000000000' */
  readonly accountId?: string;
}

/**
 * Thrown by the callback-style methods: the handlers here are async and must return their result.
 * Plain `Error`: it is thrown inside a handler, and the runner records it as that invocation's failure.
 */
export class CallbackStyleNotSupportedError extends Error {
  override readonly name = 'CallbackStyleNotSupportedError';
  constructor(readonly method: string) {
    super(`context.${method}() is not supported locally: return (or throw) from the async handler instead`);
  }
}

/** Builds the context at the start of an invocation; the deadline starts now. */
export function createLambdaContext(identity: LocalFunctionIdentity): Context {
  const deadline = Date.now() + identity.timeoutSeconds * 1000;
  const unsupported = (method: string) => (): never => {
    throw new CallbackStyleNotSupportedError(method);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: identity.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${identity.region}:${identity.accountId ?? '000000000000'}:function:${identity.functionName}`,
    memoryLimitInMB: String(identity.memorySizeMb ?? 128),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${identity.functionName}`,
    logStreamName: `local/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
}
