/* global module, require, process */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS: Jest loads it as is, before any transform */
// Jest globalSetup: every test run gets its own temporary folder, removed by
// jest-temp-dir-teardown.cjs. CDK apps synthesized without an outdir (the stack tests) each make
// a `cdk.out*` folder in os.tmpdir() and never remove it: about 69 per `npm test`. Workers start
// after this runs and inherit TMPDIR, so everything they create lands here.
'use strict';
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async function createTestTempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'qos-jest-'));
  process.env.QOS_JEST_OUTER_TMPDIR = process.env.TMPDIR ?? '';
  process.env.QOS_JEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
};
