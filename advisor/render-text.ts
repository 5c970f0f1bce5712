/** The human-readable answer: recommendation and reasons, one line per option, optional arithmetic. */
import type { Advice } from './advise';
import { fmt } from './option-estimate';
import { peakRate } from './workload';

function describeWorkload(advice: Advice): string {
  const w = advice.workload;
  return `${fmt(w.ratePerSecond)} rec/s (peak ${fmt(peakRate(w))}) of ${fmt(w.recordBytes)} B, ${w.consumers} consumer(s), ${w.work}, order ${w.ordering}, replay ${fmt(w.replaySeconds / 3_600)} h, retention ${fmt(w.retentionSeconds / 3_600)} h`;
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
    const mark = option.feasible ? '   ' : ' x ';
    out.push(`${mark}${option.option.padEnd(width)}  USD ${option.monthlyUsd.toFixed(2).padStart(11)}${option.feasible ? '' : '  CANNOT MEET THE REQUIREMENTS'}`);
    for (const why of option.why) out.push(`      ${option.feasible ? '' : 'why: '}${why}`);
    if (options.explain) {
      for (const line of option.lines) {
        out.push(`      = ${line.item}: ${fmt(line.quantity)} x USD ${line.unitPrice}${line.priceConfirmed ? '' : '*'} = USD ${line.usd.toFixed(2)}`);
        for (const step of line.arithmetic.split('; ')) out.push(`          ${step}`);
      }
    }
  }
  if (advice.prices.unconfirmed.length > 0) {
    out.push(
      '',
      `UNCONFIRMED PRICES${options.explain ? ' (marked *)' : ''}: ${advice.prices.unconfirmed.length} of the prices used could not be confirmed on AWS's pricing pages; check them (advisor/prices/${advice.prices.region}.json) before relying on these totals:`,
      `  ${advice.prices.unconfirmed.join(', ')}`,
    );
  }
  out.push('', 'Not included: free tiers, data transfer between AZs or regions, compute of the consumers, KMS, CloudWatch.');
  return out.join('\n');
}
