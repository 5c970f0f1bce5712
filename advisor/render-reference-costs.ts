/** `--reference-costs`: the monthly figures the README and docs quote, each with what it assumes. */
import { fmt } from './option-estimate';
import type { ReferenceCost, ReferenceCostId } from './reference-costs';

export function renderReferenceCosts(costs: Readonly<Record<ReferenceCostId, ReferenceCost>>): string {
  const out = ['Reference monthly costs (730 h a month), from the advisor\'s price list:', ''];
  for (const cost of Object.values(costs)) {
    out.push(`${cost.label}: USD ${fmt(cost.monthlyUsd)}/month`, `    ${cost.assumptions}`);
    for (const line of cost.lines) out.push(`    - ${line.item}: USD ${fmt(line.usd)}`);
  }
  return out.join('\n');
}
