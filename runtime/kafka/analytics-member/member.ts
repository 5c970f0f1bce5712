/**
 * Main of an analytics member: a Fargate task in AWS, one of N local processes in `npm start` and the
 * tests. Reads KAFKA_BOOTSTRAP_SERVERS, KAFKA_AUTH (`iam` on MSK, `none` locally), AWS_REGION, and
 * optionally ANALYTICS_MEMBER_ID, ANALYTICS_SESSION_TIMEOUT_MS and ANALYTICS_NAME_SUFFIX (appended to
 * the topic and group names, so several runs can share one broker without reading each other's
 * records or offsets). On SIGTERM (ECS stopTimeout, or a local stop) it commits what it
 * processed and leaves the group, so its partitions move at once instead of after the session
 * timeout. Prints one JSON line of totals when it stops.
 */
import { hostname } from 'node:os';
import { AnalyticsMember } from './analytics-member';
import { kafkaConnectionFromEnv } from './kafka-connection';
import { KAFKA_GROUPS, KAFKA_TOPICS } from '../kafka-names';

const memberId = process.env.ANALYTICS_MEMBER_ID ?? `${hostname()}-${process.pid}`;
const sessionTimeout = process.env.ANALYTICS_SESSION_TIMEOUT_MS;
const suffix = process.env.ANALYTICS_NAME_SUFFIX ?? '';
const member = new AnalyticsMember({
  connection: kafkaConnectionFromEnv(),
  memberId,
  groupId: `${KAFKA_GROUPS.analytics}${suffix}`,
  sourceTopic: `${KAFKA_TOPICS.clickstream}${suffix}`,
  stateTopic: `${KAFKA_TOPICS.sessions}${suffix}`,
  ...(sessionTimeout === undefined ? {} : { sessionTimeoutMs: Number(sessionTimeout) }),
});

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await member.stop();
  console.log(JSON.stringify({ member: memberId, ...member.stats }));
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());

member.start().then(
  () => console.log(JSON.stringify({ member: memberId, started: true })),
  (error: unknown) => {
    console.error(`analytics member ${memberId} could not start: ${(error as Error).message}`);
    process.exit(1);
  },
);
