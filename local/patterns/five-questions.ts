/**
 * The five questions every pattern answers in the comparison table, in the order of its rows: who
 * gets a message, ordering, replay, failure handling and the unit of scaling.
 */

/** The rows, each with its key and the title printed in the table. */
export const FIVE_QUESTIONS = [
  { key: 'who', title: '1. Who gets it' },
  { key: 'ordering', title: '2. Ordering' },
  { key: 'replay', title: '3. Replay' },
  { key: 'failure', title: '4. Failure' },
  { key: 'scaling', title: '5. Scaling unit' },
] as const;

/** One of the five questions. */
export type Question = (typeof FIVE_QUESTIONS)[number]['key'];

/** A pattern's answer to each question: the lines of its cell, every figure taken from the run. */
export type QuestionCells = Readonly<Record<Question, readonly string[]>>;

/** The same lines in every cell (a pattern that did not run says why in each). */
export function sameInEveryCell(lines: readonly string[]): QuestionCells {
  return { who: lines, ordering: lines, replay: lines, failure: lines, scaling: lines };
}
