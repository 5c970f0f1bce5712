/**
 * `npm run dev -- --web` in a real browser (Debian's chromium through playwright-core): dev started
 * as a terminal would (its own process group), the page opened, then traffic sent the way an outside
 * client sends it (SQS jobs, Kinesis records with one partition key). The page must draw it while
 * dev runs, and Ctrl-C (SIGINT to the group) must stop dev with 0 and tell the page. Skips with a
 * message where no Chromium is installed; under CI=true that is a failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { chromium, type Browser, type Page } from 'playwright-core';

const REPOSITORY_ROOT = join(__dirname, '..', '..');
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path !== undefined && existsSync(path));
const JOBS = 3;
const RECORDS = 20;
const CLIENT = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, requestHandler: new NodeHttpHandler() };

interface ReadyLine {
  livePageUrl: string;
  components: {
    email: { endpoints: { sqs: string }; queues: { jobs: string } };
    clickstream: { endpoints: { kinesis: string }; streams: { clickstream: string } };
  };
}

if (CHROMIUM === undefined && process.env.CI !== 'true') {
  console.warn('dev live page browser test skipped: no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)');
}
const withChromium = CHROMIUM !== undefined || process.env.CI === 'true' ? describe : describe.skip;

/** The ready line dev prints on stdout under --json. */
function readyLineOf(child: ChildProcess, exited: Promise<number | null>, stderr: () => string): Promise<ReadyLine> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{')) resolve(JSON.parse(line) as ReadyLine);
    });
    void exited.then((code) => reject(new Error(`npm run dev exited (${code}) before it was ready: ${stderr()}`)));
  });
}

async function sendTraffic(ready: ReadyLine, run: string): Promise<void> {
  const { email, clickstream } = ready.components;
  const sqs = new SQSClient({ ...CLIENT, endpoint: email.endpoints.sqs });
  const kinesis = new KinesisClient({ ...CLIENT, endpoint: clickstream.endpoints.kinesis });
  try {
    await sqs.send(new SendMessageBatchCommand({
      QueueUrl: email.queues.jobs,
      Entries: Array.from({ length: JOBS }, (_, index) => ({ Id: `job${index}`, MessageBody: JSON.stringify({ jobId: `${run}-${index}`, to: 'you@example.com', subject: 'Hello', body: 'from the dev page test' }) })),
    }));
    // One partition key: every record on one shard, so one lane fills.
    const put = await kinesis.send(new PutRecordsCommand({
      StreamName: clickstream.streams.clickstream,
      Records: Array.from({ length: RECORDS }, (_, index) => ({
        Data: Buffer.from(JSON.stringify({ eventId: `${run}-${index}`, type: 'page_view', userId: 'user-1', page: '/', timestamp: new Date().toISOString() })),
        PartitionKey: 'user-1',
      })),
    }));
    expect(put.FailedRecordCount ?? 0).toBe(0);
  } finally {
    sqs.destroy();
    kinesis.destroy();
  }
}

const liveText = (page: Page, pattern: string): Promise<string> => page.locator(`[data-live="${pattern}"]`).innerText();

/** Waits until the text of `selector` contains `text` (read from the test: the page's CSP allows no evaluated strings). */
async function untilText(page: Page, selector: string, text: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = (await page.locator(selector).textContent()) ?? '';
    if (shown.includes(text)) return;
    if (Date.now() > deadline) throw new Error(`${selector} never said "${text}"; it says "${shown}"`);
    await page.waitForTimeout(250);
  }
}

withChromium('npm run dev -- --web in Chromium', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'qos-dev-web-'));
  let dev: ChildProcess | undefined;
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    if (dev?.pid !== undefined && dev.exitCode === null && dev.signalCode === null) process.kill(-dev.pid, 'SIGKILL');
    rmSync(workDir, { recursive: true, force: true });
  });

  it('draws what an outside client sends while dev runs, and Ctrl-C stops dev and tells the page', async () => {
    if (CHROMIUM === undefined) throw new Error('CI=true: the dev live page must be tested in a browser; install Debian\'s chromium (.ci/run does)');
    dev = spawn('npm', ['run', '--silent', 'dev', '--', '--json', '--web', '--archive-buffering-seconds', '1', '--mailbox', join(workDir, 'mail')], {
      cwd: REPOSITORY_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child = dev;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-6000)));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const ready = await readyLineOf(child, exited, () => stderr);
    expect(new URL(ready.livePageUrl).hostname).toBe('127.0.0.1');

    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(ready.livePageUrl);
    await untilText(page, '#status', 'npm run dev: live');
    const before = { sqs: await liveText(page, 'sqs'), kinesis: await liveText(page, 'kinesis') };

    await sendTraffic(ready, `dev-web-${Date.now()}`);
    // The workers deliver the jobs (mail captured) and the processor handles the records; the page draws both.
    await untilText(page, '[data-live="sqs"]', `delivered ${JOBS} `);
    await untilText(page, '[data-live="kinesis"]', `processor ${RECORDS}`);
    const lanes = await page.locator('ul[aria-label="records per shard"] .bar-value').allInnerTexts();
    expect(lanes.map(Number).sort((a, b) => b - a)[0]).toBe(RECORDS);
    expect(await liveText(page, 'sqs')).not.toBe(before.sqs);
    expect(await liveText(page, 'kinesis')).not.toBe(before.kinesis);
    await saveScreenshot(page);

    process.kill(-(child.pid ?? 0), 'SIGINT');
    await untilText(page, '#status', 'npm run dev: stopped', 60_000);
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/failed to stop/);
  }, 400_000);
});

/** The dev page after the traffic, when SAVE_SCREENSHOTS names a folder. */
async function saveScreenshot(page: Page): Promise<void> {
  const folder = process.env.SAVE_SCREENSHOTS;
  if (folder === undefined || folder === '') return;
  await page.locator('.patterns').screenshot({ path: join(REPOSITORY_ROOT, folder, 'live-dev.png') });
}
