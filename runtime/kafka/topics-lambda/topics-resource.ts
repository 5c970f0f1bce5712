/**
 * The custom resource's logic, behind the CloudFormation event: Create and Update bring the topics
 * to their specs (idempotent, so a retried or repeated deployment changes nothing twice); Delete
 * does nothing. Topics live and die with their cluster, which the same stack deletes; deleting them
 * on a resource replacement would destroy the clickstream's data.
 */
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { z } from 'zod';
import { ConfigurationError } from '../../shared/errors';
import { describeZodIssues } from '../../shared/zod-issues';
import { ensureTopics, type EnsureTopicsOptions, type EnsureTopicsOutcome, type TopicAdmin } from './ensure-topics';
import { TOPICS_RESOURCE_PROPERTIES } from './topics-resource-properties';

const topicSpecsSchema = z.array(z.object({
  name: z.string().min(1),
  partitions: z.number().int().min(1),
  configs: z.record(z.string(), z.string()),
}));

/** What the Provider framework expects back from onEvent. */
export interface TopicsResourceResponse {
  readonly PhysicalResourceId: string;
  /** Readable with Fn::GetAtt; comma-separated topic names. */
  readonly Data?: Readonly<Record<string, string>>;
}

/** Reads a property or fails with its name. */
function property(event: CloudFormationCustomResourceEvent, name: string): string {
  const value: unknown = event.ResourceProperties[name];
  if (typeof value !== 'string' || value === '') throw new Error(`custom resource property ${name} is missing`);
  return value;
}

/** The bootstrap servers the event names (the connection is made by the caller). */
export function bootstrapServersOf(event: CloudFormationCustomResourceEvent): string {
  return property(event, TOPICS_RESOURCE_PROPERTIES.bootstrapServers);
}

/** The topic specs the stack wrote, or an error naming each bad field (it shows in the stack's events). */
function parseTopicSpecs(value: unknown): z.infer<typeof topicSpecsSchema> {
  const result = topicSpecsSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = describeZodIssues(result.error.issues, value);
  throw new ConfigurationError(`custom resource property ${TOPICS_RESOURCE_PROPERTIES.topics} is invalid: ${problems.join('; ')}`);
}

/**
 * Handles one event with `admin` (connected to {@link bootstrapServersOf}).
 * @param options how topics are made and retried (@default ensureTopics' defaults)
 */
export async function handleTopicsEvent(
  event: CloudFormationCustomResourceEvent,
  admin: () => Promise<TopicAdmin>,
  options: EnsureTopicsOptions = {},
): Promise<TopicsResourceResponse> {
  const physicalResourceId = property(event, TOPICS_RESOURCE_PROPERTIES.clusterArn);
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const specs = parseTopicSpecs(JSON.parse(property(event, TOPICS_RESOURCE_PROPERTIES.topics)));
  const outcome: EnsureTopicsOutcome = await ensureTopics(await admin(), specs, options);
  const list = (names: readonly string[]): string => names.join(',');
  return {
    PhysicalResourceId: physicalResourceId,
    Data: {
      Created: list(outcome.created),
      PartitionsAdded: list(outcome.partitionsAdded),
      PartitionsKept: list(outcome.partitionsKept),
      ConfigsUpdated: list(outcome.configsUpdated),
    },
  };
}
