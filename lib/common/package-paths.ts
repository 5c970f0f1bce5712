/**
 * Where the sources the constructs deploy live: the Lambda handlers (bundled by esbuild at synth) and
 * the Fargate images' Docker build context. From the repository (tsx, Jest, `cdk synth` here) that is
 * the repository root. From the installed package (compiled to dist/lib/...) it is dist/sources: the
 * build stages package.json, package-lock.json, tsconfig.json, .dockerignore and runtime/ there
 * (scripts/stage-sources.cjs), because npm never packs a root package-lock.json and the Docker builds
 * run `npm ci` against it.
 */
import * as path from 'node:path';

/** True when this file runs as compiled JavaScript (the package), false from TypeScript sources. */
const COMPILED = path.extname(__filename) === '.js';

/** The folder holding `runtime/`, `package.json`, `package-lock.json`, `tsconfig.json` and `.dockerignore`. */
export const SOURCE_ROOT = COMPILED ? path.join(__dirname, '..', '..', 'sources') : path.join(__dirname, '..', '..');

/** Absolute path of a file under `runtime/`, e.g. `handlerEntry('email-worker', 'handler.ts')`. */
export function handlerEntry(...segments: string[]): string {
  return path.join(SOURCE_ROOT, 'runtime', ...segments);
}
