/**
 * The signup fan-out on the embedded target: the standard EmailWorkerStack (which declares the
 * fan-out: its topic, the email and analytics subscriptions, their filter policy and DLQs) on a
 * fauxqs of its own, and one in-process poller (the Fargate worker's engine) per subscriber queue.
 */
import { EmailQueueStackTemplateError, openEmailQueueStack, type EmailQueueStack } from '../email/email-queue-stack';
import { queueVisibilityTimeoutSeconds, startInProcessPollers } from '../email/in-process-pollers';
import { SUBSCRIBERS, type FanoutSession, type FanoutTarget, type SubscriberName } from './fanout-target';

/** The embedded fan-out target. */
export const embeddedFanoutTarget: FanoutTarget = {
  async open() {
    const stack = await openEmailQueueStack('standard');
    try {
      return await fanoutSessionOf(stack);
    } catch (error) {
      await stack.close();
      throw error;
    }
  },
};

/** A session over a provisioned standard EmailWorkerStack; closing it closes the stack. */
export async function fanoutSessionOf(stack: EmailQueueStack): Promise<FanoutSession> {
  if (stack.signupTopicArn === undefined || stack.analyticsQueueUrl === undefined) {
    throw new EmailQueueStackTemplateError('standard', 'no signup fan-out (SignupFanout/Topic and AnalyticsQueue)');
  }
  const subscriberQueues: Record<SubscriberName, string> = { email: stack.emailQueueUrl, analytics: stack.analyticsQueueUrl };
  // The local template's 1 s job timeout gives short visibility timeouts: a failed copy returns within seconds.
  const visibility: Record<SubscriberName, number> = {
    email: await queueVisibilityTimeoutSeconds(stack.sqs, subscriberQueues.email),
    analytics: await queueVisibilityTimeoutSeconds(stack.sqs, subscriberQueues.analytics),
  };
  return {
    sns: stack.sns,
    sqs: stack.sqs,
    topicArn: stack.signupTopicArn,
    subscriberQueues,
    environmentReport: stack.notes,
    startSubscriberWorkers: (handlers) => startInProcessPollers(stack.sqs, SUBSCRIBERS.map((name) => ({
      queueUrl: subscriberQueues[name],
      process: handlers[name],
      visibilityTimeoutSeconds: visibility[name],
    }))),
    close: () => stack.close(),
  };
}
