/** Small formatters of the table's cells, shared by every pattern. Pure. */

/** A figure, or `n/a` when the target could not observe it. */
export const figure = (value: number | null | undefined): string => (value === null || value === undefined ? 'n/a' : String(value));

/** `0.2` → `20.0 %`. */
export const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;

/** `yes`, `NO` (a broken promise stands out), or `n/a`. */
export const yesNo = (value: boolean | null | undefined): string => (value === null || value === undefined ? 'n/a' : value ? 'yes' : 'NO');

/** `({ '1': 3, '0': 2 }, 'p')` → `p0: 2, p1: 3`: names in natural order. */
export function counts(record: Readonly<Record<string, number>>, label: string, rename: (name: string) => string = (name) => name): string {
  return Object.entries(record)
    .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
    .map(([name, count]) => `${label}${rename(name)}: ${count}`)
    .join(', ');
}

/** As {@link counts}, or `n/a` when the target could not observe them. */
export function countsOrNa(record: Readonly<Record<string, number>> | null | undefined, label: string, rename?: (name: string) => string): string {
  return record === null || record === undefined ? 'n/a' : counts(record, label, rename);
}
