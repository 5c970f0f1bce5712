/** Reads `--name value` integer options of a benchmark, with clear errors for bad input. */
import { UsageError } from '../../runtime/shared/errors';
import { parseFlags } from '../../runtime/shared/parse-flags';

/** A benchmark option was given a value that is not a positive integer. */
export class InvalidBenchArgumentError extends UsageError {
  constructor(
    readonly option: string,
    readonly value: string,
  ) {
    super(`--${option} must be a positive integer, got "${value}"`);
  }
}

/**
 * Parses `argv` for the given options (each `--option <positive integer>`), falling back to the
 * defaults. Unknown options are rejected by `parseArgs` itself.
 */
export function positiveIntegerOptions<Name extends string>(
  defaults: Readonly<Record<Name, number>>,
  argv: readonly string[] = process.argv.slice(2),
): Record<Name, number> {
  const names = Object.keys(defaults) as Name[];
  const optionSpecs: Record<string, { type: 'string' }> = Object.fromEntries(
    names.map((name) => [name, { type: 'string' }]),
  );
  const values: Record<string, unknown> = parseFlags(argv, optionSpecs);
  const resolved: Record<Name, number> = { ...defaults };
  for (const name of names) {
    const raw = values[name];
    if (typeof raw !== 'string') continue;
    const parsed = Number(raw);
    if (!Number.isSafeInteger(parsed) || parsed <= 0) throw new InvalidBenchArgumentError(name, raw);
    resolved[name] = parsed;
  }
  return resolved;
}
