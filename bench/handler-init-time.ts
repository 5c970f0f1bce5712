/**
 * How long a fresh Node process takes to load a bundled handler: the module-load part of a Lambda
 * cold start (the runtime's own start is not in it). Each sample is the wall time of
 * `node load-bundle.cjs <file>`; the same process loading an empty file of the same format is the
 * baseline, measured in the same rounds, and the figure is median(bundle) − median(baseline).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HandlerBundle } from './bundle-size';
import { median } from './lib/median';
import { FAILURE_EXIT_CODE, QueueOrStreamError } from '../runtime/shared/errors';

/** Loads the file named by argv[2] (CJS or ESM alike) and, with argv[3] = `handler`, checks the export. */
const LOADER_SOURCE = `const { pathToFileURL } = require('node:url');
import(pathToFileURL(process.argv[2]).href).then((loaded) => {
  if (process.argv[3] !== 'handler') return;
  const handler = loaded.handler ?? (loaded.default && loaded.default.handler);
  if (typeof handler !== 'function') throw new Error('the bundle exports no handler function');
});
`;

/** Bounds one load: a bundle that hangs at load time must not hang the benchmark. */
const LOAD_TIMEOUT_MS = 30_000;

/** A bundle that failed to load in a fresh process (it throws at load time, or exports no handler). */
export class HandlerLoadError extends QueueOrStreamError {
  readonly exitCode = FAILURE_EXIT_CODE;

  constructor(
    readonly bundlePath: string,
    /** The loading child's exit code (null when a signal ended it). */
    readonly childExitCode: number | null,
    readonly stderrTail: string,
  ) {
    super(`loading ${bundlePath} failed (exit ${String(childExitCode)}): ${stderrTail}`);
  }
}

/** Options of {@link measureInitTimes}. */
export interface InitTimeOptions {
  /** Samples per bundle and for the baseline; odd, so the median is one real sample. */
  readonly samples: number;
  /** Directory for the loader and the empty baseline files. */
  readonly workDir: string;
  /** Environment of each bundle's loading process (what its stack sets), by function name. */
  readonly envByFunction: ReadonlyMap<string, NodeJS.ProcessEnv>;
}

/** Load time of one bundle. */
export interface HandlerInitTime {
  readonly functionName: string;
  /** median(bundle) − median(baseline), in milliseconds. */
  readonly initMs: number;
  /** Every sample of the bundle, in milliseconds, for the context lines. */
  readonly samplesMs: readonly number[];
}

/** The result of one measurement run: every bundle's load time and the baselines it was measured against. */
export interface InitTimeReport {
  /** Median load time of an empty file, by module format (`cjs`, `esm`). */
  readonly baselineMedianMsByFormat: ReadonlyMap<ModuleFormat, number>;
  readonly handlers: readonly HandlerInitTime[];
}

export type ModuleFormat = 'cjs' | 'esm';

function formatOf(bundle: HandlerBundle): ModuleFormat {
  return bundle.bundlePath.endsWith('.mjs') ? 'esm' : 'cjs';
}

function timeLoad(loaderPath: string, filePath: string, expectHandler: boolean, env: NodeJS.ProcessEnv): number {
  const startedAt = performance.now();
  const result = spawnSync(process.execPath, [loaderPath, filePath, expectHandler ? 'handler' : 'plain'], {
    env,
    encoding: 'utf8',
    timeout: LOAD_TIMEOUT_MS,
  });
  const elapsedMs = performance.now() - startedAt;
  if (result.status !== 0) throw new HandlerLoadError(filePath, result.status, (result.stderr ?? '').slice(-600).trim());
  return elapsedMs;
}

/**
 * Measures every bundle's load time. Rounds interleave the baseline and the bundles, so a burst of
 * load from other processes on the machine hits all of them alike instead of one.
 */
export function measureInitTimes(bundles: readonly HandlerBundle[], options: InitTimeOptions): InitTimeReport {
  const loaderPath = join(options.workDir, 'load-bundle.cjs');
  writeFileSync(loaderPath, LOADER_SOURCE);
  const emptyFiles: Record<ModuleFormat, string> = {
    cjs: join(options.workDir, 'empty.js'),
    esm: join(options.workDir, 'empty.mjs'),
  };
  writeFileSync(emptyFiles.cjs, '');
  writeFileSync(emptyFiles.esm, '');

  const baselineSamples: Record<ModuleFormat, number[]> = { cjs: [], esm: [] };
  const bundleSamples = new Map<string, number[]>(bundles.map((bundle) => [bundle.functionName, []]));
  for (let round = 0; round < options.samples; round += 1) {
    for (const bundle of bundles) {
      const format = formatOf(bundle);
      const env = options.envByFunction.get(bundle.functionName) ?? {};
      baselineSamples[format].push(timeLoad(loaderPath, emptyFiles[format], false, env));
      bundleSamples.get(bundle.functionName)?.push(timeLoad(loaderPath, bundle.bundlePath, true, env));
    }
  }
  const baselineMedianMsByFormat = new Map<ModuleFormat, number>(
    (Object.keys(baselineSamples) as ModuleFormat[])
      .filter((format) => baselineSamples[format].length > 0)
      .map((format) => [format, median(baselineSamples[format])]),
  );
  return {
    baselineMedianMsByFormat,
    handlers: bundles.map((bundle) => {
      const samplesMs = bundleSamples.get(bundle.functionName) ?? [];
      const baselineMs = baselineMedianMsByFormat.get(formatOf(bundle)) ?? 0;
      return { functionName: bundle.functionName, initMs: median(samplesMs) - baselineMs, samplesMs };
    }),
  };
}
