/** The human-readable answer: recommendation and reasons, one line per option, optional arithmetic. */
import type { Advice } from './advise';
import { fmt } from './option-estimate';
import { kinesisAggregationExplanation } from './options/kinesis-aggregation';
import { STREAM_FOR_TASKS } from './recommend';
import { evidenceSummary } from './render-prices';
import { peakRate } from './workload';

function describeWorkload(advice: Advice): string {
  const w = advice.workload;
  const work = w.workSeconds > 0 ? `${fmt(w.workSeconds * 1_000)} ms of work per record` : 'work time not given';
  return `${fmt(w.ratePerSecond)} rec/s (peak ${fmt(peakRate(w))}) of ${fmt(w.recordBytes)} B, ${w.consumers} consumer(s), ${w.work}, order ${w.ordering}, replay ${fmt(w.replaySeconds / 3_600)} h, retention ${fmt(w.retentionSeconds / 3_600)} h, ${work}, ${w.sendBatch} message(s) per send call, Kinesis aggregation ${w.aggregation} (key backlog ${fmt(w.keyBacklog)})`;
}

export function renderText(advice: Advice, options: { readonly explain: boolean }): string {
  const out: string[] = [];
  out.push(`Workload: ${describeWorkload(advice)}`);
  const rec = advice.recommendation;
  out.push('', rec.option === null ? 'Recommendation: none of the options meets every requirement' : `Recommendation: ${rec.option} (USD ${rec.monthlyUsd?.toFixed(2)}/month)`);
  for (const reason of rec.reasons) out.push(`  - [${reason.rule}] ${reason.message}`);
  out.push('', `Monthly cost of every option (${advice.prices.region}, prices checked ${advice.prices.checkedOn}):`);
  const width = Math.max(...advice.options.map((option) => option.option.length));
  for (const option of advice.options) {
    const mark = { fits: '   ', cannot: ' x ', 'not-priced': ' ? ' }[option.status];
    const verdict = { fits: '', cannot: '  CANNOT MEET THE REQUIREMENTS', 'not-priced': '  NOT PRICED (beyond the model)' }[option.status];
    out.push(`${mark}${option.option.padEnd(width)}  USD ${option.monthlyUsd.toFixed(2).padStart(11)}${verdict}`);
    for (const why of option.why) out.push(`      ${option.feasible ? '' : 'why: '}${why}`);
    if (options.explain) {
      for (const line of option.lines) {
        out.push(`      = ${line.item}: ${fmt(line.quantity)} x USD ${line.unitPrice} = USD ${line.usd.toFixed(2)}`);
        for (const step of line.arithmetic.split('; ')) out.push(`          ${step}`);
      }
    }
  }
  if (options.explain) out.push('', kinesisAggregationExplanation(advice.workload));
  if (options.explain) out.push('', `Fit rule for tasks: a stream or topic wins over a fitting queue only at >= ${STREAM_FOR_TASKS.minCostRatio}x cheaper and >= USD ${STREAM_FOR_TASKS.minSavingUsd}/month saved.`);
  out.push('', `Prices checked ${advice.prices.checkedOn}, ${evidenceSummary(advice.prices.evidence)} (npm run advise -- --prices lists each with its source).`);
  out.push('', 'Not included: free tiers, data transfer between AZs or regions, compute of the consumers, KMS, CloudWatch.');
  return out.join('\n');
}
