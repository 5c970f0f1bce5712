// Runs a command that is not Node (the Kafka broker's JVM) under local/emulators/owned-child-guard.mjs,
// which this process is started with: the command inherits this process group (not the parent's, so
// a terminal's Ctrl-C does not reach it) and is SIGKILLed when this process exits, which it does
// when the parent is gone. SIGTERM is passed on; the command's exit status becomes this one's.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const killChild = () => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
};
process.on('exit', killChild);
process.on('SIGTERM', () => child.kill('SIGTERM'));
// Only the parent stops it; a stray SIGINT (it is in no terminal's foreground group) is ignored.
process.on('SIGINT', () => undefined);
child.once('error', (error) => {
  process.stderr.write(`${command}: ${error.message}\n`);
  process.exit(127);
});
child.once('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
