/**
 * `npm run advise -- --rate 2000/s --size 3KB …`: prints the recommendation, its reasons and the
 * monthly cost of every option; `--explain` adds the arithmetic, `--json` prints it all as JSON,
 * `--chart FILE.svg` writes cost against rate. Exit codes: 0 done, 2 bad input, 1 anything else.
 */
import { writeFileSync } from 'node:fs';
import { advise } from './advise';
import { renderChartSvg } from './chart-svg';
import { chartRange, costCurves, findCrossovers, logRange } from './crossovers';
import { ADVISE_USAGE, parseAdviseFlags } from './flags';
import { loadUsEast1Prices } from './price-list';
import { renderJson } from './render-json';
import { renderPrices } from './render-prices';
import { referenceCosts } from './reference-costs';
import { renderReferenceCosts } from './render-reference-costs';
import { renderText } from './render-text';
import { exitCodeFor, UsageError } from '../runtime/shared/errors';

/** Samples per chart: smooth lines; crossovers are then refined by bisection. */
const CHART_SAMPLES = 121;

function main(argv: readonly string[]): number {
  const options = parseAdviseFlags(argv);
  if (options.help) {
    console.log(ADVISE_USAGE);
    return 0;
  }
  const prices = loadUsEast1Prices();
  if (options.listPrices) {
    console.log(renderPrices(prices));
    return 0;
  }
  if (options.listReferenceCosts) {
    console.log(renderReferenceCosts(referenceCosts(prices)));
    return 0;
  }
  const advice = advise(options.workload, prices);
  console.log(options.json ? renderJson(advice) : renderText(advice, { explain: options.explain }));
  if (options.chartFile !== undefined) {
    const { low, high } = chartRange(options.workload);
    const rates = logRange(low, high, CHART_SAMPLES);
    const svg = renderChartSvg({
      title: `Monthly cost vs rate: ${options.workload.recordBytes} B records, ${options.workload.consumers} consumer(s), order ${options.workload.ordering}`,
      workloadRate: options.workload.ratePerSecond,
      points: costCurves(options.workload, prices, rates),
      crossovers: findCrossovers(options.workload, prices, rates),
    });
    writeFileSync(options.chartFile, svg);
    (options.json ? process.stderr : process.stdout).write(`chart written to ${options.chartFile}\n`);
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) console.error(`npm run advise: ${error.message}\n\n${ADVISE_USAGE}`);
  else console.error(`npm run advise: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = exitCodeFor(error);
}
