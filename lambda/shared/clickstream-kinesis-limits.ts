/** Kinesis Data Streams write limits (AWS quotas checked in November 2026). */
export const KINESIS_LIMITS = {
  /** PutRecords accepts at most 500 records per call. */
  maxRecordsPerPutRecords: 500,
  /** PutRecords accepts at most 5 MiB per call, partition keys included. */
  maxBytesPerPutRecords: 5 * 1024 * 1024,
  /** Default maximum record size (data + partition key): 1 MiB, until raised with UpdateMaxRecordSize. */
  defaultMaxRecordBytes: 1024 * 1024,
} as const;
