/**
 * The comparison table `npm start` ends with: one row per question (who gets a message, ordering,
 * replay, failure handling, scaling unit), one column per pattern of the run, in registry order.
 * Every cell is rendered from the pattern's report; `n/a` marks a figure the target could not
 * observe. Wide terminals (or no terminal) get the columns side by side; narrow ones one block per
 * pattern. Pure, so it is unit-tested.
 */
import { FIVE_QUESTIONS } from '../patterns/five-questions';
import type { PatternReport } from '../patterns/pattern-report';
import type { ComparisonRun } from './comparison-run';

/** A row: the question, and the lines of each pattern's cell by the pattern's key. */
export interface ComparisonRow {
  readonly dimension: string;
  readonly byPattern: Readonly<Record<string, readonly string[]>>;
}

/** Column widths (characters): the question, then each pattern. */
const DIMENSION_WIDTH = 18;
const SIDE_WIDTH = 44;
/** Below this, a block per pattern stays readable no more. */
const NARROWEST_BLOCK = 60;

/** The five rows, each cell from the reports of `run`. */
export function comparisonRows(run: ComparisonRun): ComparisonRow[] {
  return FIVE_QUESTIONS.map(({ key, title }) => ({
    dimension: title,
    byPattern: Object.fromEntries(run.reports.map((report) => [report.key, report.cells[key]])),
  }));
}

/** Wraps text to `width`, breaking at spaces. */
function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current.length > 0 && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else current = current.length === 0 ? word : `${current} ${word}`;
  }
  out.push(current);
  return out;
}

/** Characters the side-by-side table takes for `patterns` columns. */
export function wideTableWidth(patterns: number): number {
  return DIMENSION_WIDTH + 3 + patterns * (SIDE_WIDTH + 3);
}

/** Every pattern side by side: `| question | pattern 1 | pattern 2 | … |`. */
function sideBySide(run: ComparisonRun): string {
  const side = `${'-'.repeat(SIDE_WIDTH + 2)}+`;
  const separator = `+${'-'.repeat(DIMENSION_WIDTH + 2)}+${side.repeat(run.reports.length)}`;
  const line = (dimension: string, sides: readonly string[]): string =>
    `| ${dimension.padEnd(DIMENSION_WIDTH)} |${sides.map((text) => ` ${text.padEnd(SIDE_WIDTH)} |`).join('')}`;
  const out = [separator, line(`target: ${run.target}`, run.reports.map((report) => report.heading)), separator];
  for (const row of comparisonRows(run)) {
    const columns = run.reports.map((report) => (row.byPattern[report.key] ?? []).flatMap((text) => wrap(text, SIDE_WIDTH)));
    const height = Math.max(1, ...columns.map((lines) => lines.length));
    for (let index = 0; index < height; index += 1) {
      out.push(line(index === 0 ? row.dimension : '', columns.map((lines) => lines[index] ?? '')));
    }
    out.push(separator);
  }
  return out.join('\n');
}

/** One pattern as a block of `width` characters: its heading, then `question | lines`. */
function block(report: PatternReport, target: string, width: number): string[] {
  const textWidth = width - DIMENSION_WIDTH - 3;
  const out = [`${report.heading} (target: ${target})`.slice(0, width), '-'.repeat(width)];
  for (const { key, title } of FIVE_QUESTIONS) {
    const lines = report.cells[key].flatMap((text) => wrap(text, textWidth));
    lines.forEach((text, index) => out.push(`${(index === 0 ? title : '').padEnd(DIMENSION_WIDTH)} | ${text}`.trimEnd()));
  }
  return [...out, ''];
}

/**
 * The table as text. `width` is the terminal's (process.stdout.columns); undefined (not a
 * terminal) or wide enough gives the side-by-side table, narrower one block per pattern.
 */
export function formatComparisonTable(run: ComparisonRun, width?: number): string {
  if (width === undefined || width >= wideTableWidth(run.reports.length)) return sideBySide(run);
  const blockWidth = Math.max(NARROWEST_BLOCK, width);
  return run.reports.flatMap((report) => block(report, run.target, blockWidth)).join('\n').trimEnd();
}

/** What each figure of the table counts, pattern by pattern (printed under the table). */
export function figureDefinitions(run: ComparisonRun): string[] {
  return run.reports.flatMap((report) => Object.entries(report.figures).map(([name, meaning]) => `${report.key}: ${name}: ${meaning}`));
}
