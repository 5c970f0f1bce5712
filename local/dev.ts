/**
 * `npm run dev`: the embedded environment, kept up for your own clients. It provisions every
 * registered pattern from its synthesized template, starts every consumer (dev/dev-registry.ts),
 * prints the endpoints, names and ready example commands (`--json`: one JSON line), and stays up
 * until Ctrl-C or SIGTERM. With `--web` it also serves a live page of what your clients' traffic
 * does (its URL is in the ready output), closed last in the stop. Then it stops everything it started, consumers first (so nothing they
 * hold is lost), emulators last. Exit codes: 0 after a clean stop, 2 for a usage problem, 3 when an
 * emulator or the broker could not start, 1 when the start failed otherwise (in every failed start,
 * what had started is stopped).
 */
import { exitCodeFor, UsageError } from '../runtime/shared/errors';
import { devComponentsOf } from './dev/dev-registry';
import { DEV_USAGE, parseDevOptions } from './dev/dev-options';
import { devReadyLine, formatDevOutput } from './dev/format-dev-output';
import { startDev } from './dev/start-dev';
import { untilStopSignal } from './dev/stop-signals';

async function main(argv: readonly string[]): Promise<number> {
  const options = parseDevOptions(argv);
  if (options.help) {
    console.log(DEV_USAGE);
    return 0;
  }
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  // Listen before starting: a signal during the start stops what has started once it is up.
  const signal = untilStopSignal();
  log('npm run dev: starting the emulators and provisioning the stacks from their synthesized templates…');
  const dev = await startDev(devComponentsOf(), { mailboxDir: options.mailboxDir, archiveBufferingSeconds: options.archiveBufferingSeconds, log }, { web: options.web });
  process.stdout.write(options.json ? `${JSON.stringify(devReadyLine(dev))}\n` : `${formatDevOutput(dev)}\n`);
  const received = await signal;
  // Consumers first (the archive delivers its buffer, workers finish their jobs), then the emulators,
  // which run in their own process groups and so did not receive the terminal's SIGINT.
  log(`npm run dev: ${received}: stopping the consumers, then the emulators (Ctrl-C again to quit at once)…`);
  await dev.stop();
  log('npm run dev: stopped.');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    if (error instanceof UsageError) console.error(DEV_USAGE);
    process.exit(exitCodeFor(error));
  },
);
