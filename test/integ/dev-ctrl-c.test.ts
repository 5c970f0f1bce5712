/**
 * Ctrl-C on `npm run dev`, the way a terminal sends it: SIGINT to the whole process group (npm, the
 * dev process, and everything in its group). Records are put on the stream while the archive
 * buffers for 900 s, so at the Ctrl-C they are held only in the archive runner's buffer. The stop
 * must deliver them to the bucket before the emulators stop, and exit 0.
 *
 * The bucket is read after the run from fauxqs' file storage (FAUXQS_S3_STORAGE_DIR): nothing of the
 * project is imported, and the check needs no emulator still running.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { gunzipSync } from 'node:zlib';

interface ReadyLine {
  statusUrl: string;
  components: { clickstream: { endpoints: { kinesis: string }; streams: { clickstream: string }; buckets: { archive: string } } };
}

interface Status {
  clickstream: { archive: { recordsRead: number; recordsDelivered: number } };
}

const REPOSITORY_ROOT = join(__dirname, '..', '..');
const RECORDS = 400;
const RUN = `ctrl-c-${Date.now()}`;

/** Every file under `directory`, recursively. */
function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The event ids in every gzipped archive object stored under `directory` (fauxqs keeps an object's body in `<key>.data`). */
function archivedEventIds(directory: string): string[] {
  return filesUnder(directory)
    .filter((path) => path.endsWith('.gz.data'))
    .flatMap((path) =>
      gunzipSync(readFileSync(path))
        .toString('utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => (JSON.parse(line) as { eventId: string }).eventId),
    );
}

async function waitForStatus(url: string, done: (status: Status) => boolean, timeoutMs = 60_000): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await (await fetch(url)).json()) as Status;
    if (done(status) || Date.now() > deadline) return status;
    await sleep(250);
  }
}

describe('npm run dev stopped with Ctrl-C (SIGINT to its process group)', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'qos-dev-ctrl-c-'));
  const s3Dir = join(workDir, 's3');
  let dev: ChildProcess | undefined;

  afterAll(() => {
    if (dev?.pid !== undefined && dev.exitCode === null && dev.signalCode === null) process.kill(-dev.pid, 'SIGKILL');
    rmSync(workDir, { recursive: true, force: true });
  });

  it('delivers every buffered archive record to the bucket, stops the emulators after that, and exits 0', async () => {
    // A process group leader, as a shell makes a foreground job.
    dev = spawn('npm', ['run', '--silent', 'dev', '--', '--json', '--archive-buffering-seconds', '900', '--mailbox', join(workDir, 'mail')], {
      cwd: REPOSITORY_ROOT,
      detached: true,
      env: { ...process.env, FAUXQS_S3_STORAGE_DIR: s3Dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child = dev;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-6000);
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines = createInterface({ input: child.stdout! });
    const ready = await new Promise<ReadyLine>((resolve, reject) => {
      lines.on('line', (line) => {
        if (line.startsWith('{')) resolve(JSON.parse(line) as ReadyLine);
      });
      void exited.then((code) => reject(new Error(`npm run dev exited (${code}) before it was ready: ${stderr}`)));
    });

    const { clickstream } = ready.components;
    const kinesis = new KinesisClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      endpoint: clickstream.endpoints.kinesis,
      requestHandler: new NodeHttpHandler(),
    });
    const eventIds = Array.from({ length: RECORDS }, (_, index) => `${RUN}-${index}`);
    for (let offset = 0; offset < RECORDS; offset += 200) {
      const put = await kinesis.send(
        new PutRecordsCommand({
          StreamName: clickstream.streams.clickstream,
          Records: eventIds.slice(offset, offset + 200).map((eventId, index) => ({
            Data: Buffer.from(JSON.stringify({ eventId, type: 'page_view', userId: `user-${index % 7}`, page: '/', timestamp: new Date().toISOString() })),
            PartitionKey: `user-${index % 7}`,
          })),
        }),
      );
      expect(put.FailedRecordCount ?? 0).toBe(0);
    }
    kinesis.destroy();

    // Read by the archive, and still only in its buffer (900 s interval).
    const before = await waitForStatus(ready.statusUrl, (status) => status.clickstream.archive.recordsRead >= RECORDS);
    expect(before.clickstream.archive).toMatchObject({ recordsRead: RECORDS, recordsDelivered: 0 });

    process.kill(-(child.pid ?? 0), 'SIGINT');
    expect(await exited).toBe(0);

    expect(archivedEventIds(s3Dir).sort()).toEqual([...eventIds].sort());
    expect(stderr).not.toMatch(/failed to stop/);
  }, 400_000);
});
