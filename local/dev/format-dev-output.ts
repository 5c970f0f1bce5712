/** What `npm run dev` prints when ready: for people (text) and for programs (one JSON line). Pure. */
import type { DevDescription } from './dev-component';
import type { RunningDev } from './start-dev';

/** The machine-readable ready line of `--json`. */
export interface DevReadyLine {
  readonly ready: true;
  readonly statusUrl: string;
  /** The live page (`--web`). @default undefined: no page */
  readonly livePageUrl?: string;
  readonly components: Readonly<Record<string, DevDescription>>;
}

export function devReadyLine(dev: Pick<RunningDev, 'components' | 'statusUrl' | 'livePageUrl'>): DevReadyLine {
  return { ready: true, statusUrl: dev.statusUrl, ...(dev.livePageUrl === undefined ? {} : { livePageUrl: dev.livePageUrl }), components: dev.components };
}

function section(title: string, entries: Readonly<Record<string, string>> | undefined): string[] {
  if (entries === undefined || Object.keys(entries).length === 0) return [];
  const width = Math.max(...Object.keys(entries).map((key) => key.length));
  return [`  ${title}:`, ...Object.entries(entries).map(([key, value]) => `    ${key.padEnd(width)}  ${value}`)];
}

/** The text a person reads. */
export function formatDevOutput(dev: Pick<RunningDev, 'components' | 'statusUrl' | 'livePageUrl'>): string {
  const lines: string[] = ['npm run dev: ready. Ctrl-C stops everything it started.', ''];
  for (const [name, description] of Object.entries(dev.components)) {
    if (description.skipped !== undefined) {
      lines.push(`${name}`, `  skipped: ${description.skipped}`, '');
      continue;
    }
    lines.push(
      `${name}`,
      ...section('endpoints', description.endpoints),
      ...section('queues', description.queues),
      ...section('streams', description.streams),
      ...section('topics', description.topics),
      ...section('tables', description.tables),
      ...section('buckets', description.buckets),
      ...(description.mailbox === undefined ? [] : [`  mailbox (SMTP sink, one .eml per mail): ${description.mailbox}`]),
      ...section('consumers', description.consumers),
      '  try:',
      ...description.examples.map((example) => `    ${example}`),
      '',
    );
  }
  lines.push(`status of every consumer: curl ${dev.statusUrl}`);
  if (dev.livePageUrl !== undefined) lines.push(`live page of your traffic: ${dev.livePageUrl}`);
  return lines.join('\n');
}
