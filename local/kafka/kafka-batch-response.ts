/**
 * The MSK event source reads a Kafka partial batch response whose `itemIdentifier` is an object
 * (`{ partition: '<topic>-<partition>', offset }`, see runtime/kafka/sessionizer-lambda/msk-records.ts); the
 * runner's shared batch policy (local/lambda/batch-retry-policy.ts) matches string identifiers. This
 * turns each well-formed object into the record's `<topic>-<partition>-<offset>` name and anything
 * else (the bare string of the other event sources included) into `null`, so a malformed identifier
 * fails the whole batch, as on AWS ("an itemIdentifier with a bad key name" is a complete failure).
 */

/** `response` with every Kafka item identifier replaced by its record name, or by `null` when malformed. */
export function kafkaResponseByRecordName(response: unknown): unknown {
  if (!isObject(response) || !Array.isArray(response.batchItemFailures)) return response;
  return {
    ...response,
    batchItemFailures: response.batchItemFailures.map((failure: unknown) => {
      if (!isObject(failure)) return failure;
      const identifier = failure.itemIdentifier;
      if (!isObject(identifier) || typeof identifier.partition !== 'string' || !Number.isSafeInteger(identifier.offset)) return { ...failure, itemIdentifier: null };
      return { ...failure, itemIdentifier: `${identifier.partition}-${String(identifier.offset)}` };
    }),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
