/**
 * Bundles a Lambda handler entry with esbuild the way the stacks' NodejsFunction does, and reports
 * what ends up in the deployment package: its minified size and the inputs that weigh most.
 */
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FAILURE_EXIT_CODE, QueueOrStreamError } from '../runtime/shared/errors';

/** One Lambda handler to bundle. */
export interface HandlerEntry {
  /** Figure suffix, e.g. `clickstream_processor` for `bundle_kb_clickstream_processor`. */
  readonly functionName: string;
  /** Path of the handler's TypeScript entry, as the stack passes it to NodejsFunction. */
  readonly entryPath: string;
}

/** The NodejsFunction bundling settings that change what ends up in the package. */
export interface HandlerBundlingOptions {
  /** esbuild `--minify`. */
  readonly minify: boolean;
  /** esbuild `--format`; NodejsFunction writes `index.mjs` for `esm`, `index.js` otherwise. */
  readonly format: 'cjs' | 'esm';
  /** esbuild `--target`, derived by NodejsFunction from the runtime (`nodejs24.x` → `node24`). */
  readonly target: string;
  /** Modules left out of the bundle because the Lambda runtime provides them. */
  readonly externalModules: readonly string[];
  /** esbuild `--banner:js`, e.g. a `createRequire` shim for ESM bundles. @default none */
  readonly banner?: string;
  /** esbuild `--main-fields`. @default esbuild's own (`main,module` for platform node) */
  readonly mainFields?: readonly string[];
  /** esbuild `--sourcemap`: a linked `.map` file next to the bundle (not counted in its size). @default false */
  readonly sourceMap?: boolean;
}

/** A bundled handler. */
export interface HandlerBundle {
  readonly functionName: string;
  /** Absolute path of the bundle file. */
  readonly bundlePath: string;
  /** Size of the bundle file in bytes (what Lambda unzips and loads). */
  readonly bytes: number;
  /** The heaviest inputs, `path (KiB)`, heaviest first: the first place to look when a bundle is too big. */
  readonly heaviestInputs: readonly string[];
}

/** Inputs listed in {@link HandlerBundle.heaviestInputs}. */
const HEAVIEST_INPUTS_SHOWN = 3;
const BYTES_PER_KIB = 1024;

/** A handler entry esbuild could not bundle. */
export class HandlerBundlingError extends QueueOrStreamError {
  readonly exitCode = FAILURE_EXIT_CODE;

  constructor(
    readonly functionName: string,
    readonly entryPath: string,
    cause: unknown,
  ) {
    super(`could not bundle ${functionName} from ${entryPath}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

function heaviestInputs(outputInputs: Record<string, { bytesInOutput: number }>, projectRoot: string): string[] {
  return Object.entries(outputInputs)
    .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput)
    .slice(0, HEAVIEST_INPUTS_SHOWN)
    .map(([input, { bytesInOutput }]) => `${relative(projectRoot, input)} (${(bytesInOutput / BYTES_PER_KIB).toFixed(1)} KiB)`);
}

/**
 * Bundles `handler` into `outDir/<functionName>/index.{js,mjs}`. `outDir` should sit inside the
 * project, so that the external modules resolve from its node_modules when the bundle is loaded,
 * as they resolve from the runtime's own copy in Lambda.
 */
export async function bundleHandler(
  handler: HandlerEntry,
  options: HandlerBundlingOptions,
  outDir: string,
  projectRoot: string,
): Promise<HandlerBundle> {
  const bundlePath = join(outDir, handler.functionName, options.format === 'esm' ? 'index.mjs' : 'index.js');
  try {
    const result = await build({
      entryPoints: [handler.entryPath],
      bundle: true,
      platform: 'node',
      target: options.target,
      format: options.format,
      minify: options.minify,
      external: [...options.externalModules],
      banner: options.banner === undefined ? undefined : { js: options.banner },
      mainFields: options.mainFields === undefined ? undefined : [...options.mainFields],
      sourcemap: options.sourceMap ?? false,
      outfile: bundlePath,
      absWorkingDir: projectRoot,
      metafile: true,
      logLevel: 'silent',
    });
    const output = result.metafile.outputs[relative(projectRoot, bundlePath)];
    return {
      functionName: handler.functionName,
      bundlePath,
      bytes: statSync(bundlePath).size,
      heaviestInputs: output === undefined ? [] : heaviestInputs(output.inputs, projectRoot),
    };
  } catch (error) {
    throw new HandlerBundlingError(handler.functionName, handler.entryPath, error);
  }
}

/** Bundle size in KiB, as the `bundle_kb_*` figures report it. */
export function bundleKib(bundle: HandlerBundle): number {
  return bundle.bytes / BYTES_PER_KIB;
}
