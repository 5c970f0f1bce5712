/**
 * `--web`'s lifecycle: nothing without the flag; with it, the page is up during the run, stays up
 * after it until SIGINT, and is closed on every path, a run that throws included.
 */
import { request } from 'node:http';
import { comparisonRun } from '../factories/comparison-result';
import type { LivePage } from '../../local/web/live-page';
import { NO_LIVE_PAGE } from '../../local/web/live-page';
import { withLivePage } from '../../local/web/with-live-page';

function status(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const call = request(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    call.once('error', reject);
    call.end();
  });
}

const urlOf = (lines: readonly string[]): string => /live page: (\S+)/.exec(lines.join('\n'))?.[1] ?? 'no URL printed';

describe('withLivePage', () => {
  it('without the flag runs with no page and prints nothing', async () => {
    const said: string[] = [];
    let given: LivePage | undefined;
    const code = await withLivePage(false, (line) => said.push(line), async (page) => {
      given = page;
      return 1;
    });
    expect([code, given, said]).toEqual([1, NO_LIVE_PAGE, []]);
  });

  it('serves during the run, waits for SIGINT after it, then closes and returns the run\'s code', async () => {
    const said: string[] = [];
    let duringRun = 0;
    const ending = withLivePage(true, (line) => said.push(line), async (page) => {
      duringRun = await status(urlOf(said));
      page.finished(comparisonRun(), 0);
      return 0;
    });
    while (!said.some((line) => line.includes('Ctrl-C'))) await new Promise((resolve) => setImmediate(resolve));
    expect(await status(urlOf(said))).toBe(200);
    process.emit('SIGINT');
    expect(await ending).toBe(0);
    expect(duringRun).toBe(200);
    await expect(status(urlOf(said))).rejects.toThrow(/ECONNREFUSED/);
  });

  it('closes the page when the run throws, and passes the error on', async () => {
    const said: string[] = [];
    await expect(withLivePage(true, (line) => said.push(line), async () => {
      throw new Error('emulator did not start');
    })).rejects.toThrow('emulator did not start');
    await expect(status(urlOf(said))).rejects.toThrow(/ECONNREFUSED/);
  });
});
