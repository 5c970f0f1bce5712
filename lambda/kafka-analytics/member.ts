/**
 * PLACEHOLDER (branch kafka-stack): stands in for the runtime helper's analytics group member so the
 * Kafka stack's image asset has an entry point. The lead takes the kafka-local branch's version at
 * merge. Contract: reads KAFKA_ENV.bootstrapServers and KAFKA_ENV.auth, joins group `analytics` on
 * topic `clickstream` and writes each user's latest session to `clickstream-sessions`.
 */
import { KAFKA_ENV, KAFKA_GROUPS, KAFKA_TOPICS } from '../shared/kafka-names';

console.log(JSON.stringify({
  message: 'placeholder analytics member: nothing to do',
  group: KAFKA_GROUPS.analytics,
  topic: KAFKA_TOPICS.clickstream,
  bootstrapServers: process.env[KAFKA_ENV.bootstrapServers] ?? null,
}));
