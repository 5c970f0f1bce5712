/** The live page's server: loopback only, its fixed files, the run's events as Server-Sent Events, and a close that ends open streams. */
import { request } from 'node:http';
import { LiveEventHub } from '../../local/web/live-event-hub';
import { LivePageServer } from '../../local/web/live-page-server';

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

function get(url: string, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const call = request(url, { method, agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    call.once('error', reject);
    call.end();
  });
}

/** Reads an event stream until `count` events arrived (or the server ended it). */
function readEvents(url: string, count: number, onOpen: () => void): Promise<{ events: unknown[]; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const events: unknown[] = [];
    const call = request(url, (response) => {
      let buffer = '';
      onOpen();
      response.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          if (data !== undefined) events.push(JSON.parse(data));
          if (events.length === count) {
            call.destroy();
            resolve({ events, ended: false });
          }
        }
      });
      // Ended by the server: cleanly ('end') or with its socket closed ('close').
      response.on('end', () => resolve({ events, ended: true }));
      response.on('close', () => resolve({ events, ended: true }));
    });
    call.once('error', reject);
    call.end();
  });
}

describe('LivePageServer', () => {
  let hub: LiveEventHub;
  let server: LivePageServer;
  beforeEach(async () => {
    let clock = 1_000;
    hub = new LiveEventHub(() => (clock += 250));
    server = await LivePageServer.start(hub);
  });
  afterEach(() => server.close());

  it('listens on 127.0.0.1 only, on a port the system chose', () => {
    expect(server.address.address).toBe('127.0.0.1');
    expect(server.address.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.address.port}/`);
  });

  it('serves the page and its scripts with a policy that allows nothing from elsewhere', async () => {
    const page = await get(server.url);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.body).toContain('<script type="module" src="/app.js">');
    expect(page.body).not.toMatch(/https?:\/\//);
    const script = await get(`${server.url}app.js`);
    expect([script.status, script.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
  });

  it('answers 404 outside its files and 405 to anything but GET', async () => {
    expect((await get(`${server.url}..%2fpackage.json`)).status).toBe(404);
    expect((await get(`${server.url}live-page-server.ts`)).status).toBe(404);
    expect((await get(server.url, 'POST')).status).toBe(405);
  });

  it('sends the history first, then each new event, numbered and timed from the run start', async () => {
    hub.emit({ kind: 'kinesis-produced', written: 10, total: 100 });
    const reading = readEvents(`${server.url}events`, 2, () => setImmediate(() => hub.emit({ kind: 'kafka-member-killed', memberId: 'member-2', sessionTimeoutMs: 6000 })));
    const { events } = await reading;
    expect(events).toEqual([
      { kind: 'kinesis-produced', written: 10, total: 100, seq: 1, atMs: 250 },
      { kind: 'kafka-member-killed', memberId: 'member-2', sessionTimeoutMs: 6000, seq: 2, atMs: 500 },
    ]);
  });

  it('close ends an open event stream and stops listening', async () => {
    let closed: Promise<void> = Promise.resolve();
    const reading = readEvents(`${server.url}events`, 99, () => setImmediate(() => (closed = server.close())));
    expect((await reading).ended).toBe(true);
    await closed;
    await expect(get(server.url)).rejects.toThrow(/ECONNREFUSED/);
  });
});
