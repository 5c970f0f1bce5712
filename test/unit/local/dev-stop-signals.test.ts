import { EventEmitter } from 'node:events';
import { untilStopSignal } from '../../../local/dev/stop-signals';

/** A signal source and a clock the test moves by hand. */
function harness() {
  const source = new EventEmitter();
  let nowMs = 0;
  const forced: number[] = [];
  const stop = untilStopSignal({ source, now: () => nowMs, echoWindowMs: 2_000, onRepeatedInterrupt: () => forced.push(nowMs) });
  return { source, stop, forced, advance: (ms: number) => (nowMs += ms) };
}

describe('untilStopSignal', () => {
  it('resolves with the first SIGINT and takes npm\'s forwarded copy of it for the same Ctrl-C', async () => {
    const { source, stop, forced, advance } = harness();
    source.emit('SIGINT');
    advance(5);
    source.emit('SIGINT');
    expect(await stop).toBe('SIGINT');
    expect(forced).toEqual([]);
  });

  it('quits at once on a second Ctrl-C after the echo window', async () => {
    const { source, stop, forced, advance } = harness();
    source.emit('SIGINT');
    await stop;
    advance(2_001);
    source.emit('SIGINT');
    expect(forced).toEqual([2_001]);
  });

  it('resolves with SIGTERM, and a later SIGTERM does not cut the stop short', async () => {
    const { source, stop, forced, advance } = harness();
    source.emit('SIGTERM');
    expect(await stop).toBe('SIGTERM');
    advance(10_000);
    source.emit('SIGTERM');
    expect(forced).toEqual([]);
  });
});
