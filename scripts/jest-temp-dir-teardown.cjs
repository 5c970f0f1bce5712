/* global module, require, process */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: Jest loads it as is, before any transform */
// Jest globalTeardown: removes the run's temporary folder made by jest-temp-dir-setup.cjs, with
// every `cdk.out*` folder and other leftovers the tests wrote there.
'use strict';
const { rmSync } = require('node:fs');

module.exports = async function removeTestTempDir() {
  const dir = process.env.QOS_JEST_TMPDIR;
  if (dir !== undefined && dir !== '') rmSync(dir, { recursive: true, force: true });
  const outer = process.env.QOS_JEST_OUTER_TMPDIR;
  if (outer === undefined || outer === '') delete process.env.TMPDIR;
  else process.env.TMPDIR = outer;
};
