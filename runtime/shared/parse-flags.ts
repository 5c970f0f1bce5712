/**
 * Every command line of the project (npm start, npm run dev, npm run advise, npm run produce, the
 * Kafka produce command, the benchmarks) is parsed here: `node:util` `parseArgs`, strict, no
 * positional arguments, and its errors reworded into a {@link UsageError} that names the flag, so
 * every CLI says the same thing about the same mistake and exits 2.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { UsageError } from './errors';

/** Parses `argv` against `options`; returns parseArgs' typed values. @throws UsageError naming the flag at fault */
export function parseFlags<const TOptions extends ParseArgsOptionsConfig>(argv: readonly string[], options: TOptions) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw usageErrorFor(error, Object.keys(options));
  }
}

/** parseArgs' own errors (identified by their `code`), reworded to name the flag the way the other messages do. */
function usageErrorFor(error: unknown, knownFlags: readonly string[]): UsageError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const suggestion = closestFlag(flag.replace(/^-+/, ''), knownFlags);
    const hint = suggestion === undefined ? '' : `: did you mean --${suggestion}?`;
    return new UsageError(`Unknown flag ${flag}${hint}`, flag, { cause: error });
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // Missing, or followed by something that looks like a flag (`--events --stream s`, `--events -3`).
    return new UsageError(`Flag ${flag} needs a value (write ${flag}=VALUE for a value that starts with a dash)`, flag, { cause: error });
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const argument = /'([^']*)'/.exec(message)?.[1] ?? '';
    return new UsageError(`Unexpected argument "${argument}": every option is a --flag`, undefined, { cause: error });
  }
  return new UsageError(message, undefined, { cause: error });
}

/**
 * The known flag a typo most likely meant: the nearest by edit distance, when it is near enough to
 * be a slip (at most a third of the name's letters, and at least one) rather than another word.
 */
export function closestFlag(typed: string, knownFlags: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(typed.length / 3));
  let best: { flag: string; distance: number } | undefined;
  for (const flag of knownFlags) {
    const distance = editDistance(typed.toLowerCase(), flag.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { flag, distance };
  }
  return best?.flag;
}

/**
 * Edit distance counting a swap of two neighbours as one edit (optimal string alignment), since
 * `--jsno` for `--json` is the commonest slip. Three rows at a time: flags are short.
 */
function editDistance(a: string, b: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, (beforePrevious[j - 2] ?? 0) + 1);
      current[j] = distance;
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
