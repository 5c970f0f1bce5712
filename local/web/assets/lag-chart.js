// @ts-check
/**
 * Lag per consumer group over the run: the records each group has not committed past on the
 * clickstream topic, sampled from the broker, as step lines (a lag holds until the next sample that
 * changed it). The SIGKILL is marked: the analytics group's lag climbs until the rebalance.
 */
import { COLOURS, legend, timeChart } from './charts.js';
import { h, seconds } from './dom.js';

/** @typedef {import('./state.js').RunState} RunState */
/** @typedef {import('./charts.js').Series} Series */

/** One style per group (groups in name order), each with its own dash so the colour is never the only sign. */
const STYLES = [
  { colour: COLOURS.kafka, dash: undefined },
  { colour: COLOURS.secondary, dash: '6 3' },
  { colour: COLOURS.hot, dash: '2 2' },
  { colour: COLOURS.ink, dash: '8 2 2 2' },
];

/** Groups in name order with their points, each line held to the latest event. @param {RunState} state @returns {Series[]} */
function lagSeries(state) {
  return [...state.lag].sort(([a], [b]) => a.localeCompare(b)).map(([group, points], index) => {
    const { colour, dash } = STYLES[index % STYLES.length] ?? { colour: COLOURS.kafka, dash: undefined };
    const last = points.at(-1);
    /** @type {[number, number][]} */
    const held = last === undefined || last[0] >= state.nowMs ? points : [...points, [state.nowMs, last[1]]];
    return { label: group, colour, dash, step: true, points: held };
  });
}

/** The chart with its legend and each group's lag now; a line saying why there is none yet. @param {RunState} state */
export function lagChart(state) {
  if (state.lag.size === 0) return h('p', { class: 'pending' }, 'no group has committed an offset yet');
  const series = lagSeries(state);
  const now = series.map((one) => ({ group: one.label, lag: one.points.at(-1)?.[1] ?? 0 }));
  const label = `Lag per group chart, records behind the end of the topic: ${now.map(({ group, lag }) => `${group} ${lag}`).join(', ')} at ${seconds(state.nowMs)}`;
  // From the first sample (or the SIGKILL, if earlier): the Kafka phase of the run, not the whole run, fills the width.
  const marks = state.kill === null ? [] : [{ atMs: state.kill.atMs, label: `SIGKILL ${state.kill.memberId}` }];
  const xMinMs = Math.min(...series.map((one) => one.points[0]?.[0] ?? state.nowMs), ...marks.map((mark) => mark.atMs));
  return h('figure', { tabindex: 0, 'aria-label': label },
    timeChart({ label, series, xMinMs, xMaxMs: state.nowMs, marks }),
    h('figcaption', {}, legend(series),
      h('p', { class: 'live', 'data-live': 'kafka-lag' }, 'records behind now: ',
        ...now.flatMap(({ group, lag }, index) => [index === 0 ? '' : ' · ', `${group} `, h('strong', { 'data-lag-group': group }, lag)]))));
}
