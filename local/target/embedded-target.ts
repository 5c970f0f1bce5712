/**
 * The embedded target: emulators, a Kafka broker and local processes on loopback ports, started per
 * run. Its compute is the local consumer processes and event-source runners; outcomes are read from
 * the emulated resources, the topics and the processes' EMF lines, plus what only a local run can
 * see (the SMTP sink, what each local consumer was handed).
 */
import { embeddedClickstreamTarget } from '../clickstream/embedded-clickstream-target';
import { embeddedEmailTarget, type EmailRunInProgress } from '../email/embedded-email-target';
import { embeddedKafkaTarget } from '../kafka/embedded-kafka-target';
import { embeddedFifoTarget } from '../email/fifo/embedded-fifo-target';
import { embeddedFanoutTarget } from '../fanout/embedded-fanout-target';
import type { RunTarget } from './run-target';

export const EMBEDDED_TARGET: RunTarget<EmailRunInProgress> = {
  name: 'embedded',
  email: embeddedEmailTarget,
  clickstream: embeddedClickstreamTarget,
  kafka: embeddedKafkaTarget(),
  emailFifo: embeddedFifoTarget,
  fanout: embeddedFanoutTarget,
};
