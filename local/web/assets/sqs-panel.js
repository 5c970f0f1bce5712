// @ts-check
/** The SQS column: the backlog against the workers, each worker's share, redeliveries and the DLQ. */
import { barList, COLOURS, legend, timeChart } from './charts.js';
import { figure, h, sortedEntries } from './dom.js';

/** @typedef {import('./state.js').RunState} RunState */
/** @typedef {import('./charts.js').Series} Series */

/** @param {RunState} state @returns {Series[]} */
function backlogSeries(state) {
  const workers = (state.depth.length > 0 ? state.depth : state.email).map((point) => /** @type {[number, number]} */ ([point.atMs, point.workers]));
  const workerLine = { label: 'workers', colour: COLOURS.ink, points: workers, step: true, rightAxis: true, dash: '1 3' };
  if (state.depth.length > 0) {
    return [
      { label: 'visible', colour: COLOURS.sqs, points: state.depth.map((point) => [point.atMs, point.visible]) },
      { label: 'in flight', colour: COLOURS.secondary, points: state.depth.map((point) => [point.atMs, point.inFlight]), dash: '6 3' },
      workerLine,
    ];
  }
  return [
    { label: 'jobs not yet done (visible + in flight)', colour: COLOURS.sqs, points: state.email.map((point) => [point.atMs, point.outstanding]) },
    { label: 'dead-lettered', colour: COLOURS.alert, points: state.email.map((point) => [point.atMs, point.deadLettered]), dash: '6 3' },
    workerLine,
  ];
}

/** @param {RunState} state */
function liveLine(state) {
  const last = state.email.at(-1);
  if (last === undefined) return h('p', { class: 'live', 'data-live': 'sqs' }, state.mode === 'dev' && !state.devComponents.includes('email') ? 'the email worker is not part of this npm run dev' : 'waiting for the queue…');
  return h('p', { class: 'live', 'data-live': 'sqs' },
    `delivered ${last.delivered} · dead-lettered ${last.deadLettered} · not yet done ${last.outstanding} · workers ${last.workers}`);
}

/** @param {import('../../comparison/comparison-result').EmailComparison} email */
function finalFigures(email) {
  const shares = sortedEntries(email.perWorker ?? {});
  return [
    h('h3', {}, 'Each job went to one worker'),
    barList('deliveries per worker', shares.map(([name, count]) => ({ label: name, value: count, shown: figure(`/email/perWorker/${name}`, count), colour: COLOURS.sqs }))),
    h('p', {}, 'Workers: ', figure('/email/workers/initial', email.workers?.initial ?? 'n/a'), ' at start, ', figure('/email/workers/peak', email.workers?.peak ?? 'n/a'), ' at the peak of the backlog.'),
    h('h3', {}, 'Failures: redelivered, then dead-lettered'),
    h('ul', { class: 'facts' },
      h('li', {}, 'Redeliveries (visibility timeout): ', figure('/email/redeliveries', email.redeliveries ?? 'n/a'), ', receive count up to ', figure('/email/highestReceiveCount', email.highestReceiveCount ?? 'n/a')),
      h('li', {}, 'DLQ total: ', figure('/email/deadLettered', email.deadLettered), h('ul', {},
        h('li', {}, 'malformed, dead-lettered at once: ', figure('/email/malformedDeadLettered', email.malformedDeadLettered), ' of ', figure('/email/malformed', email.malformed)),
        h('li', {}, 'failed on every receive, moved by SQS after maxReceiveCount: ', figure('/email/redrivenAfterMaxReceives', email.redrivenAfterMaxReceives ?? 'n/a')))),
      h('li', {}, 'Receivable after the run (a deleted message is gone): ', figure('/email/receivableAfterRun', email.receivableAfterRun ?? 'n/a'))),
  ];
}

/** The panel's content. @param {RunState} state */
export function renderSqsPanel(state) {
  const series = backlogSeries(state);
  const last = state.email.at(-1);
  const label = last === undefined
    ? 'Backlog chart: no observation yet'
    : `Backlog chart: ${last.outstanding} jobs not yet done, ${last.workers} workers, ${last.deadLettered} dead-lettered at ${(last.atMs / 1000).toFixed(0)} s`;
  return [
    h('figure', { tabindex: 0, 'aria-label': label }, timeChart({ label, series, xMaxMs: state.nowMs }), h('figcaption', {}, legend(series))),
    liveLine(state),
    ...(state.final?.json.email !== undefined ? finalFigures(state.final.json.email) : state.mode === 'dev' ? [] : [h('p', { class: 'pending' }, 'Per-worker shares and the DLQ reasons appear when the run ends.')]),
  ];
}
