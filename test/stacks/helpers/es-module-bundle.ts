/**
 * Loads a Lambda bundle (an ES module from lib/common/nodejs-function.ts) the way the Lambda runtime
 * does: in a separate Node process, since Jest's CommonJS sandbox cannot import ES modules. The
 * bundle must sit inside the repository, so the SDK it leaves to the runtime resolves from node_modules.
 */
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** `typeof handler` as exported by the bundle at `file`: 'function' when it loads and exports one. */
export function exportedHandlerType(file: string): string {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(typeof m.handler);`;
  return execFileSync(process.execPath, ['--input-type=module', '--eval', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1' },
  }).trim();
}
