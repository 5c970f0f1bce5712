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

/** The lag a group was last sampled at (0 before any). @param {[number, number][]} points */
const latest = (points) => points.at(-1)?.[1] ?? 0;

/**
 * The time the chart spans: from the first sample (or the SIGKILL, if earlier) so that the Kafka
 * phase, not the whole run, fills the width; to now while a group is behind, else a little past the
 * moment the last one caught up (the rest of the run adds nothing but zeros).
 * @param {RunState} state
 */
function timeSpan(state) {
  const samples = [...state.lag.values()];
  const startMs = Math.min(...samples.map((points) => points[0]?.[0] ?? state.nowMs), state.kill?.atMs ?? state.nowMs);
  if (samples.some((points) => latest(points) > 0)) return { startMs, endMs: state.nowMs };
  const caughtUpMs = Math.max(...samples.map((points) => points.at(-1)?.[0] ?? startMs));
  return { startMs, endMs: Math.min(state.nowMs, caughtUpMs + Math.max(2000, (caughtUpMs - startMs) * 0.15)) };
}

/** Groups in name order with their points, each line held to `endMs`. @param {RunState} state @param {number} endMs @returns {Series[]} */
function lagSeries(state, endMs) {
  return [...state.lag].sort(([a], [b]) => a.localeCompare(b)).map(([group, points], index) => {
    const { colour, dash } = STYLES[index % STYLES.length] ?? { colour: COLOURS.kafka, dash: undefined };
    const last = points.at(-1);
    /** @type {[number, number][]} */
    const held = last === undefined || last[0] >= endMs ? points : [...points, [endMs, last[1]]];
    return { label: group, colour, dash, step: true, points: held };
  });
}

/** The chart with its legend and each group's lag now; a line saying why there is none yet. @param {RunState} state */
export function lagChart(state) {
  if (state.lag.size === 0) return h('p', { class: 'pending' }, 'no group has committed an offset yet');
  const { startMs, endMs } = timeSpan(state);
  const series = lagSeries(state, endMs);
  const now = series.map((one) => ({ group: one.label, lag: latest(one.points) }));
  const label = `Lag per group chart, records behind the end of the topic from ${seconds(startMs)} to ${seconds(endMs)}; now ${now.map(({ group, lag }) => `${group} ${lag}`).join(', ')}`;
  const marks = state.kill === null ? [] : [{ atMs: state.kill.atMs, label: `SIGKILL ${state.kill.memberId}` }];
  return h('figure', { tabindex: 0, 'aria-label': label },
    timeChart({ label, series, xMinMs: startMs, xMaxMs: endMs, marks }),
    h('figcaption', {}, legend(series),
      h('p', { class: 'live', 'data-live': 'kafka-lag' }, 'records behind now: ',
        ...now.flatMap(({ group, lag }, index) => [index === 0 ? '' : ' · ', `${group} `, h('strong', { 'data-lag-group': group }, lag)]))));
}
