/**
 * `npm run dev`: the embedded environment, kept up for your own clients. It provisions every
 * registered pattern from its synthesized template, starts every consumer (dev/dev-registry.ts), prints the
 * endpoints, names and ready example commands (`--json`: one JSON line), and stays up until Ctrl-C
 * or SIGTERM, then stops everything it started. Exit codes: 0 after a clean stop, 2 for a usage
 * problem, 3 when an emulator or the broker could not start, 1 when the start failed otherwise (in
 * every failed start, what had started is stopped).
 */
import { exitCodeFor, UsageError } from '../runtime/shared/errors';
import { devComponentsOf } from './dev/dev-registry';
import { DEV_USAGE, parseDevOptions } from './dev/dev-options';
import { devReadyLine, formatDevOutput } from './dev/format-dev-output';
import { startDev } from './dev/start-dev';

/**
 * Resolves on the first SIGINT or SIGTERM. The listeners stay registered (`on`, not `once`) until the
 * process ends: the child-process reaper (signal-exit) re-raises a signal that no other listener
 * handles, which would kill this process before it has stopped what it started.
 */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.on('SIGINT', () => resolve('SIGINT'));
    process.on('SIGTERM', () => resolve('SIGTERM'));
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseDevOptions(argv);
  if (options.help) {
    console.log(DEV_USAGE);
    return 0;
  }
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  // Listen before starting: a signal during the start stops what has started once it is up.
  const signal = untilSignal();
  log('npm run dev: starting the emulators and provisioning the stacks from their synthesized templates…');
  const dev = await startDev(devComponentsOf(), { mailboxDir: options.mailboxDir, archiveBufferingSeconds: options.archiveBufferingSeconds, log });
  process.stdout.write(options.json ? `${JSON.stringify(devReadyLine(dev))}\n` : `${formatDevOutput(dev)}\n`);
  const received = await signal;
  log(`npm run dev: ${received}: stopping everything it started…`);
  // A second Ctrl-C does not wait: the reaper kills every child process on exit.
  process.once('SIGINT', () => process.exit(130));
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
