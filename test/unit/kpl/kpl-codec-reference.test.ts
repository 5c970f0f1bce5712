/**
 * The hand-placed KPL codec (aggregated-record-codec.ts) against protobufjs reflection built from the
 * documented .proto: the same messages give the same bytes, and each decodes the other's output.
 */
import fc from 'fast-check';
import { Root } from 'protobufjs/light';
import { decodeAggregatedRecordMessage, encodeAggregatedRecordMessage } from '../../../runtime/shared/kpl/aggregated-record-codec';
import type { KplAggregatedRecordMessage } from '../../../runtime/shared/kpl/aggregated-record-schema';
import { CorruptAggregateError, deaggregate, KPL_MAGIC } from '../../../runtime/shared/kpl';
import { createHash } from 'node:crypto';

/**
 * aggregation-format.md's schema as protobufjs JSON. Each message says `edition: 'proto2'`: without it
 * protobufjs reads JSON as proto3, where an optional scalar equal to its default is not written.
 */
const KPL_SCHEMA = {
  nested: {
    AggregatedRecord: {
      edition: 'proto2',
      fields: {
        partitionKeyTable: { rule: 'repeated', type: 'string', id: 1 },
        explicitHashKeyTable: { rule: 'repeated', type: 'string', id: 2 },
        records: { rule: 'repeated', type: 'Record', id: 3 },
      },
    },
    Tag: { edition: 'proto2', fields: { key: { rule: 'required', type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    Record: {
      edition: 'proto2',
      fields: {
        partitionKeyIndex: { rule: 'required', type: 'uint64', id: 1 },
        explicitHashKeyIndex: { type: 'uint64', id: 2 },
        data: { rule: 'required', type: 'bytes', id: 3 },
        tags: { rule: 'repeated', type: 'Tag', id: 4 },
      },
    },
  },
};
const REFERENCE = Root.fromJSON(KPL_SCHEMA).lookupType('AggregatedRecord');

/** Messages whose key indices point into their tables, as the aggregator writes them. */
const messages: fc.Arbitrary<KplAggregatedRecordMessage> = fc
  .record({
    partitionKeyTable: fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 5 }),
    explicitHashKeyTable: fc.array(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }).map(String), { maxLength: 3 }),
    records: fc.array(fc.record({ partitionKeySlot: fc.nat(), explicitHashKeySlot: fc.option(fc.nat()), data: fc.uint8Array({ maxLength: 200 }) }), { maxLength: 20 }),
  })
  .map(({ partitionKeyTable, explicitHashKeyTable, records }) => ({
    partitionKeyTable,
    explicitHashKeyTable,
    records: records.map(({ partitionKeySlot, explicitHashKeySlot, data }) => ({
      partitionKeyIndex: partitionKeySlot % partitionKeyTable.length,
      ...(explicitHashKeySlot === null || explicitHashKeyTable.length === 0 ? {} : { explicitHashKeyIndex: explicitHashKeySlot % explicitHashKeyTable.length }),
      data,
    })),
  }));

/** A decoded message in plain comparable form (protobufjs gives Longs and Buffers). */
function plain(message: KplAggregatedRecordMessage): object {
  return {
    partitionKeyTable: [...message.partitionKeyTable],
    explicitHashKeyTable: [...message.explicitHashKeyTable],
    records: message.records.map((record) => ({
      partitionKeyIndex: Number(String(record.partitionKeyIndex)),
      explicitHashKeyIndex: record.explicitHashKeyIndex === undefined ? undefined : Number(String(record.explicitHashKeyIndex)),
      data: Buffer.from(record.data).toString('hex'),
    })),
  };
}

function referenceDecode(body: Uint8Array): KplAggregatedRecordMessage {
  const decoded = REFERENCE.toObject(REFERENCE.decode(body), { arrays: true }) as KplAggregatedRecordMessage;
  return { ...decoded, records: decoded.records.map(({ partitionKeyIndex, explicitHashKeyIndex, data }) => ({ partitionKeyIndex, ...(explicitHashKeyIndex == null ? {} : { explicitHashKeyIndex }), data })) };
}

/** Wraps protobuf bytes the way an aggregate carries them. */
function aggregateOf(body: Uint8Array): Uint8Array {
  return Buffer.concat([KPL_MAGIC, body, createHash('md5').update(body).digest()]);
}

describe('KPL AggregatedRecord codec against protobufjs reflection of the documented schema', () => {
  it('writes the same bytes for any message', () => {
    fc.assert(
      fc.property(messages, (message) => {
        const ours = Buffer.from(encodeAggregatedRecordMessage(message)).toString('hex');
        expect(ours).toBe(Buffer.from(REFERENCE.encode(REFERENCE.fromObject(message)).finish()).toString('hex'));
      }),
    );
  });

  it('decodes what reflection writes, and reflection decodes what it writes', () => {
    fc.assert(
      fc.property(messages, (message) => {
        const referenceBytes = REFERENCE.encode(REFERENCE.fromObject(message)).finish();
        expect(plain(decodeAggregatedRecordMessage(referenceBytes))).toEqual(plain(message));
        expect(plain(referenceDecode(encodeAggregatedRecordMessage(message)))).toEqual(plain(message));
      }),
    );
  });

  it('reads past tags and unknown fields, as protobuf decoders do', () => {
    const withTags = REFERENCE.encode(
      REFERENCE.fromObject({ partitionKeyTable: ['k'], records: [{ partitionKeyIndex: 0, data: Buffer.from('x'), tags: [{ key: 'a', value: 'b' }] }] }),
    ).finish();
    // Field 15, varint 1: a field this schema does not know.
    const withUnknown = Buffer.concat([Buffer.from([0x78, 0x01]), withTags]);

    expect(plain(decodeAggregatedRecordMessage(withUnknown))).toEqual(plain({ partitionKeyTable: ['k'], explicitHashKeyTable: [], records: [{ partitionKeyIndex: 0, data: Buffer.from('x') }] }));
  });

  it('reports a record without its required data, and a truncated message, as a corrupt aggregate', () => {
    // records { partition_key_index: 0 } with no data field, after partition_key_table "k".
    const missingData = Buffer.from([0x0a, 0x01, 0x6b, 0x1a, 0x02, 0x08, 0x00]);
    const truncated = Buffer.from([0x0a, 0x05, 0x6b]);

    expect(() => deaggregate({ data: aggregateOf(missingData), partitionKey: 'k' })).toThrow(CorruptAggregateError);
    expect(() => deaggregate({ data: aggregateOf(missingData), partitionKey: 'k' })).toThrow(/required 'data'/);
    expect(() => deaggregate({ data: aggregateOf(truncated), partitionKey: 'k' })).toThrow(CorruptAggregateError);
  });
});
