/** The clickstream processor as the handler builds it, on an in-memory store, for unit tests. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createClickstreamProcessor } from '../../runtime/clickstream/processor-lambda/clickstream-processor';
import type { InMemorySessionStore } from './clickstream-session-store';

type ClickstreamProcessorDependencies = Parameters<typeof createClickstreamProcessor>[0];

/**
 * A processor with the handler's logger and metrics names and a 30-minute session timeout.
 * @param overrides replaces any dependency. @default none
 */
export function aClickstreamProcessor(store: InMemorySessionStore, overrides: Partial<ClickstreamProcessorDependencies> = {}): ReturnType<typeof createClickstreamProcessor> {
  return createClickstreamProcessor({
    store,
    sessionTimeoutSeconds: 1800,
    logger: new Logger({ serviceName: 'clickstream-processor' }),
    metrics: new Metrics({ namespace: 'QueueOrStream/Clickstream', serviceName: 'clickstream-processor' }),
    ...overrides,
  });
}
