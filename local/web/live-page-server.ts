/**
 * The live page's HTTP server: the page's static files from assets/ and the run's events as
 * Server-Sent Events on /events. It listens on 127.0.0.1 only, on a free port, and the code that
 * starts it closes it (open event streams included, so close never waits on a browser).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import type { LiveEventHub } from './live-event-hub';

/** Where the page's files are. */
export const ASSETS_FOLDER = join(__dirname, 'assets');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Everything from this server, nothing from elsewhere: the page works offline and loads no CDN. */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/** The page's files, read once: a fixed set, so no request path reaches the file system. */
function loadAssets(folder: string): Map<string, { readonly body: Buffer; readonly type: string }> {
  const assets = new Map<string, { readonly body: Buffer; readonly type: string }>();
  for (const name of readdirSync(folder)) {
    const type = CONTENT_TYPES[extname(name)];
    if (type !== undefined) assets.set(name === 'index.html' ? '/' : `/${name}`, { body: readFileSync(join(folder, name)), type });
  }
  return assets;
}

/** A running live page. */
export class LivePageServer {
  private readonly streams = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    /** The address the socket is bound to. */
    readonly address: AddressInfo,
  ) {}

  /** Listens on 127.0.0.1 on a free port. @param folder the page's files @default ASSETS_FOLDER */
  static async start(hub: LiveEventHub, folder: string = ASSETS_FOLDER): Promise<LivePageServer> {
    const assets = loadAssets(folder);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
    });
    const page = new LivePageServer(server, server.address() as AddressInfo);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => page.handle(request, response, hub, assets));
    return page;
  }

  /** The page's URL. */
  get url(): string {
    return `http://127.0.0.1:${this.address.port}/`;
  }

  private handle(request: IncomingMessage, response: ServerResponse, hub: LiveEventHub, assets: ReturnType<typeof loadAssets>): void {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (request.method !== 'GET') {
      response.writeHead(405, { allow: 'GET' }).end();
    } else if (path === '/events') {
      this.stream(request, response, hub);
    } else {
      const asset = assets.get(path);
      if (asset === undefined) response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      else response.writeHead(200, { 'content-type': asset.type, ...SECURITY_HEADERS }).end(asset.body);
    }
  }

  /** One Server-Sent Events stream: the history, then each event as it happens. */
  private stream(request: IncomingMessage, response: ServerResponse, hub: LiveEventHub): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    // Now, not with the first event: the page's EventSource counts as open only once it has the headers.
    response.flushHeaders();
    this.streams.add(response);
    const unsubscribe = hub.subscribe((event) => response.write(`id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`));
    request.once('close', () => {
      unsubscribe();
      this.streams.delete(response);
    });
  }

  /** Ends the open event streams and stops listening. */
  async close(): Promise<void> {
    for (const response of this.streams) response.end();
    this.streams.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}
