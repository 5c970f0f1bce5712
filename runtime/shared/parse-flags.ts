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
    throw usageErrorFor(error);
  }
}

/** parseArgs' own errors (identified by their `code`), reworded to name the flag the way the other messages do. */
function usageErrorFor(error: unknown): UsageError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`Unknown flag ${flag}`, flag, { cause: error });
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
