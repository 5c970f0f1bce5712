/**
 * Starts every registered component (at the same time: each has its own emulators on free
 * loopback ports), the status server, and with `--web` the live page first. If one fails, the ones
 * that did start are stopped before the error is rethrown, so a failed start leaves nothing running.
 */
import type { DevComponent, DevContext, DevDescription, RunningDevComponent } from './dev-component';
import { openDevLivePage } from './dev-live-page';
import { startDevStatusServer, type DevStatusServer } from './dev-status-server';
import { DevStartError } from './dev-start-error';

/** Everything `npm run dev` started. */
export interface RunningDev {
  /** Each component's description, by name (in registry order). */
  readonly components: Readonly<Record<string, DevDescription>>;
  /** `GET` it for every component's counters. */
  readonly statusUrl: string;
  /** The live page (`--web`). @default undefined: no page */
  readonly livePageUrl?: string;
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

/** How dev starts. */
export interface DevStartOptions {
  /** Serve the live page (`--web`). @default false */
  readonly web?: boolean;
}

/** Starts the components, then the status server; on a failure, stops what started and rethrows. */
async function startComponents(components: readonly DevComponent[], context: DevContext): Promise<{ running: RunningDevComponent[]; server: DevStatusServer }> {
  const outcomes = await Promise.allSettled(components.map((component) => component.start(context)));
  const running = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failedAt = outcomes.findIndex((outcome) => outcome.status === 'rejected');
  const failure = outcomes[failedAt];
  if (failure?.status === 'rejected') {
    await stopInReverse(running);
    throw new DevStartError(components[failedAt]?.name ?? '?', failure.reason);
  }
  const server = await startDevStatusServer(() => Object.fromEntries(components.map((component, index) => [component.name, running[index]?.status()]))).catch(
    async (error: unknown) => {
      await stopInReverse(running);
      throw error;
    },
  );
  return { running, server };
}

/** Starts `components` with `context`, and the live page first when `options.web`. */
export async function startDev(components: readonly DevComponent[], context: DevContext, options: DevStartOptions = {}): Promise<RunningDev> {
  const page = options.web === true ? await openDevLivePage(components.map((component) => component.name)) : undefined;
  const { running, server } = await startComponents(components, page === undefined ? context : { ...context, liveEvents: page.sink }).catch(async (error: unknown) => {
    await page?.close();
    throw error;
  });
  for (const [index, component] of running.entries()) {
    const skipped = component.description.skipped;
    if (skipped !== undefined) page?.sink.emit({ kind: 'log', pattern: 'run', line: `${components[index]?.name ?? '?'}: skipped: ${skipped}` });
  }
  let stopping: Promise<void> | undefined;
  return {
    components: Object.fromEntries(components.map((component, index) => [component.name, running[index]?.description as DevDescription])),
    statusUrl: server.url,
    ...(page === undefined ? {} : { livePageUrl: page.url }),
    stop() {
      if (stopping === undefined) {
        page?.stopping();
        // The page closes last: it shows the stop until the emulators are down.
        stopping = server
          .stop()
          .then(() => stopAll(running))
          .finally(() => page?.close());
      }
      return stopping;
    },
  };
}
