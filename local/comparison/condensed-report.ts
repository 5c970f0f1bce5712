/** Shortens a pattern's environment report for the notes: its `not emulated: ...` lines joined into one. Pure. */

const NOT_EMULATED = 'not emulated: ';

export function condensedReport(pattern: string, report: readonly string[]): string[] {
  const unemulated = report.filter((line) => line.startsWith(NOT_EMULATED)).map((line) => line.slice(NOT_EMULATED.length));
  const other = report.filter((line) => !line.startsWith(NOT_EMULATED)).map((line) => `${pattern}: ${line}`);
  return unemulated.length === 0 ? other : [...other, `${pattern}: ${NOT_EMULATED}${unemulated.join(', ')}`];
}
