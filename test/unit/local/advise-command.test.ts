import { adviseLineForRun } from '../../../local/comparison/advise-command';
import { adviseCommandFor } from '../../../local/patterns/observed-workload';
import { sampleClickstreamRecordBytes } from '../../../local/patterns/clickstream-traffic';
import { parseAdviseFlags } from '../../../advisor/flags';
import { comparisonResult, comparisonRun } from '../../factories/comparison-result';
import { kafkaComparison } from '../../factories/kafka-comparison';

describe('adviseCommandFor', () => {
  it('turns observed figures into a command the advisor parses back to the same workload', () => {
    const command = adviseCommandFor({ recordBytes: 180.4, consumers: 3, ordering: 'per-key', work: 'event', replayHours: 24 });
    expect(command).toBe('npm run advise -- --rate 100/s --size 181B --consumers 3 --order per-key --work event --replay 24h');
    const { workload } = parseAdviseFlags(command.replace('npm run advise -- ', '').split(' '));
    expect(workload).toMatchObject({ recordBytes: 181, consumers: 3, ordering: 'per-key', work: 'event', replaySeconds: 86_400 });
  });

  it('passes the observed work time, which the advisor reads back', () => {
    const command = adviseCommandFor({ recordBytes: 120, consumers: 1, ordering: 'none', work: 'task', workMs: 212.3 });
    expect(command).toContain('--work-time 213ms');
    expect(parseAdviseFlags(command.replace('npm run advise -- ', '').split(' ')).workload.workSeconds).toBeCloseTo(0.213, 9);
  });

  it('leaves out --replay when the pattern needed none', () => {
    expect(adviseCommandFor({ recordBytes: 120, consumers: 1, ordering: 'none', work: 'task' })).not.toContain('--replay');
  });

  it.each([
    [{ recordBytes: 0, consumers: 1 }],
    [{ recordBytes: 10, consumers: 0 }],
    [{ recordBytes: 10, consumers: 1.5 }],
  ])('rejects impossible observations %j', (figures) => {
    expect(() => adviseCommandFor({ ...figures, ordering: 'none', work: 'task' })).toThrow(RangeError);
  });
});

describe('adviseLineForRun', () => {
  it('describes every pattern of a run: the email task queue and the clickstream with its readers', () => {
    const line = adviseLineForRun(comparisonRun());
    expect(line).toMatch(/email: npm run advise -- .*--consumers 1 --order none --work task/);
    expect(line).toMatch(/clickstream: npm run advise -- .*--consumers 3 --order per-key --work event --replay 24h/);
    expect(line).toContain(`--size ${Math.ceil(sampleClickstreamRecordBytes())}B`);
  });

  it('counts only the readers the run had', () => {
    const base = comparisonResult();
    const line = adviseLineForRun(comparisonRun(comparisonResult({ clickstream: { consumers: { ...base.clickstream.consumers, replay: null } } })));
    expect(line).toMatch(/clickstream: .*--consumers 2 --order per-key --work event$/);
  });

  it('includes the Kafka clickstream with its consumer groups when it ran, and leaves it out when it did not', () => {
    const ran = adviseLineForRun(comparisonRun({ ...comparisonResult(), kafka: kafkaComparison() }));
    const notRun = adviseLineForRun(comparisonRun({ ...comparisonResult(), kafka: { notRun: 'no Java', required: false } }));

    expect(ran).toMatch(/kafka: npm run advise -- .*--consumers 3 --order per-key --work event --replay 24h$/);
    expect(notRun).not.toContain('kafka:');
  });
});
