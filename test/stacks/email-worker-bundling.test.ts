/**
 * The one email worker stack test that really bundles the Lambda handler with esbuild (no Docker):
 * the function's code asset holds a bundle that exports `handler`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { stackName } from '../../lib/common/stack-name';
import { EmailWorkerStack } from '../../lib/email-worker/email-worker-stack';
import { newTestApp } from './helpers/email-worker-app';

describe('EmailWorkerStack (lambda, bundled)', () => {
  it('bundles lambda/email-worker/handler.ts into a CommonJS file exporting handler', () => {
    const app = newTestApp({});
    const stack = new EmailWorkerStack(app, stackName('EmailWorker', 'bundled'), { consumers: 'lambda' });
    const template = Template.fromStack(stack);

    const assembly = app.synth();
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Runtime: 'nodejs24.x' } })) as {
      Properties: { Code: { S3Key: string } };
    }[];
    const assetHash = fn.Properties.Code.S3Key.replace(/\.zip$/, '');
    const bundle = path.join(assembly.directory, `asset.${assetHash}`, 'index.js');
    const code = fs.readFileSync(bundle, 'utf8');

    // esbuild's CommonJS export map: `{handler:()=>...}` assigned to module.exports (checked with
    // test() so a failure does not print the whole minified bundle).
    expect(/[{,]handler:\(\)=>/.test(code)).toBe(true);
    expect(code.includes('module.exports=')).toBe(true);
    expect(fs.existsSync(`${bundle}.map`)).toBe(true);
  });
});
