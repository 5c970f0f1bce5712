// @ts-check
/**
 * The end of the run: the five questions from the run's own rows (one column per pattern the run
 * reports, titled with its registry heading), the advise line `npm start` prints, and the
 * advisor's monthly costs.
 */
import { barList, COLOURS } from './charts.js';
import { h } from './dom.js';

/** @typedef {import('../live-event').RunFinishedEvent} RunFinishedEvent */

/** The three panels' colours; any other pattern draws in ink. */
const PATTERN_COLOURS = /** @type {Record<string, string>} */ ({ email: COLOURS.sqs, clickstream: COLOURS.kinesis, kafka: COLOURS.kafka });

/** A pattern's heading in the run, by its key. @param {RunFinishedEvent} final @param {string} key */
const headingOf = (final, key) => final.patterns.find((pattern) => pattern.key === key)?.heading ?? key;

/** The five questions: rows are questions, columns the run's patterns; each cell is the table's own lines. @param {RunFinishedEvent} final */
export function renderQuestions(final) {
  return h('table', { class: 'questions' },
    h('caption', {}, 'The five questions, answered by this run (the same figures as npm start -- --json)'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Question'), ...final.patterns.map(({ key, heading }) => h('th', { scope: 'col', 'data-pattern': key }, heading)))),
    h('tbody', {}, ...final.rows.map((row, index) => h('tr', {},
      h('th', { scope: 'row' }, row.dimension),
      ...final.patterns.map(({ key, heading }) => h('td', { 'data-side-name': heading },
        ...(row.byPattern[key] ?? []).map((line, lineIndex) => h('p', { 'data-row': index, 'data-side': key, 'data-line': lineIndex }, line))))))));
}

/** Monthly cost of every option for each pattern's workload, under the line npm start ends with. @param {RunFinishedEvent} final */
export function renderAdvice(final) {
  return [h('p', { class: 'advise-line' }, h('code', { 'data-advise-line': '' }, final.adviseLine)), ...final.advice.map((pattern) => h('section', { class: 'advice', 'aria-labelledby': `advice-${pattern.pattern}` },
    h('h3', { id: `advice-${pattern.pattern}` }, headingOf(final, pattern.pattern)),
    h('p', {}, 'Recommended: ', h('strong', {}, pattern.recommendation.option ?? 'none'),
      pattern.recommendation.monthlyUsd === null ? '' : ` at USD ${pattern.recommendation.monthlyUsd.toFixed(2)} a month`),
    barList(`monthly cost of each option for the ${pattern.pattern} workload`, pattern.options.map((option) => ({
      label: option.option,
      value: option.monthlyUsd,
      shown: h('span', { 'data-advice': `${pattern.pattern}/${option.option}` }, `USD ${option.monthlyUsd.toFixed(2)}`),
      colour: option.status === 'fits' ? PATTERN_COLOURS[pattern.pattern] ?? COLOURS.ink : '#999999',
      hatched: option.status !== 'fits',
      note: option.option === pattern.recommendation.option ? '★ recommended' : option.status === 'fits' ? undefined : option.status,
    }))),
    h('p', {}, 'Same numbers: ', h('code', { 'data-advice-command': pattern.pattern }, pattern.command))))];
}
