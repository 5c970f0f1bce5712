/** The flags of `npm run dev`, parsed and checked; every mistake is a UsageError naming the flag. */
import { join } from 'node:path';
import { REPOSITORY_ROOT } from '../email/consumer-processes';
import { integerFlag } from '../start-options';
import { parseFlags } from '../../runtime/shared/parse-flags';

/** What `npm run dev` runs, from its flags. */
export interface DevOptions {
  /** Print one JSON line when ready (everything else goes to stderr). @default false */
  readonly json: boolean;
  /** Serve the live page on a free 127.0.0.1 port, fed by what dev observes. @default false */
  readonly web: boolean;
  /** The archive's buffering interval, in seconds. @default undefined (the stack's 300 s) */
  readonly archiveBufferingSeconds: number | undefined;
  /** Folder for captured mail. @default `.local-state/mailbox/<start time>/` in the repository */
  readonly mailboxDir: string;
  readonly help: boolean;
}

export const DEV_USAGE = `usage: npm run dev -- [--json] [--web] [--archive-buffering-seconds N] [--mailbox DIR]
  --json                         print one JSON line when ready (logs go to stderr)
  --web                          a live page on 127.0.0.1 of what your clients' traffic does
  --archive-buffering-seconds N  Firehose buffering interval, 1-900 (default: the stack's, 300)
  --mailbox DIR                  where captured mail is written (default .local-state/mailbox/<start time>/)
Stops everything it started on Ctrl-C or SIGTERM.`;

/** Firehose's BufferingHints.IntervalInSeconds range is 0-900 (Firehose API reference); 0 would flush per batch. */
const BUFFERING_SECONDS = { min: 1, max: 900 } as const;

/** `.local-state/mailbox/2026-12-02T06-40-00Z`: one folder per run, so runs never mix their mail. */
export function defaultMailboxDir(startedAt: Date): string {
  const stamp = startedAt.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  return join(REPOSITORY_ROOT, '.local-state', 'mailbox', stamp);
}

/** Parses `npm run dev` flags. */
export function parseDevOptions(argv: readonly string[], startedAt = new Date()): DevOptions {
  const values = parseFlags(argv, { json: { type: 'boolean' }, web: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, 'archive-buffering-seconds': { type: 'string' }, mailbox: { type: 'string' } });
  const rawSeconds = values['archive-buffering-seconds'];
  return {
    json: values.json ?? false,
    web: values.web ?? false,
    help: values.help ?? false,
    archiveBufferingSeconds:
      rawSeconds === undefined ? undefined : integerFlag('archive-buffering-seconds', rawSeconds, 0, BUFFERING_SECONDS.min, BUFFERING_SECONDS.max),
    mailboxDir: values.mailbox ?? defaultMailboxDir(startedAt),
  };
}
