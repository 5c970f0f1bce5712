/** The Node version gate shared by `npm test` and `npm start` (scripts/check-node.cjs). */
import packageJson from '../../../package.json';
import { MINIMUM_NODE_MAJOR, nodeVersionProblem } from '../../../scripts/check-node.cjs';

describe('nodeVersionProblem', () => {
  it('names the command, the Node found and the one needed when Node is too old', () => {
    expect(nodeVersionProblem('npm test', '20.20.2')).toBe('npm test: Node 20.20.2 is too old; use Node 22 or newer (.nvmrc says 24: `nvm use`).');
  });

  it.each(['22.0.0', '24.21.0', '25.1.0'])('accepts Node %s', (version) => {
    expect(nodeVersionProblem('npm start', version)).toBeUndefined();
  });

  it('treats an unreadable version as too old', () => {
    expect(nodeVersionProblem('npm start', 'unknown')).toMatch(/^npm start: Node unknown is too old/);
  });

  it('keeps the floor of package.json engines', () => {
    expect(packageJson.engines.node).toBe(`>=${MINIMUM_NODE_MAJOR}`);
  });
});
