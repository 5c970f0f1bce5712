/**
 * Jest runs TypeScript through ts-jest in transpile-only mode (isolatedModules: fast on 2 cores);
 * `tsc --noEmit` in `npm test` does the type checking once for the whole tree.
 * (Jest 29, not 30: Jest 30's resolver ships per-platform native bindings that a lock file made
 * on one platform cannot always list, which breaks `npm ci` elsewhere.)
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // tsconfig's isolatedModules makes ts-jest transpile each file on its own (no type check here).
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // Integration suites start emulators on free loopback ports; a generous ceiling, not a timing assertion.
  testTimeout: 120_000,
  // Two cores: two workers keep emulator-backed suites from starving each other.
  maxWorkers: 2,
  // ESM-only Kafka client, loaded through Node's own require (see the mapped file).
  moduleNameMapper: { '^@platformatic/kafka$': '<rootDir>/test/factories/kafka-client-for-jest.ts' },

  // One temporary folder per run, removed at the end: CDK apps synthesized without an outdir leave a
  // `cdk.out*` folder in os.tmpdir() each (about 69 per run before this).
  globalSetup: '<rootDir>/scripts/jest-temp-dir-setup.cjs',
  globalTeardown: '<rootDir>/scripts/jest-temp-dir-teardown.cjs',
  snapshotSerializers: ['<rootDir>/test/stacks/asset-hash-serializer.js'],
};
