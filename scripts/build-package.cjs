/* global require, process, __dirname, console */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: run by npm with Node, before any build */
// `npm run build` (and `prepack`): the package npm pack ships. Three steps:
// 1. dist/ removed, so no file of an earlier build is shipped;
// 2. tsc -p tsconfig.build.json: lib/index.ts and everything it imports (lib/, parts of runtime/)
//    as CommonJS JavaScript with declarations, into dist/lib and dist/runtime;
// 3. dist/sources: what the constructs deploy from at the consumer's synth (lib/common/package-paths.ts):
//    the Lambda handlers' TypeScript (NodejsFunction bundles them with esbuild) and the Fargate
//    images' Docker build context (package.json, package-lock.json, tsconfig.json, .dockerignore,
//    runtime/). npm never packs a root package-lock.json; the Docker builds run `npm ci` against it.
'use strict';

var childProcess = require('node:child_process');
var fs = require('node:fs');
var path = require('node:path');

var ROOT = path.join(__dirname, '..');
var DIST = path.join(ROOT, 'dist');
var SOURCES = path.join(DIST, 'sources');
var SOURCE_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', '.dockerignore'];

fs.rmSync(DIST, { recursive: true, force: true });
var tsc = childProcess.spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status === null ? 1 : tsc.status);

fs.mkdirSync(SOURCES, { recursive: true });
SOURCE_FILES.forEach(function copy(file) {
  fs.copyFileSync(path.join(ROOT, file), path.join(SOURCES, file));
});
fs.cpSync(path.join(ROOT, 'runtime'), path.join(SOURCES, 'runtime'), { recursive: true });
// stderr: stdout belongs to npm pack's own report (the tarball name, --json).
console.error('built dist/ (lib, runtime, sources)');
