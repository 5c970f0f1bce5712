/**
 * The advisor's answer for each pattern of a finished run: the same `npm run advise` commands that
 * `npm start` prints (adviseLineForRun), parsed by the advisor's own flag parser and priced by its
 * own `advise`, then rounded by its `--json` renderer. So the page shows the numbers
 * `npm run advise -- … --json` prints, not a second computation.
 */
import { advise } from '../../advisor/advise';
import { parseAdviseFlags } from '../../advisor/flags';
import { loadUsEast1Prices, type PriceList } from '../../advisor/price-list';
import { renderJson } from '../../advisor/render-json';
import { adviseLineForRun } from '../comparison/advise-command';
import type { ComparisonRun } from '../comparison/comparison-run';

/** One option's monthly cost, as `npm run advise -- --json` prints it. */
export interface OptionCost {
  readonly option: string;
  readonly monthlyUsd: number;
  readonly status: string;
}

/** One pattern's workload, priced. */
export interface PatternAdvice {
  readonly pattern: string;
  /** The command a user runs to get the same answer (with their own --rate). */
  readonly command: string;
  readonly recommendation: { readonly option: string | null; readonly monthlyUsd: number | null };
  readonly options: readonly OptionCost[];
}

const COMMAND_PREFIX = 'npm run advise -- ';

/** `email: npm run advise -- …   clickstream: npm run advise -- …` → pattern and flags. */
export function adviseCommandsOf(line: string): { readonly pattern: string; readonly command: string }[] {
  const found: { pattern: string; command: string }[] = [];
  for (const match of line.matchAll(/(\w+): (npm run advise -- .*?)(?= {3}|$)/gm)) {
    found.push({ pattern: match[1] ?? '', command: (match[2] ?? '').trim() });
  }
  return found;
}

interface RenderedAdvice {
  readonly recommendation: { readonly option: string | null; readonly monthlyUsd: number | null };
  readonly options: readonly OptionCost[];
}

/** The advisor's JSON for one command, exactly as the CLI computes it. */
export function adviceForCommand(command: string, prices: PriceList): RenderedAdvice {
  const flags = command.slice(COMMAND_PREFIX.length).split(' ').filter((word) => word !== '');
  const rendered = JSON.parse(renderJson(advise(parseAdviseFlags(flags).workload, prices))) as RenderedAdvice;
  return {
    recommendation: { option: rendered.recommendation.option, monthlyUsd: rendered.recommendation.monthlyUsd },
    options: rendered.options.map(({ option, monthlyUsd, status }) => ({ option, monthlyUsd, status })),
  };
}

/** Every pattern of the run, priced at the rate the printed commands start from. */
export function patternAdviceFor(run: ComparisonRun, prices: PriceList = loadUsEast1Prices()): PatternAdvice[] {
  return adviseCommandsOf(adviseLineForRun(run)).map(({ pattern, command }) => ({ pattern, command, ...adviceForCommand(command, prices) }));
}
