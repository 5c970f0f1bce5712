// @ts-check
/**
 * The page's model of the run: each live event folded into plain data that the panels draw.
 * Only what the events say is kept; nothing is estimated.
 */

/** @typedef {import('../live-event').LiveEvent} LiveEvent */
/** @typedef {import('../live-event').RunFinishedEvent} RunFinishedEvent */
/** @typedef {import('../live-event').RunStarted} RunStarted */
/** @typedef {{ atMs: number, outstanding: number, workers: number, delivered: number, deadLettered: number }} EmailPoint */
/** @typedef {{ atMs: number, visible: number, inFlight: number, workers: number }} DepthPoint */
/** @typedef {{ atMs: number, pattern: 'sqs' | 'kinesis' | 'kafka', label: string, alert: boolean }} Moment */

/**
 * @typedef {object} RunState
 * @property {number} lastSeq the last event applied (a reconnected stream repeats the history)
 * @property {'waiting' | 'running' | 'finished' | 'failed'} phase
 * @property {'run' | 'dev'} mode `npm start` (a run with an end) or `npm run dev` (outside clients' traffic, no end result)
 * @property {string[]} devComponents the components `npm run dev` runs
 * @property {number} nowMs time of the latest event
 * @property {RunStarted | null} size
 * @property {EmailPoint[]} email
 * @property {DepthPoint[]} depth
 * @property {{ atMs: number, written: number, total: number }[]} produced
 * @property {number | null} shards
 * @property {Map<string, number>} shardRecords
 * @property {Map<string, { seen: number, caughtUp: boolean }>} readers
 * @property {{ written: number, destination: string } | null} poison
 * @property {Map<number, string>} owners partition → analytics member
 * @property {Map<number, number>} partitionRecords partition → records processed so far
 * @property {number | null} kafkaPartitions partitions of the topic, once the run says
 * @property {{ atMs: number, fromMember: string, moves: string[] } | null} rebalance the first observed move of the killed member's partitions
 * @property {Map<string, [number, number][]>} lag group → its sampled lag over time (ms, records behind), one point per change
 * @property {{ records: number, partition: number, topic: string }[]} deadLetters
 * @property {{ memberId: string, atMs: number, sessionTimeoutMs: number } | null} kill
 * @property {Moment[]} moments
 * @property {string[]} log
 * @property {RunFinishedEvent | null} final
 * @property {string | null} failure
 */

/** Log lines kept for the page's log panel. */
const LOG_LINES = 200;

/** @returns {RunState} */
export function emptyRunState() {
  return {
    lastSeq: 0, phase: 'waiting', mode: 'run', devComponents: [], nowMs: 0, size: null, email: [], depth: [], produced: [], shards: null,
    shardRecords: new Map(), readers: new Map(), poison: null, owners: new Map(), partitionRecords: new Map(), kafkaPartitions: null, rebalance: null, lag: new Map(), deadLetters: [],
    kill: null, moments: [], log: [], final: null, failure: null,
  };
}

/**
 * Folds one event into the state (mutates it). Returns whether anything changed.
 * @param {RunState} state
 * @param {LiveEvent} event
 */
export function applyEvent(state, event) {
  if (event.seq <= state.lastSeq) return false;
  state.lastSeq = event.seq;
  state.nowMs = Math.max(state.nowMs, event.atMs);
  if (state.phase === 'waiting') state.phase = 'running';
  applySqs(state, event);
  applyKinesis(state, event);
  applyKafka(state, event);
  applyRun(state, event);
  return true;
}

/** @param {RunState} state @param {LiveEvent} event */
function applySqs(state, event) {
  if (event.kind === 'email-progress') {
    state.email.push({ atMs: event.atMs, outstanding: event.total - event.accountedFor, workers: event.workers, delivered: event.delivered, deadLettered: event.deadLettered });
  } else if (event.kind === 'sqs-depth') {
    state.depth.push({ atMs: event.atMs, visible: event.visible, inFlight: event.inFlight, workers: event.workers });
  } else if (event.kind === 'sqs-worker-added') {
    state.moments.push({ atMs: event.atMs, pattern: 'sqs', label: `worker ${event.workers} added (backlog ${event.backlog})`, alert: false });
  }
}

/** @param {RunState} state @param {LiveEvent} event */
function applyKinesis(state, event) {
  if (event.kind === 'kinesis-produced') state.produced.push({ atMs: event.atMs, written: event.written, total: event.total });
  else if (event.kind === 'kinesis-stream') state.shards = event.shards;
  else if (event.kind === 'kinesis-shard') state.shardRecords.set(event.shardId, event.records);
  else if (event.kind === 'kinesis-consumer') {
    state.readers.set(event.consumer, { seen: event.seen, caughtUp: event.caughtUp });
    if (event.caughtUp) state.moments.push({ atMs: event.atMs, pattern: 'kinesis', label: `${event.consumer} caught up (${event.seen})`, alert: false });
  } else if (event.kind === 'kinesis-poison') {
    state.poison = { written: event.written, destination: event.destination };
    state.moments.push({ atMs: event.atMs, pattern: 'kinesis', label: `${event.written} poison record(s) written`, alert: true });
  }
}

/** @param {RunState} state @param {LiveEvent} event */
function applyKafka(state, event) {
  if (event.kind === 'kafka-broker') {
    state.moments.push({ atMs: event.atMs, pattern: 'kafka', label: `broker up (${event.startMs} ms)`, alert: false });
  } else if (event.kind === 'kafka-members-joined') {
    state.kafkaPartitions = event.partitions;
    state.moments.push({ atMs: event.atMs, pattern: 'kafka', label: `${event.members} members joined`, alert: false });
  } else if (event.kind === 'kafka-member-killed') {
    state.kill = { memberId: event.memberId, atMs: event.atMs, sessionTimeoutMs: event.sessionTimeoutMs };
    state.moments.push({ atMs: event.atMs, pattern: 'kafka', label: `SIGKILL ${event.memberId}`, alert: true });
  } else if (event.kind === 'kafka-partition-owner') {
    state.owners.set(event.partition, event.memberId);
  } else if (event.kind === 'kafka-partition') {
    state.partitionRecords.set(event.partition, event.records);
  } else if (event.kind === 'kafka-rebalance') {
    applyRebalance(state, event);
  } else if (event.kind === 'kafka-lag') {
    const points = state.lag.get(event.group) ?? [];
    points.push([event.atMs, event.lag]);
    state.lag.set(event.group, points);
  } else if (event.kind === 'kafka-dead-letter') {
    state.deadLetters.push({ records: event.records, partition: event.partition, topic: event.topic });
    state.moments.push({ atMs: event.atMs, pattern: 'kafka', label: `${event.records} record(s) of p${event.partition} to ${event.topic}`, alert: true });
  } else if (event.kind === 'kafka-analytics-done') {
    state.moments.push({ atMs: event.atMs, pattern: 'kafka', label: `analytics caught up (${event.duplicates} duplicates)`, alert: false });
  }
}

/**
 * A moved partition: the first one marks the rebalance on the timeline; the others join it.
 * @param {RunState} state @param {Extract<LiveEvent, { kind: 'kafka-rebalance' }>} event
 */
function applyRebalance(state, event) {
  const move = `p${event.partition} → ${event.toMember}`;
  if (state.rebalance !== null) {
    state.rebalance.moves.push(move);
    return;
  }
  state.rebalance = { atMs: event.atMs, fromMember: event.fromMember, moves: [move] };
  state.moments.push({ atMs: event.atMs, pattern: 'kafka', label: `rebalance: ${event.fromMember}'s partitions move (first record of p${event.partition} processed by ${event.toMember})`, alert: true });
}

/** @param {RunState} state @param {LiveEvent} event */
function applyRun(state, event) {
  if (event.kind === 'run-started') state.size = event;
  else if (event.kind === 'dev-started') {
    state.mode = 'dev';
    state.devComponents = [...event.components];
  } else if (event.kind === 'dev-stopped') state.phase = 'finished';
  else if (event.kind === 'log') {
    state.log.push(event.line);
    if (state.log.length > LOG_LINES) state.log.splice(0, state.log.length - LOG_LINES);
  } else if (event.kind === 'run-finished') {
    state.final = event;
    state.phase = 'finished';
  } else if (event.kind === 'run-failed') {
    state.failure = event.message;
    state.phase = 'failed';
  }
}
