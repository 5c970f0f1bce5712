// @ts-check
/** The end of the run: the five questions from the run's own rows, and the advisor's monthly costs. */
import { barList, COLOURS } from './charts.js';
import { h } from './dom.js';

/** @typedef {import('../live-event').RunFinishedEvent} RunFinishedEvent */

const SIDES = /** @type {const} */ ([['sqs', 'SQS task queue'], ['kinesis', 'Kinesis stream'], ['kafka', 'Kafka topic']]);
const PATTERN_COLOURS = /** @type {Record<string, string>} */ ({ email: COLOURS.sqs, clickstream: COLOURS.kinesis, kafka: COLOURS.kafka });
const PATTERN_NAMES = /** @type {Record<string, string>} */ ({ email: 'SQS email jobs', clickstream: 'Kinesis clickstream', kafka: 'Kafka clickstream' });

/** The five questions: rows are questions, columns patterns; each cell is the table's own lines. @param {RunFinishedEvent} final */
export function renderQuestions(final) {
  return h('table', { class: 'questions' },
    h('caption', {}, 'The five questions, answered by this run (the same figures as npm start -- --json)'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Question'), ...SIDES.map(([, name]) => h('th', { scope: 'col' }, name)))),
    h('tbody', {}, ...final.rows.map((row, index) => h('tr', {},
      h('th', { scope: 'row' }, row.dimension),
      ...SIDES.map(([side, name]) => h('td', { 'data-side-name': name },
        ...row[side].map((line, lineIndex) => h('p', { 'data-row': index, 'data-side': side, 'data-line': lineIndex }, line))))))));
}

/** Monthly cost of every option for each pattern's workload. @param {RunFinishedEvent} final */
export function renderAdvice(final) {
  return final.advice.map((pattern) => h('section', { class: 'advice', 'aria-labelledby': `advice-${pattern.pattern}` },
    h('h3', { id: `advice-${pattern.pattern}` }, PATTERN_NAMES[pattern.pattern] ?? pattern.pattern),
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
    h('p', {}, 'Same numbers: ', h('code', { 'data-advice-command': pattern.pattern }, pattern.command))));
}
