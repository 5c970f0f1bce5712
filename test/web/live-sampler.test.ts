/** What npm run dev's live page is sent: news only, plus a heartbeat so a quiet series still draws flat. */
import { changeFilter, observationKey } from '../../local/dev/live-sampler';
import { emailLiveEvents } from '../../local/web/email-live-events';
import { LiveEventHub } from '../../local/web/live-event-hub';
import type { RunObservation } from '../../local/web/live-observation';

describe('changeFilter', () => {
  it('passes a change at once, a repeat only after the heartbeat, each shard on its own', () => {
    let clock = 0;
    const isNews = changeFilter(5_000, () => clock);
    const shard = (shardId: string, records: number): RunObservation => ({ kind: 'kinesis-shard', shardId, records });
    expect([isNews(shard('a', 1)), isNews(shard('b', 1)), isNews(shard('a', 1)), isNews(shard('a', 2))]).toEqual([true, true, false, true]);
    clock = 4_999;
    expect(isNews(shard('a', 2))).toBe(false);
    clock = 5_000;
    expect(isNews(shard('a', 2))).toBe(true);
    expect(observationKey({ kind: 'kafka-partition', partition: 3, records: 1 })).toBe('kafka-partition:3');
  });
});

describe('LiveEventHub with a history limit', () => {
  it('keeps the first event and the latest ones, numbering on', () => {
    const hub = new LiveEventHub(() => 0, 3);
    hub.emit({ kind: 'dev-started', components: ['email'] });
    for (let written = 1; written <= 4; written += 1) hub.emit({ kind: 'kinesis-produced', written, total: 4 });
    expect(hub.events().map((event) => event.seq)).toEqual([1, 4, 5]);
    expect(hub.events()[0]?.kind).toBe('dev-started');
  });
});

describe('emailLiveEvents', () => {
  it('sends the counts and the depth every check, and a worker added when the count goes up', () => {
    const sent: RunObservation[] = [];
    const live = emailLiveEvents({ emit: (observation) => sent.push(observation) });
    const check = (workers: number, visible: number) => live({ accountedFor: 1, total: 10, delivered: 1, deadLettered: 0, workers, visible, inFlight: 2 });
    check(1, 250);
    check(2, 240);
    check(2, 100);
    expect(sent.filter((observation) => observation.kind === 'sqs-worker-added')).toEqual([{ kind: 'sqs-worker-added', backlog: 240, workers: 2 }]);
    expect(sent.filter((observation) => observation.kind === 'sqs-depth')).toHaveLength(3);
    expect(sent[1]).toEqual({ kind: 'sqs-depth', visible: 250, inFlight: 2, workers: 1 });
  });
});
