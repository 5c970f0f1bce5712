import { parseAdviseFlags } from '../../../advisor/flags';
import { UsageError } from '../../../runtime/shared/errors';

describe('parseAdviseFlags', () => {
  it('reads the issue example into a workload', () => {
    const { workload } = parseAdviseFlags(['--rate', '2000/s', '--size', '3KB', '--consumers', '3', '--order', 'per-key', '--replay', '24h', '--retention', '7d', '--peak', '5x']);
    expect(workload).toEqual({ ratePerSecond: 2000, peakFactor: 5, recordBytes: 3000, consumers: 3, ordering: 'per-key', work: 'event', replaySeconds: 86_400, retentionSeconds: 604_800, workSeconds: 0, sendBatch: 1, aggregation: 'auto', keyBacklog: 1 });
  });

  it('reads the work time and the producer batching', () => {
    const { workload } = parseAdviseFlags(['--rate', '200/s', '--size', '4KB', '--work-time', '500ms', '--send-batch', '10']);
    expect(workload).toMatchObject({ workSeconds: 0.5, sendBatch: 10 });
  });

  it('--prices needs no workload', () => {
    expect(parseAdviseFlags(['--prices']).listPrices).toBe(true);
  });

  it('defaults to a task for one consumer and an event for several', () => {
    expect(parseAdviseFlags(['--rate', '1/s', '--size', '1KB']).workload.work).toBe('task');
    expect(parseAdviseFlags(['--rate', '1/s', '--size', '1KB', '--consumers', '2']).workload.work).toBe('event');
  });

  it.each([
    [['--size', '1KB'], /--rate is required/],
    [['--rate', '1/s', '--size', '1KB', '--order', 'global'], /"global" is not one of none \| per-key \| strict/],
    [['--rate', '1/s', '--size', '1KB', '--work', 'task', '--consumers', '3'], /contradicts itself/],
    [['--rate', '1/s', '--size', '1KB', '--work', 'task', '--replay', '1h'], /contradicts itself/],
    [['--rate', '1/s', '--size', '1KB', '--json', '--explain'], /contradict each other/],
    [['--rate', '1/s', '--size', '1KB', '--chart', 'out.png'], /must end in \.svg/],
    [['--rate', '1/s', '--size', '1KB', '--consumers', '0'], /below the minimum of 1/],
    [['--rate', '1/s', '--size', '1KB', '--colour'], /Unknown flag --colour/],
    [['--rate', '1/s', '--size', '1KB', '--send-batch', '11'], /above 10/],
    [['--rate', '1/s', '--size', '1KB', '--work-time', 'slow'], /not a duration/],
  ])('rejects %j', (argv, message) => {
    const parse = (): unknown => parseAdviseFlags(argv);
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });
});
