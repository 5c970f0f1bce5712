/**
 * Writes what the SMTP sink captures into a folder, one RFC 5322 `.eml` file per message, so a
 * person (or a test that imports nothing of the project) can open the mail the workers sent.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SmtpSink } from '../emulators/smtp-sink';

/** Copies new messages every this many ms: the sink keeps them in memory as they arrive. */
const COPY_INTERVAL_MS = 200;

/** A running writer. */
export interface MailboxWriter {
  /** Copies what is left, then stops. */
  stop(): void;
}

/** `00001-<jobId>.eml`: arrival order first, the job id to find a message. */
export function mailFileName(index: number, jobId: string | undefined): string {
  const safeJobId = (jobId ?? 'no-job-id').replace(/[^A-Za-z0-9_.-]/g, '_');
  return `${String(index + 1).padStart(5, '0')}-${safeJobId}.eml`;
}

/** Starts copying `sink.messages` into `directory` (created if missing). */
export function startMailboxWriter(sink: SmtpSink, directory: string): MailboxWriter {
  mkdirSync(directory, { recursive: true });
  let written = 0;
  const copyNew = (): void => {
    for (; written < sink.messages.length; written += 1) {
      const message = sink.messages[written];
      if (message !== undefined) writeFileSync(join(directory, mailFileName(written, message.jobId)), message.raw);
    }
  };
  const timer = setInterval(copyNew, COPY_INTERVAL_MS);
  return {
    stop() {
      clearInterval(timer);
      copyNew();
    },
  };
}
