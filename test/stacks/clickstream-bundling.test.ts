/**
 * The one clickstream stack test that really bundles: both handlers become single minified ES
 * modules within the 300 KB budget, with the AWS SDK left to the Lambda runtime, and each bundle
 * loads and exports `handler`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { ClickstreamStack } from '../../lib/clickstream/clickstream-stack';
import { exportedHandlerType } from './helpers/es-module-bundle';

/** The bundle budget per handler. */
const MAX_BUNDLE_BYTES = 300 * 1024;
/** Under the repository (so the bundle resolves the AWS SDK from node_modules when loaded), gitignored. */
const OUT_ROOT = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'clickstream-bundling');

interface BundledHandler {
  readonly name: string;
  readonly file: string;
}

let outdir: string;
let bundles: BundledHandler[];

beforeAll(() => {
  fs.mkdirSync(OUT_ROOT, { recursive: true });
  outdir = fs.mkdtempSync(path.join(OUT_ROOT, 'cdk.out-'));
  const app = new App({ outdir });
  const stack = new ClickstreamStack(app, 'Clickstream');
  app.synth();
  bundles = [
    { name: 'clickstream-processor', fn: stack.clickstream.processor.function },
    { name: 'clickstream-dashboard', fn: stack.clickstream.dashboardConsumer.function },
  ].map(({ name, fn }) => {
    // The code asset is staged in the cloud assembly as asset.<hash>/, its S3 key is <hash>.zip.
    const code = stack.resolve((fn.node.defaultChild as lambda.CfnFunction).code) as lambda.CfnFunction.CodeProperty;
    const hash = (code.s3Key ?? '').replace(/\.zip$/, '');
    return { name, file: path.join(outdir, `asset.${hash}`, 'index.mjs') };
  });
});

afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
});

describe('clickstream handler bundles', () => {
  it.each(['clickstream-processor', 'clickstream-dashboard'])('%s is one ES module of at most 300 KB', (name) => {
    const bundle = bundles.find((candidate) => candidate.name === name);
    const bytes = fs.statSync(bundle?.file ?? '').size;

    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(MAX_BUNDLE_BYTES);
  });

  it('clickstream-processor imports the AWS SDK from the runtime instead of bundling it', () => {
    const source = fs.readFileSync(bundles.find((candidate) => candidate.name === 'clickstream-processor')?.file ?? '', 'utf8');

    expect(source).toMatch(/from\s*["']@aws-sdk\/lib-dynamodb["']/);
    expect(source).toMatch(/from\s*["']@aws-sdk\/client-dynamodb["']/);
  });

  it.each(['clickstream-processor', 'clickstream-dashboard'])('%s loads as an ES module in Node and exports handler', (name) => {
    const file = bundles.find((candidate) => candidate.name === name)?.file ?? '';

    expect(exportedHandlerType(file)).toBe('function');
  });
});
