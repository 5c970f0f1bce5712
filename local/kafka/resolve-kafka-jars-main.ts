/** `npx tsx local/kafka/resolve-kafka-jars-main.ts`: resolves the local broker's jars (used by .ci/run). */
import { resolveKafkaJars } from './kafka-jars';
import { checkKafkaPrerequisites } from './kafka-prerequisites';
import { localKafkaVersion } from './kafka-version';

checkKafkaPrerequisites();
const version = localKafkaVersion();
console.log(`Apache Kafka ${version} jars: ${resolveKafkaJars(version, console.log)}`);
