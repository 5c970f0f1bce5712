/** The Node version gate shared by `npm test` and `npm start` (scripts/check-node.cjs). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import packageJson from '../../../package.json';
import { NODE_ENGINES, nodeVersionProblem } from '../../../scripts/check-node.cjs';

describe('nodeVersionProblem', () => {
  it('names the command, the Node found, the one needed and a way to get it with or without nvm', () => {
    expect(nodeVersionProblem('npm test', '20.20.2')).toBe(
      'npm test: Node 20.20.2 is too old; use Node 24 (or 22.22 or newer).\n' +
      '  With nvm: `nvm use` (.nvmrc says 24). Without: ' +
      '`npm install --prefix ~/.node24 node@24 && export PATH="$HOME/.node24/node_modules/.bin:$PATH"`',
    );
  });

  it.each(['22.22.0', '22.23.1', '24.0.0', '24.21.0', '25.1.0'])('accepts Node %s', (version) => {
    expect(nodeVersionProblem('npm start', version)).toBeUndefined();
  });

  it.each(['20.20.2', '22.0.0', '22.21.9', '23.11.0'])('refuses Node %s (below a dependency engine of the lock file)', (version) => {
    expect(nodeVersionProblem('npm start', version)).toMatch(new RegExp(`^npm start: Node ${version} is too old`));
  });

  it('treats an unreadable version as too old', () => {
    expect(nodeVersionProblem('npm start', 'unknown')).toMatch(/^npm start: Node unknown is too old/);
  });

  it('keeps the range of package.json engines, which .npmrc makes npm install enforce', () => {
    expect(packageJson.engines.node).toBe(NODE_ENGINES);
    expect(fs.readFileSync(path.join(__dirname, '..', '..', '..', '.npmrc'), 'utf8')).toMatch(/^engine-strict=true$/m);
  });
});
