// Child-process entry for the SQS emulator, so it gets its own event loop (and core).
// fauxqs binds 0.0.0.0 (hard-coded); every client we configure talks to 127.0.0.1 only.
import { startFauxqs } from 'fauxqs';

const port = Number(process.env.FAUXQS_PORT);
const server = await startFauxqs({ port, logger: false, host: '127.0.0.1' });
const shutdown = () => server.stop().finally(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
