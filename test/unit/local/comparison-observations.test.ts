/** The pure observers behind the comparison's figures: delivery order, retry log lines, backlog scaling, shard shares. */
import { deliveredAfterPoison, hotKeyShare, recordsPerShard } from '../../../local/clickstream/shard-report';
import { withHotUser, InvalidHotUserShareError } from '../../../local/clickstream/hot-user';
import { condensedReport } from '../../../local/comparison/condensed-report';
import { workersToAdd, type BacklogScalingPolicy } from '../../../local/email/backlog-scaler';
import { countAdjacentInversions, countDeliveryOrderInversions } from '../../../local/email/delivery-order';
import { RetryLogCounter } from '../../../local/email/retry-log-counter';
import { EMAIL_WORKER_LOG_EVENTS } from '../../../runtime/email-worker/log-events';
import type { CapturedMail } from '../../../local/emulators/smtp-sink';
import type { ShardDelivery } from '../../../local/clickstream/consumer-observer';
import { generateClickstreamEvents } from '../../../runtime/clickstream/producer/generate-events';

const mailFor = (jobId: string | undefined): CapturedMail => ({ from: 'a@example.com', to: ['b@example.com'], raw: '', jobId, clientUser: 'worker-1' });
const retryLine = (messageId: string, receiveCount: number, message = 'transient failure: retry scheduled'): string =>
  JSON.stringify({ level: 'WARN', message, event: EMAIL_WORKER_LOG_EVENTS.retryScheduled, messageId, receiveCount, delaySeconds: 1 });
const delivery = (shardId: string, sequenceNumber: number, userId: string): ShardDelivery => ({ shardId, sequenceNumber: String(sequenceNumber), userId });

describe('delivery order', () => {
  it('counts adjacent pairs out of order', () => {
    expect(countAdjacentInversions([0, 2, 1, 3, 5, 4])).toBe(2);
    expect(countAdjacentInversions([0, 1, 2])).toBe(0);
  });

  it('reads enqueue positions from the job ids the sink saw, first delivery only', () => {
    const mails = ['run-job-1', 'run-job-0', 'run-job-1', 'run-job-3', 'run-job-2'].map(mailFor);

    expect(countDeliveryOrderInversions(mails)).toBe(2);
  });

  it('ignores mails without a job position', () => {
    expect(countDeliveryOrderInversions([mailFor(undefined), mailFor('run-job-4'), mailFor('other'), mailFor('run-job-5')])).toBe(0);
  });
});

describe('RetryLogCounter', () => {
  it('counts transient failures, redeliveries and the highest receive count from the consumers\' log lines', () => {
    const counter = new RetryLogCounter();

    [retryLine('m-1', 1), retryLine('m-1', 2), retryLine('m-1', 3), retryLine('m-2', 1), 'not json', '{"message":"job done"}'].forEach(counter.onLine);

    expect(counter.observation()).toEqual({ transientFailures: 4, redeliveries: 2, messagesRetried: 2, highestReceiveCount: 3 });
  });

  it('counts a line printed twice for the same receive once', () => {
    const counter = new RetryLogCounter();

    [retryLine('m-1', 2), retryLine('m-1', 2)].forEach(counter.onLine);

    expect(counter.observation().redeliveries).toBe(1);
  });

  it('counts by the structured event field, so a reworded message text changes nothing', () => {
    const counter = new RetryLogCounter();

    [retryLine('m-1', 1, 'will try again later'), retryLine('m-1', 2, ''), retryLine('m-2', 1, 'retrying')].forEach(counter.onLine);

    expect(counter.observation()).toEqual({ transientFailures: 3, redeliveries: 1, messagesRetried: 2, highestReceiveCount: 2 });
  });

  it('ignores a line with the old message text but no event field', () => {
    const counter = new RetryLogCounter();

    counter.onLine(JSON.stringify({ level: 'WARN', message: 'transient failure: retry scheduled', messageId: 'm-1', receiveCount: 2 }));

    expect(counter.observation()).toEqual({ transientFailures: 0, redeliveries: 0, messagesRetried: 0, highestReceiveCount: 0 });
  });
});

describe('workersToAdd', () => {
  const policy: BacklogScalingPolicy = { initialWorkers: 1, maxWorkers: 3, backlogPerWorker: 100, cooldownMs: 2_000 };

  it('adds a worker while the backlog exceeds the threshold per running worker', () => {
    expect(workersToAdd(policy, 1, 101, 5_000)).toBe(1);
    expect(workersToAdd(policy, 2, 201, 5_000)).toBe(1);
  });

  it('adds none at or under the threshold, during the cooldown, or at the maximum', () => {
    expect(workersToAdd(policy, 2, 200, 5_000)).toBe(0);
    expect(workersToAdd(policy, 1, 1_000, 1_999)).toBe(0);
    expect(workersToAdd(policy, 3, 10_000, 5_000)).toBe(0);
  });
});

describe('shard report', () => {
  const deliveries = [
    delivery('shard-a', 1, 'hot'),
    delivery('shard-a', 2, 'u1'),
    delivery('shard-a', 3, 'hot'),
    delivery('shard-b', 1, 'u2'),
    delivery('shard-a', 5, 'hot'),
    delivery('shard-b', 2, 'u3'),
  ];

  it('counts records per shard', () => {
    expect(recordsPerShard(deliveries)).toEqual({ 'shard-a': 4, 'shard-b': 2 });
  });

  it('gives the hot key its share of all records and of its shard', () => {
    expect(hotKeyShare(deliveries, 'hot')).toEqual({ userId: 'hot', shareOfRecords: 0.5, shardId: 'shard-a', shareOfShard: 0.75 });
    expect(hotKeyShare(deliveries, 'nobody')).toBeUndefined();
  });

  it('counts the records delivered after a poison record on its own shard only', () => {
    expect(deliveredAfterPoison(deliveries, [{ shardId: 'shard-a', sequenceNumber: '4' }])).toBe(1);
    expect(deliveredAfterPoison(deliveries, [{ shardId: 'shard-b', sequenceNumber: '1' }])).toBe(1);
  });

  it('counts a record once when several poison records precede it on its shard', () => {
    const poison = [
      { shardId: 'shard-a', sequenceNumber: '2' },
      { shardId: 'shard-a', sequenceNumber: '3' },
    ];
    // shard-a records 3 and 5 follow the first poison record (2); summing per poison would say 3.
    expect(deliveredAfterPoison(deliveries, poison)).toBe(2);
  });
});

describe('withHotUser', () => {
  it('gives every fifth event to the first user for a 20 % share, keeping each user in time order', () => {
    const events = generateClickstreamEvents({ events: 100, users: 10 });

    const { events: skewed, hotUserId } = withHotUser(events, 0.2);

    const hotEvents = skewed.filter((event) => event.userId === hotUserId);
    expect(hotEvents.length).toBeGreaterThanOrEqual(20);
    expect(skewed.filter((_event, index) => index % 5 === 0).every((event) => event.userId === hotUserId)).toBe(true);
    const times = hotEvents.map((event) => Date.parse(event.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it.each([0, 1, -0.5, Number.NaN])('rejects a share of %p', (share) => {
    expect(() => withHotUser([], share)).toThrow(InvalidHotUserShareError);
  });
});

describe('condensedReport', () => {
  it('joins the not-emulated lines into one and keeps the others', () => {
    const report = ['Table: TTL not emulated', 'not emulated: AWS::KMS::Key x1', 'not emulated: AWS::SNS::Topic x1'];

    expect(condensedReport('email', report)).toEqual(['email: Table: TTL not emulated', 'email: not emulated: AWS::KMS::Key x1, AWS::SNS::Topic x1']);
  });
});
