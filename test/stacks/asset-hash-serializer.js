/**
 * Jest snapshot serializer: masks CDK asset hashes (64 hex chars, optionally with an extension such
 * as `.zip` or `.json`) so a snapshot changes only when the infrastructure does, not when a handler's
 * source does. Handler code is covered by its own tests.
 */
const ASSET_HASH = /[0-9a-f]{64}(\.(zip|json|tar))?/g;

module.exports = {
  test: (value) => typeof value === 'string' && /[0-9a-f]{64}/.test(value),
  serialize: (value) => JSON.stringify(value.replace(ASSET_HASH, '[ASSET HASH]')),
};
