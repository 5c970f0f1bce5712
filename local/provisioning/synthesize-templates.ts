/**
 * Synthesizes a CDK app in-process and returns its stacks' templates, so local runs use exactly
 * the queue, table, stream and event-source settings the stacks declare.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import type { CfnTemplate } from './cfn-template';
import { StackNotSynthesizedError } from './template-errors';

/** How to synthesize. */
export interface SynthesizeTemplatesOptions {
  /** Adds the stacks to the app (e.g. `buildQueueOrStreamApp`). */
  readonly buildApp: (app: App) => void;
  /** Context values, as `-c key=value` would give them. @default {} */
  readonly context?: Readonly<Record<string, unknown>>;
  /** Cloud assembly directory. @default a fresh temporary directory, removed after reading */
  readonly outdir?: string;
}

/** Templates by stack name (`stackName`, which is also the CloudFormation stack name). */
export type SynthesizedTemplates = ReadonlyMap<string, CfnTemplate>;

/** Synthesizes the app and reads every stack's template from the cloud assembly. */
export function synthesizeTemplates(options: SynthesizeTemplatesOptions): SynthesizedTemplates {
  const outdir = options.outdir ?? mkdtempSync(join(tmpdir(), 'qos-synth-'));
  try {
    const app = new App({
      outdir,
      context: {
        ...options.context,
        // Skip asset bundling (esbuild, Docker): locally the handler source runs directly.
        'aws:cdk:bundling-stacks': [],
      },
    });
    options.buildApp(app);
    const assembly = app.synth();
    // `template` reads the JSON the synthesizer wrote: exactly what `cdk deploy` would send.
    return new Map(assembly.stacks.map((stack) => [stack.stackName, stack.template as CfnTemplate]));
  } finally {
    if (options.outdir === undefined) rmSync(outdir, { recursive: true, force: true });
  }
}

/** The template of one stack, or a StackNotSynthesizedError listing the stacks that exist. */
export function templateOf(templates: SynthesizedTemplates, stackName: string): CfnTemplate {
  const template = templates.get(stackName);
  if (template === undefined) throw new StackNotSynthesizedError(stackName, [...templates.keys()]);
  return template;
}
