/**
 * The email worker's own poller (runtime/shared/sqs-poller/poller.ts) as a benchmark contender: its real
 * receive loops, prefetch, delete batching and heartbeat; only the job is the simulated one.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { SqsPoller } from '../../runtime/shared/sqs-poller/poller';
import type { RunningSqsContender, SqsContender } from './sqs-contender';

/** How the poller runs in the benchmark. */
export interface SqsPollerContenderOptions {
  /** Label printed with the figures. */
  readonly label: string;
  /** Jobs running at once (the poller's `concurrency`). */
  readonly concurrency: number;
  /** Messages received ahead of free workers. @default the poller's own default */
  readonly prefetch?: number;
}

/** Our SqsPoller with the given concurrency, everything else at its defaults. */
export function sqsPollerContender(options: SqsPollerContenderOptions): SqsContender {
  const prefetch = options.prefetch === undefined ? 'default prefetch' : `prefetch=${options.prefetch}`;
  return {
    label: options.label,
    settings: `SqsPoller concurrency=${options.concurrency} ${prefetch}, other options at their defaults`,
    start(context): RunningSqsContender {
      const poller = new SqsPoller({
        sqs: context.sqs,
        queueUrl: context.queueUrl,
        processMessage: context.job,
        visibilityTimeoutSeconds: context.visibilityTimeoutSeconds,
        concurrency: options.concurrency,
        prefetch: options.prefetch,
        // Warnings (failed receives or deletes) still reach stderr; info lines would drown the figures.
        logger: new Logger({ serviceName: 'bench-sqs-poller', logLevel: 'WARN' }),
      });
      poller.start();
      return { stop: () => poller.stop() };
    },
  };
}
