// @ts-check
/** The Kafka column: lanes per partition with their owner, the SIGKILL and the rebalance, lag per group, the DLT, compaction. */
import { barList, COLOURS } from './charts.js';
import { figure, h, percent, seconds, sortedEntries } from './dom.js';
import { lagChart } from './lag-chart.js';

/** @typedef {import('./state.js').RunState} RunState */
/** @typedef {import('../../comparison/kafka-comparison').KafkaComparison} KafkaComparison */

/** The embedded run's figures, or why there are none. @param {RunState} state */
function kafkaOf(state) {
  const column = state.final?.json.kafka;
  if (column === undefined) return { figures: null, reason: null };
  if ('notRun' in column) return { figures: null, reason: column.notRun };
  if ('deployed' in column) return { figures: null, reason: 'a deployed Kafka stack: see the five questions below' };
  return { figures: column, reason: null };
}

/** Partitions to draw: the result's, else what the run said, else those seen so far. @param {RunState} state @param {KafkaComparison | null} kafka */
function partitionCount(state, kafka) {
  const seen = Math.max(-1, ...state.partitionRecords.keys(), ...state.owners.keys()) + 1;
  return kafka?.partitions ?? state.kafkaPartitions ?? state.size?.partitions ?? seen;
}

/**
 * Lanes: while the run goes, the records the analytics group processed on each partition (from its
 * state records); at the end, the result's records per partition.
 * @param {RunState} state @param {KafkaComparison | null} kafka
 */
function partitionLanes(state, kafka) {
  return barList('records per partition and the member that owns it', Array.from({ length: partitionCount(state, kafka) }, (_, partition) => {
    const records = kafka?.perPartition[String(partition)];
    const live = state.partitionRecords.get(partition);
    const owner = state.owners.get(partition);
    const hot = kafka?.hotKey?.partition === partition;
    return {
      label: `p${partition}${owner === undefined ? '' : ` → ${owner}`}`,
      value: records ?? live ?? 0,
      shown: records === undefined ? (live === undefined ? '…' : `${live} processed`) : figure(`/kafka/perPartition/${partition}`, records),
      colour: hot ? COLOURS.hot : COLOURS.kafka,
      note: hot && kafka?.hotKey ? `hot key ${kafka.hotKey.userId}` : undefined,
    };
  }));
}

/** Before any SIGKILL: what the group is doing. @param {RunState} state */
function waitingLine(state) {
  const processed = [...state.partitionRecords.values()].reduce((sum, records) => sum + records, 0);
  const brokerUp = state.moments.some((moment) => moment.pattern === 'kafka');
  if (state.mode === 'dev') return brokerUp ? `analytics group processed ${processed} record(s)` : 'no broker yet (when Kafka is skipped, the log says why)';
  return brokerUp ? 'members reading; the busiest will be SIGKILLed mid-produce' : 'waiting for the broker…';
}

/** The SIGKILL and the rebalance it causes, as they happened. @param {RunState} state */
function killLine(state) {
  if (state.kill === null) return h('p', { class: 'live', 'data-live': 'kafka' }, waitingLine(state));
  const { memberId, atMs, sessionTimeoutMs } = state.kill;
  const moved = state.rebalance === null
    ? `its partitions move to the others once the group notices (session timeout ${seconds(sessionTimeoutMs)})…`
    : `rebalance observed ${seconds(state.rebalance.atMs - atMs)} later: ${state.rebalance.moves.join(', ')}.`;
  return h('p', { class: 'live alert', 'data-live': 'kafka' }, `⚠ ${memberId} SIGKILLed at ${seconds(atMs)}; ${moved}`);
}

/** @param {KafkaComparison} kafka */
function memberBars(kafka) {
  return barList('records processed per analytics member', sortedEntries(kafka.perMember).map(([member, count]) => ({
    label: member, value: count, shown: figure(`/kafka/perMember/${member}`, count), colour: member === kafka.killedMember ? COLOURS.alert : COLOURS.kafka,
    note: member === kafka.killedMember ? 'SIGKILLed' : count === 0 ? 'idle' : undefined, hatched: member === kafka.killedMember,
  })));
}

/** @param {KafkaComparison} kafka */
function finalFigures(kafka) {
  const groups = /** @type {const} */ (['sessionizer', 'analytics', 'replay-earliest']);
  return [
    h('h3', {}, 'Members of the analytics group'), memberBars(kafka),
    kafka.rebalance && h('p', {}, 'After the SIGKILL: lost ', figure('/kafka/rebalance/lost', kafka.rebalance.lost), ', processed twice ', figure('/kafka/rebalance/duplicates', kafka.rebalance.duplicates),
      ', still to produce at the kill ', figure('/kafka/rebalance/producedAfterKill', kafka.rebalance.producedAfterKill), '.'),
    h('h3', {}, 'Every group reads every record (lag 0 at the end)'),
    h('ul', { class: 'facts' }, ...groups.map((group) => h('li', {}, `${group}: `, figure(`/kafka/groups/${group}/seen`, kafka.groups[group].seen), ' of ', figure('/kafka/produced', kafka.produced)))),
    kafka.hotKey && h('p', {}, 'Hot key ', h('strong', {}, kafka.hotKey.userId), ': ', figure('/kafka/hotKey/shareOfPartition', percent(kafka.hotKey.shareOfPartition), 'percent'), ` of p${kafka.hotKey.partition}.`),
    h('h3', {}, 'Dead-letter topic'),
    h('p', {}, 'Poison on the DLT: ', figure('/kafka/deadLettered', kafka.deadLettered), ' of ', figure('/kafka/poisonWritten', kafka.poisonWritten), ' (', figure('/kafka/deadLetterTopicRecords', kafka.deadLetterTopicRecords),
      ' records with the rest of their batches); the partition kept moving: ', figure('/kafka/recordsAfterPoisonOnItsPartition', kafka.recordsAfterPoisonOnItsPartition ?? 'n/a'), ' records after.'),
    h('h3', {}, 'Compaction of clickstream-sessions'),
    kafka.compaction && h('p', {}, 'After the cleaner: ', figure('/kafka/compaction/recordsAfter', kafka.compaction.recordsAfter), ' records for ', figure('/kafka/compaction/keys', kafka.compaction.keys), ' keys: the latest session per user survives.'),
  ];
}

/** Live group lag and dead-letter batches, as the run reports them. @param {RunState} state */
function liveDetails(state) {
  return [
    h('h3', {}, 'Lag per group'),
    lagChart(state),
    state.deadLetters.length > 0 && h('ul', { class: 'facts', 'aria-label': 'batches sent to the dead-letter topic' },
      ...state.deadLetters.map((batch) => h('li', {}, `${batch.records} record(s) of p${batch.partition} → ${batch.topic}`))),
  ];
}

/** The panel's content. @param {RunState} state */
export function renderKafkaPanel(state) {
  const { figures, reason } = kafkaOf(state);
  return [
    killLine(state),
    h('h3', {}, 'One lane per partition'),
    partitionLanes(state, figures),
    ...liveDetails(state),
    ...(reason === null ? [] : [h('p', { class: 'alert' }, `Kafka: ${reason}`)]),
    ...(figures === null ? (state.final === null && state.mode === 'run' ? [h('p', { class: 'pending' }, 'Members, the DLT totals and compaction appear when the run ends.')] : []) : finalFigures(figures)),
  ];
}
