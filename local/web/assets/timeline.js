// @ts-check
/** One time axis for the three patterns: workers added, poison written, the SIGKILL and the rebalance as observed, the dead-letter topic. */
import { COLOURS } from './charts.js';
import { h, s, seconds } from './dom.js';

/** @typedef {import('./state.js').RunState} RunState */

const ROWS = /** @type {const} */ (['sqs', 'kinesis', 'kafka']);
const NAMES = { sqs: 'SQS', kinesis: 'Kinesis', kafka: 'Kafka' };
const WIDTH = 800;
const ROW_HEIGHT = 26;
const LEFT = 70;

/** @param {RunState} state */
export function renderTimeline(state) {
  const moments = state.moments;
  const xMax = Math.max(1000, state.nowMs);
  const x = (/** @type {number} */ ms) => LEFT + (ms / xMax) * (WIDTH - LEFT - 10);
  const height = ROWS.length * ROW_HEIGHT + 20;
  const label = `Timeline of ${moments.length} moments over ${seconds(state.nowMs)}; listed below`;
  const chart = s('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': label, class: 'chart timeline' },
    ...ROWS.map((row, index) => s('g', {},
      s('text', { x: 4, y: index * ROW_HEIGHT + 18, class: 'tick' }, NAMES[row]),
      s('line', { x1: LEFT, x2: WIDTH - 10, y1: index * ROW_HEIGHT + 14, y2: index * ROW_HEIGHT + 14, class: 'axis' }))),
    ...moments.map((moment) => {
      const cy = ROWS.indexOf(moment.pattern) * ROW_HEIGHT + 14;
      const cx = x(moment.atMs);
      // Alerts are triangles, the rest circles: the shape says it as well as the colour.
      return moment.alert
        ? s('path', { d: `M${cx},${cy - 7} L${cx + 7},${cy + 6} L${cx - 7},${cy + 6} Z`, fill: COLOURS.alert }, s('title', {}, moment.label))
        : s('circle', { cx, cy, r: 5, fill: COLOURS[moment.pattern] }, s('title', {}, moment.label));
    }),
    s('text', { x: WIDTH - 10, y: height - 2, class: 'tick', 'text-anchor': 'end' }, seconds(xMax)));
  return [
    h('figure', { tabindex: 0, 'aria-label': label }, chart),
    h('ol', { class: 'moments' }, ...moments.map((moment) => h('li', { class: moment.alert ? 'alert' : undefined },
      h('span', { class: 'when' }, seconds(moment.atMs)), ` ${NAMES[moment.pattern]}: ${moment.alert ? '▲ ' : ''}${moment.label}`))),
  ];
}
