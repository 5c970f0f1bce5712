import { waitUntilTableExists, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Checks once a second: emulators activate tables in milliseconds, AWS in seconds. */
const POLL_SECONDS = 1;
/** A ceiling, not an expectation: a table that is not ACTIVE by then is a broken emulator. */
const MAX_WAIT_SECONDS = 60;

/**
 * Resolves once `tableName` is ACTIVE. CreateTable returns while the table is still CREATING, and
 * until it is ACTIVE reads and writes fail with ResourceNotFoundException (dynalite does this too).
 */
export async function waitForActiveTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await waitUntilTableExists(
    { client, minDelay: POLL_SECONDS, maxDelay: POLL_SECONDS, maxWaitTime: MAX_WAIT_SECONDS },
    { TableName: tableName },
  );
}
