/**
 * The email worker's EMF metric names: what the runtime publishes (Powertools Metrics) and what the
 * stack's dashboard and the remote runs read. Plain constants, so lib/ and local/ import them too.
 */
export const EMAIL_WORKER_METRICS = {
  /** CloudWatch namespace (set through POWERTOOLS_METRICS_NAMESPACE). */
  namespace: 'QueueOrStream/EmailWorker',
  /** Powertools `service` dimension (POWERTOOLS_SERVICE_NAME). */
  service: 'email-worker',
  emailsSent: 'EmailsSent',
  emailsFailed: 'EmailsFailed',
  /** Milliseconds per job. */
  jobDuration: 'JobDuration',
} as const;
