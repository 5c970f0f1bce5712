/**
 * `npm start -- --web` in a real browser (Debian's chromium, driven by playwright-core, which
 * downloads no browser): a small run, the page opened while it runs, then every figure on the page
 * checked against the run's --json-file, the five rows against the table's own function, the costs
 * against `npm run advise -- … --json`, and the page's layout at 1280 and 390 px. Skips with a
 * message where no Chromium is installed; under CI=true that is a failure.
 * SAVE_SCREENSHOTS=docs/screenshots also saves one PNG per pattern.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { adviseLineForRun } from '../../local/comparison/advise-command';
import type { ComparisonResult } from '../../local/comparison/comparison-result';
import type { ComparisonRun } from '../../local/comparison/comparison-run';
import { comparisonRunOf } from '../../local/comparison/comparison-run-of-result';
import { comparisonRows } from '../../local/comparison/comparison-table';
import { adviseCommandsOf } from '../../local/web/pattern-advice';

const REPOSITORY_ROOT = join(__dirname, '..', '..');
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path !== undefined && existsSync(path));
/** WEB_RUN_FLAGS="--jobs 1000 --events 2000" sizes a run for the README's screenshots. */
const RUN_FLAGS = process.env.WEB_RUN_FLAGS?.split(' ') ?? ['--jobs', '60', '--events', '300', '--workers', '2', '--partitions', '2', '--members', '3'];

if (CHROMIUM === undefined && process.env.CI !== 'true') {
  console.warn('live page browser test skipped: no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)');
}
const withChromium = CHROMIUM !== undefined || process.env.CI === 'true' ? describe : describe.skip;

/** Resolves with the first stdout match of `pattern`, reading as the child prints. */
function waitForLine(child: ChildProcess, pattern: RegExp, output: { text: string }): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const match = pattern.exec(output.text);
      if (match !== null) {
        child.stdout?.off('data', check);
        resolve(match);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before printing ${pattern}:\n${output.text}`)));
    check();
  });
}

/** A JSON pointer (`/email/perWorker/worker-1`) into the result. */
function atPointer(result: unknown, pointer: string): unknown {
  return pointer.split('/').slice(1).reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], result);
}

/** Samples what the live panels say until the run ends: each distinct text seen while it was running. */
async function liveStatesUntilFinished(page: Page): Promise<Set<string>> {
  const seen = new Set<string>();
  for (;;) {
    const sample = { phase: await page.locator('body').getAttribute('data-phase'), live: (await page.locator('[data-live]').allTextContents()).join(' | ') };
    if (sample.phase === 'finished' || sample.phase === 'failed') return seen;
    if (sample.phase === 'running') seen.add(sample.live);
    await page.waitForTimeout(250);
  }
}

withChromium('npm start -- --web in Chromium', () => {
  const folder = mkdtempSync(join(tmpdir(), 'qos-web-'));
  const jsonFile = join(folder, 'comparison.json');
  const output = { text: '' };
  let child: ChildProcess;
  let browser: Browser;
  let page: Page;
  let url: string;
  let liveStates: Set<string>;
  /** The --json-file, as written. */
  let result: unknown;
  /** The same JSON read back by the pattern registry, so the table's own functions can answer from it. */
  let run: ComparisonRun;

  beforeAll(async () => {
    if (CHROMIUM === undefined) throw new Error('CI=true: the live page must be tested in a browser; install Debian\'s chromium (.ci/run does)');
    child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--web', '--json-file', jsonFile, ...RUN_FLAGS], { cwd: REPOSITORY_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
    url = (await waitForLine(child, /live page: (http:\S+)/, output))[1] ?? '';
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The run synthesizes its stacks' templates in the same process early on: on a busy 2-core
    // machine the page's files can wait tens of seconds for the event loop (a ceiling, not a timing assertion).
    await page.goto(url, { timeout: 300_000 });
    liveStates = await liveStatesUntilFinished(page);
    await waitForLine(child, /live page still at/, output);
    result = JSON.parse(readFileSync(jsonFile, 'utf8')) as unknown;
    // Each registered pattern reads its part of the JSON back (as for a run against deployed stacks).
    run = comparisonRunOf(result as ComparisonResult);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves on 127.0.0.1 and changes while the run is going', () => {
    expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(liveStates.size).toBeGreaterThanOrEqual(2);
  });

  it('shows every figure exactly as the JSON result has it', async () => {
    const figures = await page.$$eval('[data-figure]', (elements) => elements.map((element) => ({
      pointer: element.getAttribute('data-figure') ?? '', format: element.getAttribute('data-figure-format'), text: element.textContent,
    })));
    expect(figures.length).toBeGreaterThan(30);
    for (const { pointer, format, text } of figures) {
      const value = atPointer(result, pointer);
      const expected = format === 'percent' ? `${((value as number) * 100).toFixed(1)} %` : String(value);
      expect({ pointer, text }).toEqual({ pointer, text: expected });
    }
  });

  it('draws each group\'s lag as the broker reports it, the analytics group\'s climbing after the SIGKILL and back at 0 by the end', async () => {
    const chart = page.locator('#kafka svg.chart[aria-label^="Lag per group chart"]');
    expect(await chart.count()).toBe(1);
    // One line per group that commits on the clickstream topic: the sessionizer's and the analytics group's.
    expect(await chart.locator('path').count()).toBe(2);
    expect(await page.textContent('#kafka [data-lag-group="analytics"]')).toBe('0');
    expect(await page.textContent('#kafka [data-lag-group="sessionizer"]')).toBe('0');
    // The line keeps every sample, so it shows the analytics group behind at some point of the run (the
    // paths are in group-name order: analytics first), whenever this test happened to look at the page.
    const baseline = Number(await chart.locator('line.axis').first().getAttribute('y1'));
    const analyticsPath = (await chart.locator('path').first().getAttribute('d')) ?? '';
    const ys = [...analyticsPath.matchAll(/[ML]\s*[\d.]+[ ,]([\d.]+)/g)].map((match) => Number(match[1]));
    expect(ys.length).toBeGreaterThan(1);
    expect(Math.min(...ys)).toBeLessThan(baseline);
  });

  it('answers the five questions with the rows of the table, line for line, one column per pattern the run reports', async () => {
    const headings = await page.$$eval('table.questions thead th[data-pattern]', (cells) => cells.map((cell) => ({ key: cell.getAttribute('data-pattern'), heading: cell.textContent })));
    expect(headings).toEqual(run.reports.map(({ key, heading }) => ({ key, heading })));
    const lines = await page.$$eval('[data-row]', (elements) => elements.map((element) => ({
      row: Number(element.getAttribute('data-row')), side: element.getAttribute('data-side') ?? '', line: Number(element.getAttribute('data-line')), text: element.textContent,
    })));
    const rows = comparisonRows(run);
    expect(lines).toHaveLength(rows.reduce((sum, row) => sum + Object.values(row.byPattern).reduce((cells, cell) => cells + cell.length, 0), 0));
    for (const { row, side, line, text } of lines) expect(text).toBe(rows[row]?.byPattern[side]?.[line]);
  });

  it('prices each pattern with the numbers npm run advise prints', async () => {
    const commands = await page.$$eval('[data-advice-command]', (elements) => elements.map((element) => ({ pattern: element.getAttribute('data-advice-command') ?? '', command: element.textContent ?? '' })));
    expect(await page.textContent('[data-advise-line]')).toBe(adviseLineForRun(run));
    expect(commands).toEqual(adviseCommandsOf(adviseLineForRun(run)));
    for (const { pattern, command } of commands) {
      const flags = command.replace('npm run advise -- ', '').split(' ');
      const cli = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'advisor/cli.ts', ...flags, '--json'], { cwd: REPOSITORY_ROOT, encoding: 'utf8' })) as { options: { option: string; monthlyUsd: number }[] };
      for (const option of cli.options) {
        expect(await page.textContent(`[data-advice="${pattern}/${option.option}"]`)).toBe(`USD ${option.monthlyUsd.toFixed(2)}`);
      }
    }
  });

  it('labels every chart for screen readers and reaches them by keyboard', async () => {
    const unlabeled = await page.$$eval('svg.chart', (charts) => charts.filter((chart) => chart.getAttribute('role') !== 'img' || (chart.getAttribute('aria-label') ?? '') === '').length);
    expect(unlabeled).toBe(0);
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string | null>('document.activeElement && document.activeElement.textContent')).toBe('Skip to the five questions');
  });

  it('puts the patterns side by side at 1280 px and stacks them at 390 px without sideways scrolling', async () => {
    const tops = (): Promise<number[]> => page.$$eval('.patterns > section', (panels) => panels.map((panel) => panel.getBoundingClientRect().top));
    const wide = await tops();
    expect(new Set(wide).size).toBe(1);
    await saveScreenshots(page);
    await page.setViewportSize({ width: 390, height: 844 });
    const narrow = await tops();
    expect(narrow).toEqual([...narrow].sort((a, b) => a - b));
    expect(new Set(narrow).size).toBe(3);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  });

  it('stays up after the run, and Ctrl-C stops it with the run\'s exit code', async () => {
    const announced = await page.locator('body').getAttribute('data-exit-code');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    expect(child.exitCode).toBeNull();
    child.kill('SIGINT');
    expect(String(await exited)).toBe(announced);
  });
});

/** One PNG per pattern panel, from this real run, when SAVE_SCREENSHOTS names a folder. */
async function saveScreenshots(page: Page): Promise<void> {
  const folder = process.env.SAVE_SCREENSHOTS;
  if (folder === undefined || folder === '') return;
  mkdirSync(join(REPOSITORY_ROOT, folder), { recursive: true });
  for (const pattern of ['sqs', 'kinesis', 'kafka']) {
    await page.locator(`#${pattern}`).screenshot({ path: join(REPOSITORY_ROOT, folder, `live-${pattern}.png`) });
  }
  await page.locator('#questions').screenshot({ path: join(REPOSITORY_ROOT, folder, 'live-five-questions.png') });
}
