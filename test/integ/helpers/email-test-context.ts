/** CDK context for the email integration tests: small timeouts so redelivery takes seconds. */
export const EMAIL_TEST_CONTEXT = {
  // 3 s jobs: fargate visibility 6 s (2×), lambda function 13 s and visibility 78 s (6×).
  emailJobTimeoutSeconds: 3,
  // Transient retries after 1 s, then 2 s.
  emailRetryBaseDelaySeconds: 1,
} as const;

/** Both consumer runtimes, for describe.each. */
export { EMAIL_CONSUMER_MODES } from '../../../runtime/email-worker/email-worker-choices';
