import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  CorruptAggregateError,
  deaggregate,
  EmptyAggregateError,
  encodeAggregatedRecord,
  KPL_MAGIC,
  singleKeyAggregateBaseBytes,
  singleKeyUserRecordBytes,
} from '../../../runtime/shared/kpl';

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

describe('KPL aggregated record format', () => {
  it('writes the documented bytes: magic number, protobuf AggregatedRecord, MD5 of the protobuf bytes', () => {
    // Act
    const bytes = Buffer.from(encodeAggregatedRecord([{ partitionKey: 'u1', data: utf8('A') }, { partitionKey: 'u1', data: utf8('B') }]));

    // Assert: hand-assembled from the proto2 schema (field 1 = partition_key_table, field 3 = records;
    // inside a record field 1 = partition_key_index, field 3 = data)
    const body = Buffer.from([0x0a, 0x02, 0x75, 0x31, 0x1a, 0x05, 0x08, 0x00, 0x1a, 0x01, 0x41, 0x1a, 0x05, 0x08, 0x00, 0x1a, 0x01, 0x42]);
    const expected = Buffer.concat([Buffer.from([0xf3, 0x89, 0x9a, 0xc2]), body, createHash('md5').update(body).digest()]);
    expect(bytes.toString('hex')).toBe(expected.toString('hex'));
  });

  it('stores each distinct key once and keeps explicit hash keys', () => {
    // Act
    const bytes = encodeAggregatedRecord([
      { partitionKey: 'key-a', data: utf8('1') },
      { partitionKey: 'key-b', explicitHashKey: '42', data: utf8('2') },
      { partitionKey: 'key-a', data: utf8('3') },
    ]);
    const userRecords = deaggregate({ data: bytes, partitionKey: 'key-a' });

    // Assert
    expect(userRecords.map((record) => [record.partitionKey, record.explicitHashKey, Buffer.from(record.data).toString(), record.subSequenceNumber])).toEqual([
      ['key-a', undefined, '1', 0],
      ['key-b', '42', '2', 1],
      ['key-a', undefined, '3', 2],
    ]);
    const raw = Buffer.from(bytes);
    expect(raw.indexOf('key-a')).toBeGreaterThan(0);
    expect(raw.indexOf('key-a', raw.indexOf('key-a') + 1)).toBe(-1);
  });

  it('round-trips any user records, in order', () => {
    const userRecord = fc.record({ partitionKey: fc.string({ minLength: 1, maxLength: 20 }), data: fc.uint8Array({ maxLength: 300 }) });
    fc.assert(
      fc.property(fc.array(userRecord, { minLength: 1, maxLength: 30 }), (records) => {
        const back = deaggregate({ data: encodeAggregatedRecord(records), partitionKey: records[0].partitionKey });
        expect(back.map((record) => ({ partitionKey: record.partitionKey, data: Buffer.from(record.data) }))).toEqual(
          records.map((record) => ({ partitionKey: record.partitionKey, data: Buffer.from(record.data) })),
        );
        expect(back.every((record) => record.aggregated)).toBe(true);
      }),
    );
  });

  it('computes a single-key aggregate\'s size exactly as the encoder writes it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.array(fc.integer({ min: 0, max: 70_000 }), { minLength: 1, maxLength: 5 }), (key, sizes) => {
        const records = sizes.map((size) => ({ partitionKey: key, data: new Uint8Array(size) }));
        const computed = singleKeyAggregateBaseBytes(key) + sizes.reduce((sum, size) => sum + singleKeyUserRecordBytes(size), 0);
        expect(computed).toBe(encodeAggregatedRecord(records).byteLength);
      }),
      { numRuns: 50 },
    );
  });

  it('passes a record without the magic number through as one plain user record', () => {
    const data = utf8('{"eventId":"e1"}');
    expect(deaggregate({ data, partitionKey: 'u1' })).toEqual([{ partitionKey: 'u1', explicitHashKey: undefined, data, subSequenceNumber: 0, aggregated: false }]);
  });

  it('refuses an empty aggregate', () => {
    expect(() => encodeAggregatedRecord([])).toThrow(EmptyAggregateError);
  });

  describe('rejects a corrupt aggregate whole', () => {
    const valid = (): Uint8Array => encodeAggregatedRecord([{ partitionKey: 'u1', data: utf8('first') }, { partitionKey: 'u1', data: utf8('second') }]);

    it('when one bit of a user record flipped (MD5 mismatch)', () => {
      const bytes = valid();
      bytes[KPL_MAGIC.length + 8] ^= 0x01;
      expect(() => deaggregate({ data: bytes, partitionKey: 'u1' })).toThrow(new CorruptAggregateError('u1', 'MD5 trailer does not match the protobuf message'));
    });

    it('when the trailer is missing', () => {
      const bytes = valid();
      expect(() => deaggregate({ data: bytes.subarray(0, bytes.length - 16), partitionKey: 'u1' })).toThrow(CorruptAggregateError);
      expect(() => deaggregate({ data: KPL_MAGIC, partitionKey: 'u1' })).toThrow(/too short/);
    });

    it('when the MD5 matches but the message does not decode', () => {
      const body = Buffer.from([0x1a, 0x05, 0x08]);
      const bytes = Buffer.concat([KPL_MAGIC, body, createHash('md5').update(body).digest()]);
      expect(() => deaggregate({ data: bytes, partitionKey: 'u1' })).toThrow(/does not decode/);
    });

    it('when a key index points outside its table', () => {
      const body = Buffer.from([0x0a, 0x01, 0x61, 0x1a, 0x05, 0x08, 0x07, 0x1a, 0x01, 0x41]);
      const bytes = Buffer.concat([KPL_MAGIC, body, createHash('md5').update(body).digest()]);
      expect(() => deaggregate({ data: bytes, partitionKey: 'a' })).toThrow(/partition key index 7 is outside its table of 1/);
    });
  });
});
