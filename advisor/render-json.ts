/** `--json`: the whole advice, with money rounded to the cent, and the Kinesis records the Kinesis options count (after aggregation). */
import type { Advice } from './advise';
import { kinesisAggregationExplanation, kinesisRecordShape, peakKinesisRecordsPerSecond } from './options/kinesis-aggregation';

const cents = (usd: number): number => Math.round(usd * 100) / 100;

export function renderJson(advice: Advice): string {
  return JSON.stringify(
    {
      workload: advice.workload,
      recommendation: { ...advice.recommendation, monthlyUsd: advice.recommendation.monthlyUsd === null ? null : cents(advice.recommendation.monthlyUsd) },
      options: advice.options.map((option) => ({
        option: option.option,
        monthlyUsd: cents(option.monthlyUsd),
        feasible: option.feasible,
        status: option.status,
        why: option.why,
        lines: option.lines.map((line) => ({ ...line, usd: cents(line.usd) })),
      })),
      kinesisRecords: {
        ...kinesisRecordShape(advice.workload),
        peakRecordsPerSecond: peakKinesisRecordsPerSecond(advice.workload),
        explanation: kinesisAggregationExplanation(advice.workload),
      },
      prices: advice.prices,
    },
    null,
    2,
  );
}
