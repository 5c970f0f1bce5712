/**
 * Synthesizes the whole app (every stack buildQueueOrStreamApp creates, cdk-nag included) the way
 * `cdk synth` does, into a temporary folder that the caller removes with {@link SynthesizedApp.remove}.
 * Tests that must cover every stack iterate over {@link SynthesizedApp.stacks}, never over a list of
 * names, so a stack added to the app is covered without editing them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildQueueOrStreamApp } from '../../../lib/queue-or-stream-app';
import { cdkJsonContext, SKIP_BUNDLING } from './email-worker-app';

/** One synthesized stack. */
export interface SynthesizedStack {
  /** The CloudFormation stack name. */
  readonly stackName: string;
  /** Absolute path of its template file inside the temporary folder. */
  readonly templatePath: string;
  /** The parsed template. */
  readonly template: CloudFormationTemplate;
}

/** The parts of a CloudFormation template the tests read. */
export interface CloudFormationTemplate {
  readonly Resources: Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>;
}

/** Every stack of one synthesis, and how to remove its folder. */
export interface SynthesizedApp {
  readonly stacks: readonly SynthesizedStack[];
  /** Deletes the temporary folder (safe to call twice). */
  remove(): void;
}

/**
 * Synthesizes the app with cdk.json's feature flags plus `context` (bundling skipped: the templates
 * are the same, only asset contents differ) into a new folder under the OS temp dir.
 */
export function synthesizeApp(context: Record<string, unknown>): SynthesizedApp {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-or-stream-synth-'));
  const remove = (): void => fs.rmSync(outdir, { recursive: true, force: true });
  try {
    const app = new App({ outdir, context: { ...cdkJsonContext(), ...SKIP_BUNDLING, ...context } });
    buildQueueOrStreamApp(app, {});
    const assembly = app.synth();
    const stacks = assembly.stacks.map((stack) => ({
      stackName: stack.stackName,
      templatePath: path.join(outdir, stack.templateFile),
      template: stack.template as CloudFormationTemplate,
    }));
    return { stacks, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
