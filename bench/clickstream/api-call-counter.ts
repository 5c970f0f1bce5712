import type { KinesisClient } from '@aws-sdk/client-kinesis';

/** What one contender cost in API calls. */
export interface ApiCallTally {
  /** Commands sent through `client.send()`, by command name (SDK retries not included). */
  readonly commandsByName: Readonly<Record<string, number>>;
  /** HTTP requests that reached the service: commands plus the SDK's own retry attempts. */
  readonly httpRequests: number;
}

/**
 * Counts the API calls a Kinesis client makes, with two middlewares: one in the `initialize` step
 * (once per `send()`) and one in the `deserialize` step, which sits inside the SDK's retry loop and
 * so runs once per HTTP attempt. A benchmark compares contenders by the second figure: a retried
 * request costs the service as much as the first.
 */
export class ApiCallCounter {
  private readonly commandsByName: Record<string, number> = {};
  private httpRequests = 0;

  /** Adds the counting middlewares to `client`; returns the same client for chaining. */
  attachTo(client: KinesisClient): KinesisClient {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const commandName = context.commandName ?? 'UnknownCommand';
        this.commandsByName[commandName] = (this.commandsByName[commandName] ?? 0) + 1;
        return next(args);
      },
      { step: 'initialize', name: 'benchCommandCounter' },
    );
    client.middlewareStack.add(
      (next) => async (args) => {
        this.httpRequests += 1;
        return next(args);
      },
      { step: 'deserialize', name: 'benchHttpRequestCounter' },
    );
    return client;
  }

  /** A snapshot of the counts so far. */
  tally(): ApiCallTally {
    return { commandsByName: { ...this.commandsByName }, httpRequests: this.httpRequests };
  }
}
