/**
 * The embedded target: emulators and local processes on loopback ports, started per run. Its
 * compute is the local consumer processes and event-source runners; outcomes are read from the
 * emulated resources and the processes' EMF lines, plus what only a local run can see (the SMTP sink).
 */
import { embeddedClickstreamTarget } from '../clickstream/embedded-clickstream-target';
import { embeddedEmailTarget, type EmailRunInProgress } from '../email/embedded-email-target';
import type { RunTarget } from './run-target';

export const EMBEDDED_TARGET: RunTarget<EmailRunInProgress> = {
  name: 'embedded',
  email: embeddedEmailTarget,
  clickstream: embeddedClickstreamTarget,
};
