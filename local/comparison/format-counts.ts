/** Small formatters of the Kafka cells (embedded and deployed). Pure. */

/** `0.2` → `20.0 %`. */
export const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;

/** `({ '1': 3, '0': 2 }, 'p')` → `p0: 2, p1: 3`: names in natural order. */
export function counts(record: Readonly<Record<string, number>>, label: string): string {
  return Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
    .map(([name, count]) => `${label}${name}: ${count}`)
    .join(', ');
}
