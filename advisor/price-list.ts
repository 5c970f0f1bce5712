/**
 * The dated price list (advisor/prices/us-east-1.json), validated on load so a typo in the data
 * file fails loudly instead of pricing with `undefined`.
 */
import { z } from 'zod';
import usEast1 from './prices/us-east-1.json';

/**
 * The kind of evidence behind a price, strongest first: read in AWS documentation, reproduced from
 * a bill in an AWS-authored guide, an AWS Price List API row, derived from another region by a
 * ratio that holds for the service, or copied by third parties.
 */
export const EVIDENCE_KINDS = ['aws-documentation', 'aws-guide', 'price-list-api', 'regional-ratio', 'third-party'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

const priceSchema = z.object({
  value: z.number().nonnegative(),
  unit: z.string().min(1),
  /** The AWS page the price belongs to. */
  source: z.url(),
  evidence: z.enum(EVIDENCE_KINDS),
  checkedOn: z.iso.date(),
  /** Where the figure was seen, quoted, with any disagreement between sources. */
  note: z.string().min(1),
});

const priceListSchema = z.object({
  region: z.string().min(1),
  currency: z.literal('USD'),
  checkedOn: z.iso.date(),
  howChecked: z.string().min(1),
  prices: z.record(z.string(), priceSchema),
});

export type Price = z.infer<typeof priceSchema>;
export type PriceList = z.infer<typeof priceListSchema>;

/** Every price id the models use: a missing one is caught at load, not mid-calculation. */
export const PRICE_IDS = [
  'sqs.standard.requests',
  'sqs.fifo.requests',
  'sns.standard.publishes',
  'sns.sqs.deliveries',
  'kinesis.provisioned.shardHours',
  'kinesis.provisioned.putPayloadUnits',
  'kinesis.provisioned.extendedRetentionShardHours',
  'kinesis.onDemand.streamHours',
  'kinesis.onDemand.dataInGb',
  'kinesis.onDemand.dataOutGb',
  'kinesis.onDemand.extendedRetentionGbMonths',
  'kinesis.longTermRetentionGbMonths',
  'kinesis.enhancedFanOut.consumerShardHours',
  'kinesis.enhancedFanOut.dataOutGb',
  'msk.serverless.clusterHours',
  'msk.serverless.partitionHours',
  'msk.serverless.dataInGb',
  'msk.serverless.dataOutGb',
  'msk.serverless.storageGbMonths',
  'msk.provisioned.brokerHours.kafka.m7g.large',
  'msk.provisioned.brokerHours.kafka.t3.small',
  'msk.provisioned.storageGbMonths',
  'lambda.kafka.eventPollerUnitHours',
  'kinesis.onDemandAdvantage.dataInGb',
  'kinesis.onDemandAdvantage.dataOutGb',
  'kinesis.onDemandAdvantage.extendedRetentionGbMonths',
  'kinesis.onDemand.enhancedFanOut.dataOutGb',
  'sns.fifo.publishes',
  'sns.fifo.publishPayloadGb',
  'sns.fifo.deliveries',
  'sns.fifo.deliveryPayloadGb',
] as const;
export type PriceId = (typeof PRICE_IDS)[number];

/**
 * Validates a price list and checks that it has every price the models use.
 * @throws Error naming the invalid field or the missing price ids.
 */
export function parsePriceList(value: unknown): PriceList {
  const list = priceListSchema.parse(value);
  const missing = PRICE_IDS.filter((id) => list.prices[id] === undefined);
  if (missing.length > 0) throw new Error(`price list ${list.region} lacks: ${missing.join(', ')}`);
  return list;
}

/** The us-east-1 list shipped with the advisor. */
export function loadUsEast1Prices(): PriceList {
  return parsePriceList(usEast1);
}

/** One price by id (parsePriceList guarantees it exists). */
export function priceOf(list: PriceList, id: PriceId): Price {
  const price = list.prices[id];
  if (price === undefined) throw new Error(`price list ${list.region} lacks ${id}`);
  return price;
}
