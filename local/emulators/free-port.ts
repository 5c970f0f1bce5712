import { createServer } from 'node:net';

/** Asks the OS for a free TCP port on loopback (bind to 0, read it back, release it). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read back a free loopback port'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
