// Preloaded (`node --import`) into every Node emulator that local/emulators/owned-child.ts starts,
// before the emulator's own code runs:
// - Loopback only. fauxqs hard-codes host 0.0.0.0 (it ignores its host option) and kinesis-local
//   binds every interface; anyone on the network could then create, read or delete queues, streams
//   and objects. Every TCP listen in this process is rewritten to 127.0.0.1 (unix sockets and
//   inherited handles are left alone).
// - Dies with its parent. The child runs in its own process group (so a terminal's Ctrl-C reaches
//   only the parent, which stops it in order), so nothing else would end it if the parent were
//   SIGKILLed: the IPC channel to the parent closes then, and this exits.
import net from 'node:net';

const LOOPBACK = '127.0.0.1';

/** The listen arguments, with any TCP host replaced by 127.0.0.1. */
function loopbackListenArguments(args) {
  const [first] = args;
  const callback = args.find((argument) => typeof argument === 'function');
  const tail = callback === undefined ? [] : [callback];
  if (first !== null && typeof first === 'object') {
    // listen(handle) / listen({ fd }) / listen({ path }): not a TCP address.
    if (first.port === undefined && first.host === undefined) return args;
    if (first.path !== undefined) return args;
    return [{ ...first, host: LOOPBACK, ipv6Only: false }, ...tail];
  }
  // listen(path[, backlog][, callback]): a unix socket.
  if (typeof first === 'string' && !/^\d+$/.test(first)) return args;
  // listen([port[, host[, backlog]]][, callback])
  const backlog = args.slice(1).find((argument) => typeof argument === 'number');
  return [{ port: first === undefined || typeof first === 'function' ? 0 : Number(first), host: LOOPBACK, ...(backlog === undefined ? {} : { backlog }) }, ...tail];
}

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  return listen.apply(this, loopbackListenArguments(args));
};

if (process.channel !== undefined) {
  // The channel must not keep an emulator alive that would otherwise exit.
  process.channel.unref();
  process.once('disconnect', () => process.exit(1));
}
