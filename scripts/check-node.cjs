/* global module, require, process, console */
// The Node version gate shared by `npm test` (run as a script) and `npm start` (imported by
// local/start.ts). Plain CommonJS with no modern syntax, so it runs, and explains itself, on any
// Node: on Node 20, `npm test` used to run for 2 minutes and fail 61 tests on `node:sqlite`.
// `npm install` has its own gate: .npmrc's engine-strict against package.json's engines.
'use strict';

/**
 * The project's floor, package.json's engines: CDK dropped Node 20, fauxqs needs >= 22.5, and the
 * lock file's strictest dependency engines (@platformatic/kafka >= 22.22, eslint ^22.13 || >= 24)
 * leave Node 22.22+ in the 22 line, or 24 and newer (23 is out: eslint excludes it).
 */
var NODE_ENGINES = '^22.22.0 || >=24';

/** The way to get Node 24 without nvm: the npm registry's `node` package, as .ci/run does. */
var INSTALL_WITHOUT_NVM =
  'npm install --prefix ~/.node24 node@24 && export PATH="$HOME/.node24/node_modules/.bin:$PATH"';

/** Whether `version` ("22.22.0") is within {@link NODE_ENGINES}; an unreadable version is not. */
function isSupportedNode(version) {
  var parts = String(version).split('.').map(Number);
  var major = parts[0];
  var minor = parts[1];
  if (!(major >= 0) || !(minor >= 0)) return false;
  return major >= 24 || (major === 22 && minor >= 22);
}

/**
 * What is wrong with running `command` on Node `version` ("20.20.2"), or undefined when nothing is.
 * An unreadable version counts as too old: the message then names what was found.
 */
function nodeVersionProblem(command, version) {
  if (isSupportedNode(version)) return undefined;
  return (
    command + ': Node ' + version + ' is too old; use Node 24 (or 22.22 or newer).\n' +
    '  With nvm: `nvm use` (.nvmrc says 24). Without: `' + INSTALL_WITHOUT_NVM + '`'
  );
}

module.exports = { NODE_ENGINES: NODE_ENGINES, isSupportedNode: isSupportedNode, nodeVersionProblem: nodeVersionProblem };

// `node scripts/check-node.cjs "npm test"`: exit 1 with the message on an old Node, else 0.
if (require.main === module) {
  var problem = nodeVersionProblem(process.argv[2] || 'this command', process.versions.node);
  if (problem !== undefined) {
    console.error(problem);
    process.exit(1);
  }
}
