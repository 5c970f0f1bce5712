/**
 * `--chart FILE.svg`: monthly cost of each option (log scale) against the message rate (log scale),
 * a tenth to ten times the workload's rate, with the workload and every crossover marked.
 * Each crossover is a `<g class="crossover" data-rate data-from data-to>` so tests can read it back.
 */
import type { Crossover, CostCurvePoint } from './crossovers';
import { fmt, OPTION_NAMES, type OptionName } from './option-estimate';

const WIDTH = 1_200;
const HEIGHT = 720;
const PLOT = { left: 100, right: 900, top: 70, bottom: 620 } as const;
/** Distinct, colour-blind-friendly colours (Okabe–Ito), plus grey. */
const COLOURS: Readonly<Record<OptionName, string>> = {
  'sqs-standard': '#0072B2',
  'sqs-fifo': '#56B4E9',
  'sns-sqs-fanout': '#009E73',
  'sns-sqs-fifo-fanout': '#8FD9B6',
  'kinesis-on-demand': '#E69F00',
  'kinesis-on-demand-advantage': '#F0E442',
  'kinesis-provisioned': '#D55E00',
  'msk-serverless': '#CC79A7',
  'msk-provisioned': '#555555',
};

export interface ChartInput {
  readonly title: string;
  readonly workloadRate: number;
  readonly points: readonly CostCurvePoint[];
  readonly crossovers: readonly Crossover[];
}

/** A white outline behind label text, so a label stays readable where it crosses a line. */
const HALO = 'paint-order="stroke" stroke="#fff" stroke-width="4" stroke-linejoin="round"';

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Powers of ten (and 2 and 5 times them) between low and high. */
function ticks(low: number, high: number): number[] {
  const out: number[] = [];
  for (let exponent = Math.floor(Math.log10(low)); exponent <= Math.ceil(Math.log10(high)); exponent += 1) {
    for (const mantissa of [1, 2, 5]) {
      const value = mantissa * 10 ** exponent;
      if (value >= low && value <= high) out.push(value);
    }
  }
  return out;
}

function money(usd: number): string {
  return usd >= 1_000 ? `$${fmt(Math.round(usd))}` : usd >= 1 ? `$${usd.toFixed(usd < 10 ? 2 : 0)}` : `$${usd.toFixed(2)}`;
}

/** The plot's log-scale axes: the data ranges and the functions that place a rate and a cost. */
interface ChartScale {
  readonly xLow: number;
  readonly xHigh: number;
  readonly yLow: number;
  readonly yHigh: number;
  x(rate: number): number;
  y(usd: number): number;
}

export function renderChartSvg(input: ChartInput): string {
  const scale = chartScale(input);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="DejaVu Sans, Arial, sans-serif" font-size="14">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${PLOT.left}" y="32" font-size="20" font-weight="bold">${escapeXml(input.title)}</text>`,
    `<text x="${PLOT.left}" y="54" font-size="13" fill="#444">Monthly cost (USD, log scale) against the average message rate (log scale); a line stops where the option cannot meet the requirements.</text>`,
    ...gridAndAxes(scale),
    ...workloadMarker(input, scale),
    ...costLines(input, scale),
    ...crossoverMarks(input, scale),
    ...legend(input),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}

function chartScale(input: ChartInput): ChartScale {
  const rates = input.points.map((point) => point.ratePerSecond);
  const xLow = Math.min(...rates);
  const xHigh = Math.max(...rates);
  const costs = input.points.flatMap((point) => Object.values(point.usd).filter((usd): usd is number => typeof usd === 'number' && usd > 0));
  const yLow = 10 ** Math.floor(Math.log10(Math.min(...costs)));
  const yHigh = 10 ** Math.ceil(Math.log10(Math.max(...costs)));
  return {
    xLow,
    xHigh,
    yLow,
    yHigh,
    x: (rate) => PLOT.left + ((Math.log(rate) - Math.log(xLow)) / (Math.log(xHigh) - Math.log(xLow))) * (PLOT.right - PLOT.left),
    y: (usd) => PLOT.bottom - ((Math.log(usd) - Math.log(yLow)) / (Math.log(yHigh) - Math.log(yLow))) * (PLOT.bottom - PLOT.top),
  };
}

function gridAndAxes({ xLow, xHigh, yLow, yHigh, x, y }: ChartScale): string[] {
  const parts: string[] = [];
  for (const value of ticks(xLow, xHigh)) {
    parts.push(`<line x1="${x(value).toFixed(1)}" y1="${PLOT.top}" x2="${x(value).toFixed(1)}" y2="${PLOT.bottom}" stroke="#e4e4e4"/>`);
    parts.push(`<text x="${x(value).toFixed(1)}" y="${PLOT.bottom + 22}" text-anchor="middle">${fmt(value)}</text>`);
  }
  for (const value of ticks(yLow, yHigh)) {
    parts.push(`<line x1="${PLOT.left}" y1="${y(value).toFixed(1)}" x2="${PLOT.right}" y2="${y(value).toFixed(1)}" stroke="#e4e4e4"/>`);
    parts.push(`<text x="${PLOT.left - 8}" y="${(y(value) + 5).toFixed(1)}" text-anchor="end">${money(value)}</text>`);
  }
  parts.push(`<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${(PLOT.left + PLOT.right) / 2}" y="${PLOT.bottom + 50}" text-anchor="middle" font-size="15">records per second (average)</text>`);
  parts.push(`<text transform="translate(28 ${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="15">USD per month</text>`);
  return parts;
}

/** The workload itself. */
function workloadMarker(input: ChartInput, { x }: ChartScale): string[] {
  return [
    `<line x1="${x(input.workloadRate).toFixed(1)}" y1="${PLOT.top}" x2="${x(input.workloadRate).toFixed(1)}" y2="${PLOT.bottom}" stroke="#000" stroke-dasharray="6 4"/>`,
    `<text x="${(x(input.workloadRate) + 6).toFixed(1)}" y="${PLOT.top + 16}" font-size="13" ${HALO}>your rate: ${fmt(input.workloadRate)}/s</text>`,
  ];
}

function costLines(input: ChartInput, { x, y }: ChartScale): string[] {
  const parts: string[] = [];
  for (const option of OPTION_NAMES) {
    const segments: string[][] = [[]];
    for (const point of input.points) {
      const usd = point.usd[option];
      if (typeof usd === 'number' && usd > 0) (segments[segments.length - 1] as string[]).push(`${x(point.ratePerSecond).toFixed(1)},${y(usd).toFixed(1)}`);
      else if ((segments[segments.length - 1] as string[]).length > 0) segments.push([]);
    }
    for (const segment of segments.filter((points) => points.length > 0)) {
      parts.push(`<polyline class="cost-line" data-option="${option}" points="${segment.join(' ')}" fill="none" stroke="${COLOURS[option]}" stroke-width="2.5"/>`);
    }
  }
  return parts;
}

function crossoverMarks(input: ChartInput, { x, y }: ChartScale): string[] {
  return input.crossovers.flatMap((crossover, index) => {
    const cx = x(crossover.ratePerSecond);
    const cy = crossover.usd === null ? PLOT.bottom : y(crossover.usd);
    const labelY = PLOT.top + 40 + (index % 6) * 18;
    const label = `${fmt(Math.round(crossover.ratePerSecond))}/s: ${crossover.to ?? 'nothing fits'}${crossover.to === null ? '' : ' cheapest'}${crossover.from === null ? '' : ` (was ${crossover.from})`}`;
    return [
      `<g class="crossover" data-rate="${crossover.ratePerSecond}" data-from="${crossover.from ?? ''}" data-to="${crossover.to ?? ''}">`,
      `<line x1="${cx.toFixed(1)}" y1="${labelY + 4}" x2="${cx.toFixed(1)}" y2="${cy.toFixed(1)}" stroke="#000" stroke-width="0.8" stroke-dasharray="2 3"/>`,
      `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="6" fill="#fff" stroke="#000" stroke-width="2"/>`,
      `<text x="${(cx + 4).toFixed(1)}" y="${labelY}" font-size="12" ${HALO} ${cx > PLOT.right - 220 ? 'text-anchor="end"' : ''}>${escapeXml(label)}</text>`,
      '</g>',
    ];
  });
}

function legend(input: ChartInput): string[] {
  const parts = OPTION_NAMES.flatMap((option, index) => {
    const ly = PLOT.top + 10 + index * 26;
    const plotted = input.points.some((point) => typeof point.usd[option] === 'number');
    return [
      `<line x1="${PLOT.right + 20}" y1="${ly}" x2="${PLOT.right + 50}" y2="${ly}" stroke="${COLOURS[option]}" stroke-width="3"/>`,
      `<text x="${PLOT.right + 58}" y="${ly + 5}"${plotted ? '' : ' fill="#888"'}>${option}${plotted ? '' : ' (cannot meet)'}</text>`,
    ];
  });
  parts.push(`<circle cx="${PLOT.right + 35}" cy="${PLOT.top + 10 + OPTION_NAMES.length * 26}" r="6" fill="#fff" stroke="#000" stroke-width="2"/>`);
  parts.push(`<text x="${PLOT.right + 58}" y="${PLOT.top + 15 + OPTION_NAMES.length * 26}">crossover</text>`);
  return parts;
}
