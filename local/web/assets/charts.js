// @ts-check
/**
 * Hand-made SVG charts: lines over time, and horizontal bars. Every chart is an image with a label
 * that says what it shows in words; colours come with a dash pattern or a text mark, never alone.
 */
import { h, s } from './dom.js';

/** Okabe–Ito: distinguishable with every common colour-vision deficiency. */
export const COLOURS = {
  sqs: '#0072B2',
  kinesis: '#009E73',
  kafka: '#CC79A7',
  alert: '#D55E00',
  hot: '#E69F00',
  secondary: '#56B4E9',
  ink: '#000000',
};

const WIDTH = 400;
const HEIGHT = 160;
const PAD = { left: 36, right: 30, top: 10, bottom: 22 };

/**
 * @typedef {object} Series
 * @property {string} label
 * @property {string} colour
 * @property {[number, number][]} points x (ms), y
 * @property {string} [dash] stroke-dasharray
 * @property {boolean} [step] draw as a step line (a count that changes at instants)
 * @property {boolean} [rightAxis] scaled on the right axis
 */

/** @param {[number, number][]} points @param {(x: number) => number} x @param {(y: number) => number} y @param {boolean} step */
function pathOf(points, x, y, step) {
  return points.map(([px, py], index) => {
    const previous = points[index - 1];
    const corner = step && previous !== undefined ? `L${x(px).toFixed(1)},${y(previous[1]).toFixed(1)} ` : '';
    return `${index === 0 ? 'M' : `${corner}L`}${x(px).toFixed(1)},${y(py).toFixed(1)}`;
  }).join(' ');
}

/** @param {number} max */
const niceMax = (max) => (max <= 5 ? 5 : 10 ** Math.floor(Math.log10(max)) * Math.ceil(max / 10 ** Math.floor(Math.log10(max))));

/**
 * Lines over the run's time, from `xMinMs` (a chart of one phase of the run; the start is labelled) to `xMaxMs`.
 * @param {{ label: string, series: Series[], xMinMs?: number, xMaxMs: number, marks?: { atMs: number, label: string }[] }} chart
 */
export function timeChart(chart) {
  const xMin = chart.xMinMs ?? 0;
  const xMax = Math.max(xMin + 1000, chart.xMaxMs);
  const leftMax = niceMax(Math.max(1, ...chart.series.filter((one) => !one.rightAxis).flatMap((one) => one.points.map(([, py]) => py))));
  const rightMax = niceMax(Math.max(1, ...chart.series.filter((one) => one.rightAxis).flatMap((one) => one.points.map(([, py]) => py))));
  const x = (/** @type {number} */ ms) => PAD.left + ((ms - xMin) / (xMax - xMin)) * (WIDTH - PAD.left - PAD.right);
  const yOf = (/** @type {number} */ max) => (/** @type {number} */ value) => HEIGHT - PAD.bottom - (value / max) * (HEIGHT - PAD.top - PAD.bottom);
  const hasRight = chart.series.some((one) => one.rightAxis);
  return s('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': chart.label, class: 'chart' },
    s('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: HEIGHT - PAD.bottom, y2: HEIGHT - PAD.bottom, class: 'axis' }),
    s('line', { x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: HEIGHT - PAD.bottom, class: 'axis' }),
    s('text', { x: PAD.left - 4, y: PAD.top + 8, class: 'tick', 'text-anchor': 'end' }, leftMax),
    s('text', { x: PAD.left - 4, y: HEIGHT - PAD.bottom, class: 'tick', 'text-anchor': 'end' }, 0),
    hasRight && s('text', { x: WIDTH - PAD.right + 4, y: PAD.top + 8, class: 'tick' }, rightMax),
    s('text', { x: WIDTH - PAD.right, y: HEIGHT - 6, class: 'tick', 'text-anchor': 'end' }, `${(xMax / 1000).toFixed(0)} s`),
    xMin > 0 && s('text', { x: PAD.left, y: HEIGHT - 6, class: 'tick' }, `${(xMin / 1000).toFixed(0)} s`),
    ...(chart.marks ?? []).map((mark) => s('g', { class: 'mark' },
      s('line', { x1: x(mark.atMs), x2: x(mark.atMs), y1: PAD.top, y2: HEIGHT - PAD.bottom, stroke: COLOURS.alert, 'stroke-dasharray': '2 2' }),
      s('text', { x: x(mark.atMs) + 3, y: PAD.top + 8, class: 'tick', fill: COLOURS.alert }, mark.label))),
    ...chart.series.map((one) => s('path', {
      d: pathOf(one.points, x, yOf(one.rightAxis ? rightMax : leftMax), one.step ?? false),
      fill: 'none', stroke: one.colour, 'stroke-width': 2, 'stroke-dasharray': one.dash,
    })),
  );
}

/** A legend: each series' colour and dash, with its name. @param {Series[]} series */
export function legend(series) {
  return h('ul', { class: 'legend' }, ...series.map((one) => h('li', {},
    s('svg', { viewBox: '0 0 24 8', width: 24, height: 8, 'aria-hidden': 'true' },
      s('line', { x1: 0, x2: 24, y1: 4, y2: 4, stroke: one.colour, 'stroke-width': 3, 'stroke-dasharray': one.dash })),
    ` ${one.label}${one.rightAxis ? ' (right axis)' : ''}`)));
}

/**
 * @typedef {object} Bar
 * @property {string} label
 * @property {number} value
 * @property {Node | string} shown the value as written next to the bar (a figure element for result values)
 * @property {string} colour
 * @property {string} [note] a word after the value (e.g. "hot key", "SIGKILLed"), so the colour is never the only sign
 * @property {boolean} [hatched]
 */

/** Horizontal bars, one row each, scaled to the largest. @param {string} label @param {Bar[]} bars */
export function barList(label, bars) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  return h('ul', { class: 'bars', 'aria-label': label }, ...bars.map((bar) => h('li', {},
    // The note goes with the label: in the value column it would shorten this row's track and mislead.
    h('span', { class: 'bar-label' }, bar.label, bar.note === undefined ? '' : h('strong', { class: 'bar-note' }, ` ${bar.note}`)),
    h('span', { class: 'bar-track', 'aria-hidden': 'true' },
      s('svg', { viewBox: '0 0 100 10', preserveAspectRatio: 'none', class: 'bar-svg' },
        s('rect', { x: 0, y: 0, height: 10, width: Math.max(0.5, (bar.value / max) * 100), fill: bar.colour, class: bar.hatched ? 'hatched' : undefined }))),
    h('span', { class: 'bar-value' }, bar.shown))));
}
