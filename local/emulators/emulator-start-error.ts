import { EnvironmentError } from '../../runtime/shared/errors';

/** An emulator child process exited, or did not listen in time: this machine could not start it. Exit 3. */
export class EmulatorStartError extends EnvironmentError {}
