import { clusterId } from '../../../local/kafka/local-kafka-broker';

describe('local broker cluster id', () => {
  it('is 22 characters of URL-safe base64 and never starts with "-" (the storage tool would read it as a flag)', () => {
    // 2,000 ids: with a 1-in-64 chance per id, the old generator started one with '-' about 31 times.
    const ids = Array.from({ length: 2000 }, () => clusterId());

    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
