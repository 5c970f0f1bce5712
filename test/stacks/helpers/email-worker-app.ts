/**
 * Builds EmailWorkerStack for the stack tests with the same feature flags `cdk synth` uses (the
 * `context` of cdk.json), so the tests see the template a deploy would.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { stackName } from '../../../lib/common/stack-name';
import { EmailWorkerStack, type EmailWorkerStackProps } from '../../../lib/email-worker/email-worker-stack';

/** cdk.json's context: the project's feature flags. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  return cdkJson.context;
}

/** Context that skips asset bundling (esbuild) for every stack: most tests only read the template. */
export const SKIP_BUNDLING = { 'aws:cdk:bundling-stacks': [] } as const;

/** A sample sender, as `-c emailFrom=` would give it. */
export const SAMPLE_EMAIL_FROM = 'mailer@example.com';

/** A new App with cdk.json's flags plus `context`. */
export function newTestApp(context: Record<string, unknown> = SKIP_BUNDLING): App {
  return new App({ context: { ...cdkJsonContext(), ...context } });
}

/** An EmailWorkerStack named like stage `test` would name it, and its template. */
export function synthesizeEmailWorker(
  props: EmailWorkerStackProps,
  context: Record<string, unknown> = SKIP_BUNDLING,
): { stack: EmailWorkerStack; template: Template } {
  const stack = new EmailWorkerStack(newTestApp(context), stackName('EmailWorker', 'test'), props);
  return { stack, template: Template.fromStack(stack) };
}

/** Builds (but does not synthesize) an EmailWorkerStack: for props that must be rejected. */
export function buildEmailWorker(props: EmailWorkerStackProps): EmailWorkerStack {
  return new EmailWorkerStack(newTestApp(), stackName('EmailWorker', 'test'), props);
}
