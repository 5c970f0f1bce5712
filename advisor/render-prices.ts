/** `--prices`: every price in the data file with its source, the kind of evidence behind it, and the date it was checked. */
import { fmt } from './option-estimate';
import { EVIDENCE_KINDS, type EvidenceKind, type PriceList } from './price-list';

/** What each kind of evidence means, in the words the one-line summary uses. */
export const EVIDENCE_LABELS: Readonly<Record<EvidenceKind, string>> = {
  'aws-documentation': 'AWS documentation',
  'aws-guide': 'bills in AWS-authored guides',
  'price-list-api': 'AWS Price List API rows',
  'regional-ratio': 'regional ratios',
  'third-party': 'third-party copies',
};

/** "22 prices: 2 AWS documentation, 3 bills in AWS-authored guides, 17 third-party copies". */
export function evidenceSummary(counts: Readonly<Record<EvidenceKind, number>>): string {
  const total = EVIDENCE_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
  const parts = EVIDENCE_KINDS.filter((kind) => counts[kind] > 0).map((kind) => `${counts[kind]} ${EVIDENCE_LABELS[kind]}`);
  return `${total} prices: ${parts.join(', ')}`;
}

export function renderPrices(prices: PriceList): string {
  const out = [`Prices, ${prices.region} (${prices.currency}); ${prices.howChecked}`, ''];
  for (const kind of EVIDENCE_KINDS) {
    const entries = Object.entries(prices.prices).filter(([, price]) => price.evidence === kind);
    if (entries.length === 0) continue;
    out.push(`${EVIDENCE_LABELS[kind]} (${kind}):`);
    for (const [id, price] of entries.sort(([a], [b]) => a.localeCompare(b))) {
      out.push(`  ${id}: ${fmt(price.value)} ${price.unit}; checked ${price.checkedOn}; ${price.source}`, `      ${price.note}`);
    }
    out.push('');
  }
  return out.join('\n');
}
