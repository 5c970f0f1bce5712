/**
 * `npm run bench:clickstream`: the clickstream pattern's figures (a benchmark, not a test).
 *
 * 1. Handler bundles: each Lambda handler bundled as its construct bundles it → `bundle_kb_*`,
 *    and the time a fresh Node process takes to load it → `init_ms_*`.
 * 2. Producer throughput on one kinesis-local: our producer against the tutorial's one-`PutRecord`-
 *    per-event loop, each on a fresh stream with the same mode and the same events.
 * 3. A hot key (one user with 90% of the events) against uniform users, with KPL aggregation off
 *    and on → `producer_hot_key_records_per_s`, `producer_uniform_records_per_s`,
 *    `producer_hot_key_vs_uniform`, `hot_key_order_inversions` (and the `_aggregation_off` figures).
 *
 * Figures are `name: value` lines; everything else is a `# ` context line.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { printContext, printFigure } from './lib/print-figure';
import { bundleHandler, bundleKib, type HandlerBundle } from './bundle-size';
import { measureInitTimes } from './handler-init-time';
import { benchedHandlers } from './clickstream/handler-bundles';
import { runProducerComparison } from './clickstream/producer-comparison';
import { exitCodeFor } from '../runtime/shared/errors';

const PROJECT_ROOT = resolve(__dirname, '..');
/** Inside the project (and git-ignored), so a bundle's external modules resolve from node_modules. */
const WORK_DIR = join(PROJECT_ROOT, '.bench-out', 'clickstream');
/** Load samples per handler; odd so the median is a real sample, 7 to ride out noise on 2 shared cores. */
const INIT_SAMPLES = 7;

async function measureHandlers(): Promise<void> {
  const handlers = benchedHandlers(PROJECT_ROOT);
  const bundles: HandlerBundle[] = [];
  for (const handler of handlers) {
    bundles.push(await bundleHandler(handler, handler.bundling, WORK_DIR, PROJECT_ROOT));
  }
  printContext('bundles: esbuild run with each construct\'s NodejsFunction bundling options; KB = 1024 bytes');
  for (const [index, bundle] of bundles.entries()) {
    const { format, minify, target, externalModules, sourceMap } = handlers[index].bundling;
    printContext(
      `${bundle.functionName}: ${format}${minify ? ' minified' : ''} ${target}, externals ${externalModules.join(' ')}` +
        `${sourceMap === true ? ', linked source map (not counted)' : ''}; heaviest inputs: ${bundle.heaviestInputs.join(', ')}`,
    );
  }

  const initTimes = measureInitTimes(bundles, {
    samples: INIT_SAMPLES,
    workDir: WORK_DIR,
    envByFunction: new Map(handlers.map((handler) => [handler.functionName, handler.loadEnv])),
  });
  const baselines = [...initTimes.baselineMedianMsByFormat].map(([format, ms]) => `${format} ${ms.toFixed(1)} ms`);
  printContext(`init: median of ${INIT_SAMPLES} fresh \`node\` loads minus an empty file's (baseline ${baselines.join(', ')})`);
  for (const handler of initTimes.handlers) {
    printContext(`${handler.functionName} load samples (ms): ${handler.samplesMs.map((ms) => ms.toFixed(0)).join(' ')}`);
  }

  for (const bundle of bundles) printFigure(`bundle_kb_${bundle.functionName}`, bundleKib(bundle), 1);
  for (const handler of initTimes.handlers) printFigure(`init_ms_${handler.functionName}`, handler.initMs, 1);
}

async function main(): Promise<void> {
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  try {
    await runProducerComparison();
    await measureHandlers();
  } finally {
    rmSync(WORK_DIR, { recursive: true, force: true });
  }
}

main().then(
  // Exit explicitly: the benchmark is bounded even if a socket or timer would keep Node alive.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(exitCodeFor(error));
  },
);
