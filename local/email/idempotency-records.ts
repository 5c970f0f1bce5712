/**
 * Reads the email worker's idempotency table (Powertools idempotency, DynamoDB persistence layer):
 * one item per sent job, `status` COMPLETED, and the job's result `{ jobId, sentAt }` in `data`.
 * Remotely there is no SMTP sink, so a COMPLETED record is the evidence that a job's email went out.
 */
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Powertools' attribute names and status value (its PERSISTENCE_ATTRIBUTE_KEY_MAPPINGS defaults). */
const STATUS_ATTRIBUTE = 'status';
const DATA_ATTRIBUTE = 'data';
const COMPLETED = 'COMPLETED';

/** The completed records of one run. */
export interface CompletedJobs {
  /** COMPLETED records per jobId (1 for each job sent exactly once by the idempotency store's account). */
  readonly recordsPerJobId: ReadonlyMap<string, number>;
}

/** Completed records whose jobId starts with `jobIdPrefix` (a run's jobIds share its run id). */
export async function readCompletedJobs(dynamoDb: DynamoDBDocumentClient, tableName: string, jobIdPrefix: string): Promise<CompletedJobs> {
  const recordsPerJobId = new Map<string, number>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDb.send(
      new ScanCommand({
        TableName: tableName,
        // The worker writes then this run reads: a strongly consistent scan sees every finished write.
        ConsistentRead: true,
        FilterExpression: '#status = :completed AND begins_with(#data.jobId, :prefix)',
        ExpressionAttributeNames: { '#status': STATUS_ATTRIBUTE, '#data': DATA_ATTRIBUTE },
        ExpressionAttributeValues: { ':completed': COMPLETED, ':prefix': jobIdPrefix },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const jobId = jobIdOf(item[DATA_ATTRIBUTE]);
      if (jobId !== undefined) recordsPerJobId.set(jobId, (recordsPerJobId.get(jobId) ?? 0) + 1);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return { recordsPerJobId };
}

function jobIdOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const jobId = (data as { jobId?: unknown }).jobId;
  return typeof jobId === 'string' ? jobId : undefined;
}
