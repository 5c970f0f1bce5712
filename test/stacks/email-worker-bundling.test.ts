/**
 * The one email worker stack test that really bundles the Lambda handler with esbuild (no Docker):
 * the function's code asset is an ES module, from the project's one function factory
 * (lib/common/nodejs-function.ts), that loads in Node and exports `handler`, with its source map.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { stackName } from '../../lib/common/stack-name';
import { EmailWorkerStack } from '../../lib/email-worker/email-worker-stack';
import { cdkJsonContext } from './helpers/email-worker-app';
import { exportedHandlerType } from './helpers/es-module-bundle';

/** Under the repository (so the bundle resolves the AWS SDK from node_modules when loaded), gitignored. */
const OUT_ROOT = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'email-worker-bundling');
let outdir: string;

beforeAll(() => {
  fs.mkdirSync(OUT_ROOT, { recursive: true });
  outdir = fs.mkdtempSync(path.join(OUT_ROOT, 'cdk.out-'));
});

afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
});

describe('EmailWorkerStack (lambda, bundled)', () => {
  it('bundles runtime/email-worker/handler.ts into an ES module that exports handler, with a source map', () => {
    const app = new App({ outdir, context: cdkJsonContext() });
    const stack = new EmailWorkerStack(app, stackName('EmailWorker', 'bundled'), { consumers: 'lambda' });
    const template = Template.fromStack(stack);

    const assembly = app.synth();
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs24.x' } })) as {
      Properties: { Code: { S3Key: string } };
    }[];
    const assetHash = fn.Properties.Code.S3Key.replace(/\.zip$/, '');
    const bundle = path.join(assembly.directory, `asset.${assetHash}`, 'index.mjs');
    expect(fs.existsSync(bundle)).toBe(true);

    expect(exportedHandlerType(bundle)).toBe('function');
    expect(fs.existsSync(`${bundle}.map`)).toBe(true);
  });
});
