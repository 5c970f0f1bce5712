/**
 * Jest runs TypeScript through SWC (transpile only, fast on 2 cores); `tsc --noEmit`
 * in `npm test` does the type checking.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // Integration suites start emulators on free loopback ports; a generous ceiling, not a timing assertion.
  testTimeout: 120_000,
  // Two cores: one worker keeps emulator-backed suites from starving each other.
  maxWorkers: 2,
  snapshotSerializers: ['<rootDir>/test/stacks/asset-hash-serializer.js'],
};
