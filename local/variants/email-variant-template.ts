/**
 * The EmailWorkerStack template of one queue variant, synthesized from the app exactly as
 * `cdk synth -c emailQueue=<type>` would (the standard variant includes the signup fan-out).
 */
import type { EmailQueueType } from '../../lib/common/app-context';
import { EMAIL_WORKER_PATTERN, stackName } from '../../lib/common/stack-name';
import { buildQueueOrStreamApp } from '../../lib/queue-or-stream-app';
import type { CfnTemplate } from '../provisioning/cfn-template';
import { synthesizeTemplates, templateOf } from '../provisioning/synthesize-templates';

/** Any address: synth needs one, and nothing is sent from it in the variant runs. */
const LOCAL_EMAIL_FROM = 'sender@example.com';

export function emailVariantTemplate(queueType: EmailQueueType): CfnTemplate {
  const templates = synthesizeTemplates({
    buildApp: (app) => void buildQueueOrStreamApp(app, {}),
    // A 1 s job timeout gives the Fargate queue a short visibility timeout, so a failed message
    // returns within seconds in a local run (the stack's default is a 30 s job timeout).
    context: { emailFrom: LOCAL_EMAIL_FROM, emailQueue: queueType, emailConsumers: 'fargate', emailJobTimeoutSeconds: 1 },
  });
  return templateOf(templates, stackName(EMAIL_WORKER_PATTERN, undefined));
}
