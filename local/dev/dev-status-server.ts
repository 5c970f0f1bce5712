/**
 * A tiny HTTP server on 127.0.0.1 for `npm run dev`: `GET /status` answers with every component's
 * counters as JSON, so a client (curl, a test importing nothing of the project) can see that a
 * record reached a consumer with no observable output of its own, such as the dashboard.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running status server. */
export interface DevStatusServer {
  /** `http://127.0.0.1:<port>/status`. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the server on a free loopback port; `status` is read on every request. */
export async function startDevStatusServer(status: () => unknown): Promise<DevStatusServer> {
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/status') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(status()));
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found: try GET /status\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/status`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
