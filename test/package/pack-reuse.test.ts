/**
 * Proof of reuse: the package as npm would ship it (`npm pack`, which builds dist/ through
 * `prepack`) installs into a fresh folder next to aws-cdk-lib and constructs, and a plain JavaScript
 * CDK app there (consumer-app.cjs) builds EmailWorker, Clickstream and KafkaClickstream with no
 * props in a bare Stack and synthesizes: the Lambda handlers bundle with esbuild from the installed
 * package, and the Fargate images' build contexts stage from it. A TypeScript consumer type-checks
 * against the declarations the package ships. Offline-capable: the install
 * prefers npm's cache. The temporary folder is removed at the end.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO_ROOT = path.join(__dirname, '..', '..');
/** The versions the repository builds with, so the install is served from npm's cache. */
const peerVersion = (name: string): string =>
  (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

interface Template {
  readonly Resources: Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>;
}

let workDir: string;
let template: Template;
let appDir: string;
const seconds: Record<string, number> = {};

/** Runs `command` in `cwd`, recording how long it took under `step`. */
function run(step: string, command: string, args: string[], cwd: string): string {
  const started = Date.now();
  const output = execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
  seconds[step] = (Date.now() - started) / 1000;
  return output;
}

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-or-stream-pack-'));
  run('pack', 'npm', ['pack', '--pack-destination', workDir], REPO_ROOT);
  const tarballs = fs.readdirSync(workDir).filter((file) => file.endsWith('.tgz'));
  expect(tarballs).toHaveLength(1);
  const tarball = path.join(workDir, tarballs[0]);
  appDir = path.join(workDir, 'app');
  fs.mkdirSync(appDir);
  fs.writeFileSync(path.join(appDir, 'package.json'), JSON.stringify({ name: 'consumer-app', private: true }));
  fs.copyFileSync(path.join(__dirname, 'consumer-app.cjs'), path.join(appDir, 'app.cjs'));
  run('install', 'npm', [
    'install', '--prefer-offline', '--no-audit', '--no-fund', tarball,
    `aws-cdk-lib@${peerVersion('aws-cdk-lib')}`, `constructs@${peerVersion('constructs')}`,
  ], appDir);
  run('synth', process.execPath, ['app.cjs'], appDir);
  template = JSON.parse(fs.readFileSync(path.join(appDir, 'cdk.out', 'Consumer.template.json'), 'utf8')) as Template;
  console.log(`pack-reuse: npm pack ${seconds.pack} s, npm install ${seconds.install} s, synth ${seconds.synth} s`);
}, 300_000);

afterAll(() => {
  if (workDir !== undefined) fs.rmSync(workDir, { recursive: true, force: true });
});

const resourcesOf = (type: string) => Object.values(template.Resources).filter((resource) => resource.Type === type);

describe('the packed package in a fresh CDK app', () => {
  it('type-checks a TypeScript consumer against the declarations it ships, and refuses a wrongly typed prop', () => {
    const source = fs.readFileSync(path.join(__dirname, 'consumer-app.ts.txt'), 'utf8');
    fs.writeFileSync(path.join(appDir, 'app.ts'), source);
    fs.writeFileSync(path.join(appDir, 'bad.ts'), source.replace('shardCount: 2', "shardCount: 'two'"));
    const options = ['--strict', '--noEmit', '--module', 'node16', '--moduleResolution', 'node16', '--target', 'ES2022', '--skipLibCheck'];
    // One run for both files (a tsc start loads aws-cdk-lib's declarations: ~10 s on 2 cores).
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), ...options, 'app.ts', 'bad.ts'], { cwd: appDir, encoding: 'utf8' });

    // app.ts has no error at all; bad.ts has exactly the wrongly typed prop.
    expect(tsc.stdout.trim()).toBe("bad.ts(9,36): error TS2322: Type 'string' is not assignable to type 'number'.");
    expect(tsc.status).toBe(2);
  });

  it('ships compiled JavaScript with declarations, and the sources the constructs deploy', () => {
    const installed = path.join(appDir, 'node_modules', 'queue-or-stream');
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as { main: string; types: string };

    expect(fs.readFileSync(path.join(installed, manifest.types), 'utf8')).toContain('EmailWorker');
    expect(fs.existsSync(path.join(installed, manifest.main))).toBe(true);
    expect(fs.existsSync(path.join(installed, 'dist', 'sources', 'package-lock.json'))).toBe(true);
    expect(fs.existsSync(path.join(installed, 'dist', 'sources', 'runtime', 'shared', 'fargate-worker.Dockerfile'))).toBe(true);
    expect(fs.existsSync(path.join(installed, 'lib'))).toBe(false);
  });

  it('builds EmailWorker with no props: a queue with its DLQ, the idempotency table, a Fargate worker', () => {
    const redriven = resourcesOf('AWS::SQS::Queue').filter((queue) => queue.Properties?.RedrivePolicy !== undefined);

    expect(redriven.length).toBeGreaterThanOrEqual(1);
    expect(resourcesOf('AWS::DynamoDB::GlobalTable')).toHaveLength(1);
    expect(resourcesOf('AWS::ECS::Service').length).toBeGreaterThanOrEqual(1);
  });

  it('builds Clickstream and KafkaClickstream with no props: a stream, an MSK cluster, session tables, the archive bucket', () => {
    expect(resourcesOf('AWS::Kinesis::Stream')).toHaveLength(1);
    expect(resourcesOf('AWS::MSK::Cluster')).toHaveLength(1);
    expect(resourcesOf('AWS::DynamoDB::Table')).toHaveLength(2);
    expect(resourcesOf('AWS::S3::Bucket')).toHaveLength(1);
    expect(resourcesOf('AWS::KinesisFirehose::DeliveryStream')).toHaveLength(1);
  });

  it('bundled every Lambda handler from the installed package into an ES module', () => {
    // The project's functions run on ARM64 (lib/common/nodejs-function.ts); aws-cdk-lib's own
    // custom-resource provider (the Kafka bootstrap-broker lookup) does not.
    const functions = resourcesOf('AWS::Lambda::Function').filter((fn) => (fn.Properties?.Architectures as string[] | undefined)?.[0] === 'arm64');
    const bundles = functions.map((fn) => {
      const key = (fn.Properties?.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
      return path.join(appDir, 'cdk.out', `asset.${key}`, 'index.mjs');
    });

    expect(functions).toHaveLength(3);
    for (const bundle of bundles) expect(fs.statSync(bundle).size).toBeGreaterThan(1000);
  });
});
