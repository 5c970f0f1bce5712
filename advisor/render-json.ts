/** `--json`: the whole advice, with money rounded to the cent. */
import type { Advice } from './advise';

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
      prices: advice.prices,
    },
    null,
    2,
  );
}
