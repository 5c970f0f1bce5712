/* global module, require, process, console */
// The Node version gate shared by `npm test` (run as a script) and `npm start` (imported by
// local/start.ts). Plain CommonJS with no modern syntax, so it runs, and explains itself, on any
// Node: on Node 20, `npm test` used to run for 2 minutes and fail 61 tests on `node:sqlite`.
'use strict';

/** The project's floor (package.json engines): CDK dropped Node 20, and fauxqs needs >= 22.5. */
var MINIMUM_NODE_MAJOR = 22;

/**
 * What is wrong with running `command` on Node `version` ("20.20.2"), or undefined when nothing is.
 * An unreadable version counts as too old: the message then names what was found.
 */
function nodeVersionProblem(command, version) {
  var major = Number(String(version).split('.')[0]);
  if (major >= MINIMUM_NODE_MAJOR) return undefined;
  return (
    command + ': Node ' + version + ' is too old; use Node ' + MINIMUM_NODE_MAJOR +
    ' or newer (.nvmrc says 24: `nvm use`).'
  );
}

module.exports = { MINIMUM_NODE_MAJOR: MINIMUM_NODE_MAJOR, nodeVersionProblem: nodeVersionProblem };

// `node scripts/check-node.cjs "npm test"`: exit 1 with the message on an old Node, else 0.
if (require.main === module) {
  var problem = nodeVersionProblem(process.argv[2] || 'this command', process.versions.node);
  if (problem !== undefined) {
    console.error(problem);
    process.exit(1);
  }
}
