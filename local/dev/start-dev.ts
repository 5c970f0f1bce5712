/**
 * Starts every registered component (at the same time: each has its own emulators on free
 * loopback ports) and the status server. If one fails, the ones that did start are stopped before
 * the error is rethrown, so a failed start leaves nothing running.
 */
import type { DevComponent, DevContext, DevDescription, RunningDevComponent } from './dev-component';
import { startDevStatusServer } from './dev-status-server';
import { DevStartError } from './dev-start-error';

/** Everything `npm run dev` started. */
export interface RunningDev {
  /** Each component's description, by name (in registry order). */
  readonly components: Readonly<Record<string, DevDescription>>;
  /** `GET` it for every component's counters. */
  readonly statusUrl: string;
  /** Stops everything: every component at once, each its consumers before its emulators. Idempotent. */
  stop(): Promise<void>;
}

async function stopInReverse(running: readonly RunningDevComponent[]): Promise<void> {
  for (const component of [...running].reverse()) await component.stop();
}

/**
 * Stops every component at once (each stops its own consumers before its own emulators, and no
 * component uses another's); one failing stop does not keep the others running.
 */
async function stopAll(running: readonly RunningDevComponent[]): Promise<void> {
  const failures = (await Promise.allSettled(running.map((component) => component.stop()))).flatMap((outcome) =>
    outcome.status === 'rejected' ? [outcome.reason as unknown] : [],
  );
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} component(s) failed to stop`);
}

/** Starts `components` with `context`. */
export async function startDev(components: readonly DevComponent[], context: DevContext): Promise<RunningDev> {
  const outcomes = await Promise.allSettled(components.map((component) => component.start(context)));
  const running = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failedAt = outcomes.findIndex((outcome) => outcome.status === 'rejected');
  const failure = outcomes[failedAt];
  if (failure?.status === 'rejected') {
    await stopInReverse(running);
    throw new DevStartError(components[failedAt]?.name ?? '?', failure.reason);
  }
  const named = components.map((component, index) => [component.name, running[index]] as const);
  const server = await startDevStatusServer(() => Object.fromEntries(named.map(([name, component]) => [name, component?.status()]))).catch(
    async (error: unknown) => {
      await stopInReverse(running);
      throw error;
    },
  );
  let stopping: Promise<void> | undefined;
  return {
    components: Object.fromEntries(named.map(([name, component]) => [name, component?.description as DevDescription])),
    statusUrl: server.url,
    stop() {
      stopping ??= server.stop().then(() => stopAll(running));
      return stopping;
    },
  };
}
