// Child-process entry for the SQS emulator, so it gets its own event loop (and core).
// fauxqs hard-codes host 0.0.0.0 whatever `host` says; the preloaded owned-child-guard.mjs
// rewrites that listen to 127.0.0.1.
// FAUXQS_S3_STORAGE_DIR (optional): S3 objects are also files under that folder, so what a run
// archived can be read after the emulator has stopped.
import { startFauxqs } from 'fauxqs';

const port = Number(process.env.FAUXQS_PORT);
const s3StorageDir = process.env.FAUXQS_S3_STORAGE_DIR || undefined;
const server = await startFauxqs({ port, logger: false, host: '127.0.0.1', ...(s3StorageDir === undefined ? {} : { s3StorageDir }) });
// SIGTERM from the parent, which stops its consumers first; Ctrl-C reaches only the parent's group.
process.on('SIGTERM', () => server.stop().finally(() => process.exit(0)));
