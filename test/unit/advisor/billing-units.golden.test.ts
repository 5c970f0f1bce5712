/**
 * Golden tests: AWS's own worked examples of its billing units, reproduced exactly.
 *
 * AWS's pricing pages also carry worked monthly bills (SQS, Kinesis on-demand and provisioned,
 * MSK). The stored copies of those pages available when this was written show only each page's
 * opening, not the worked bills, so those are NOT reproduced (see the README's advisor section).
 * What the stored pages do show are the unit examples below. Complete monthly bills from
 * third-party copies of AWS Pricing Calculator estimates are in aws-worked-examples.test.ts.
 */
import { onDemandBilledBytes } from '../../../advisor/options/kinesis-on-demand';
import { putPayloadUnits } from '../../../advisor/options/kinesis-provisioned';
import { billingChunks } from '../../../advisor/options/sqs-requests';

describe('AWS billing units (golden)', () => {
  // https://aws.amazon.com/kinesis/data-streams/pricing/ (On-Demand Mode, Key terms, Data-In):
  // "if your data records are 4.5 KB each, Kinesis Data Streams will count each record as 5 KB".
  it('counts a 4.5 KB on-demand record as 5 KB of Data-In', () => {
    expect(onDemandBilledBytes(4.5 * 1_024)).toBe(5 * 1_024);
  });

  // http://aws.amazon.com/kinesis/pricing/ (provisioned, PUT Payload Unit): "a 5KB record contains
  // one PUT Payload Unit, a 45KB record contains two PUT Payload Units, and a 1MB record contains
  // 40 PUT Payload Units".
  it.each([
    [5 * 1_024, 1],
    [45 * 1_024, 2],
    [1_024 * 1_024, 41],
  ])('counts a %d-byte record as %d PUT payload unit(s)', (bytes, units) => {
    expect(putPayloadUnits(bytes)).toBe(units);
  });

  // The page's "1MB record contains 40 units" only holds with decimal units (1 MB = 1,000 KB of
  // 25 KB): the binary 1 MiB above is 40.96 units, billed as 41.
  it('counts a 1,000 KB record as 40 PUT payload units, as the page does', () => {
    expect(putPayloadUnits(1_000 * 1_024)).toBe(40);
  });

  // https://aws.amazon.com/sqs/pricing/: each 64 KB chunk of a payload is billed as one request.
  // The stored copy of that page did not show its example; the 256 KB = 4 requests example is from
  // third-party summaries of it (unanswered.io, factualminds.com), 1 MiB = 16 from DESIGN.md's facts.
  it.each([
    [256 * 1_024, 4],
    [1_048_576, 16],
    [64 * 1_024, 1],
    [64 * 1_024 + 1, 2],
  ])('bills a %d-byte SQS payload as %d request(s)', (bytes, requests) => {
    expect(billingChunks(bytes)).toBe(requests);
  });
});
