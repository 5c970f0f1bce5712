import { kafkaResponseByRecordName } from '../../../local/kafka/kafka-batch-response';
import { classifyResponse } from '../../../local/lambda/batch-retry-policy';

const RECORDS = ['clickstream-1-40', 'clickstream-1-41', 'clickstream-1-42'];

describe('kafkaResponseByRecordName: the MSK runner reads Kafka item identifiers', () => {
  it('checkpoints before the lowest reported { partition, offset }', () => {
    // Prepare
    const response = {
      batchItemFailures: [{ itemIdentifier: { partition: 'clickstream-1', offset: 42 } }, { itemIdentifier: { partition: 'clickstream-1', offset: 41 } }],
    };

    // Act
    const outcome = classifyResponse(kafkaResponseByRecordName(response), RECORDS, true);

    // Assert
    expect(outcome).toEqual({ kind: 'partialFailure', firstFailedIndex: 1, failedIndexes: [1, 2] });
  });

  it.each([
    ['the string form of other event sources', 'clickstream-1-41'],
    ['a bad key name', { topicPartition: 'clickstream-1', offset: 41 }],
    ['an offset that is not a number', { partition: 'clickstream-1', offset: '41' }],
    ['a record of another batch', { partition: 'clickstream-2', offset: 41 }],
  ])('fails the whole batch for %s', (_name, itemIdentifier) => {
    // Act
    const outcome = classifyResponse(kafkaResponseByRecordName({ batchItemFailures: [{ itemIdentifier }] }), RECORDS, true);

    // Assert
    expect(outcome.kind).toBe('functionError');
  });

  it('leaves an empty or missing failure list a success', () => {
    // Act
    const outcomes = [{ batchItemFailures: [] }, {}, undefined].map((response) => classifyResponse(kafkaResponseByRecordName(response), RECORDS, true));

    // Assert
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['success', 'success', 'success']);
  });
});
