// @ts-check
/** The Kinesis column: one lane per shard with the hot key marked, each reader's position, the poison records. */
import { barList, COLOURS, legend, timeChart } from './charts.js';
import { figure, h, percent, shardLabel, sortedEntries } from './dom.js';

/** @typedef {import('./state.js').RunState} RunState */
/** @typedef {import('../../comparison/comparison-result').ClickstreamComparison} ClickstreamComparison */

const READERS = ['processor', 'dashboard', 'archive', 'replay'];

/** Lanes: the result's records per shard at the end, the live counts before (when the run emits them). @param {RunState} state */
function shardLanes(state) {
  const clickstream = state.final?.json.clickstream;
  const hot = clickstream?.hotKey ?? null;
  const counts = clickstream?.perShard ?? Object.fromEntries(state.shardRecords);
  const names = Object.keys(counts).length > 0 ? sortedEntries(counts) : Array.from({ length: state.shards ?? 0 }, (_, index) => [`shard ${index}`, 0]);
  if (names.length === 0) return h('p', { class: 'pending' }, 'waiting for the stream…');
  return barList('records per shard', names.map(([name, count]) => ({
    label: shardLabel(String(name)),
    value: Number(count),
    shown: clickstream?.perShard ? figure(`/clickstream/perShard/${name}`, count) : String(count),
    colour: hot?.shardId === name ? COLOURS.hot : COLOURS.kinesis,
    note: hot?.shardId === name ? `hot key ${hot.userId}` : undefined,
  })));
}

/** Each reader's position: live (started, caught up), then the result's figure. @param {RunState} state */
function readerPositions(state) {
  const total = state.produced.at(-1)?.total ?? state.size?.events ?? 0;
  const consumers = state.final?.json.clickstream?.consumers;
  // npm run dev has no replay reader: only the readers it reports.
  const readers = state.mode === 'dev' ? READERS.filter((name) => state.readers.has(name)) : READERS;
  return barList('records seen by each reader', readers.map((name) => {
    const live = state.readers.get(name);
    const final = consumers === undefined ? undefined : consumers[/** @type {'processor'} */ (name)];
    const seen = final?.seen ?? live?.seen ?? 0;
    return {
      label: name,
      value: seen,
      shown: final ? figure(`/clickstream/consumers/${name}/seen`, final.seen) : total === 0 ? String(seen) : `${seen}/${total}`,
      colour: COLOURS.kinesis,
      note: final ? undefined : live === undefined ? 'not started' : live.caughtUp && total > 0 ? 'caught up' : 'reading',
    };
  }));
}

/** @param {ClickstreamComparison} clickstream */
function finalFigures(clickstream) {
  const hot = clickstream.hotKey;
  return [
    hot && h('p', {}, 'Hot key ', h('strong', {}, hot.userId), ': ', figure('/clickstream/hotKey/shareOfRecords', percent(hot.shareOfRecords), 'percent'),
      ' of all records, ', figure('/clickstream/hotKey/shareOfShard', percent(hot.shareOfShard), 'percent'), ` of ${shardLabel(hot.shardId)}.`),
    h('h3', {}, 'Poison records'),
    h('ul', { class: 'facts' },
      h('li', {}, 'written: ', figure('/clickstream/poison/written', clickstream.poison?.written ?? 'n/a'), '; at the on-failure destination: ', figure('/clickstream/poison/atOnFailureDestination', clickstream.poison?.atOnFailureDestination ?? 'n/a')),
      h('li', {}, 'failed processor invocations (retries, then bisect): ', figure('/clickstream/failedProcessorInvocations', clickstream.failedProcessorInvocations ?? 'n/a')),
      h('li', {}, 'the shard kept moving: ', figure('/clickstream/recordsAfterPoisonOnItsShard', clickstream.recordsAfterPoisonOnItsShard ?? 'n/a'), ' records after the poison on its shard')),
  ];
}

/** `npm run dev`: no run writes, so the line says what the readers have handled of the clients' records. @param {RunState} state */
function devLine(state) {
  if (!state.devComponents.includes('clickstream')) return 'the clickstream is not part of this npm run dev';
  const read = READERS.flatMap((name) => (state.readers.has(name) ? [`${name} ${state.readers.get(name)?.seen ?? 0}`] : []));
  return read.length === 0 ? 'waiting for records: put some with the printed aws kinesis put-record' : `records handled: ${read.join(' · ')}`;
}

/** The panel's content. @param {RunState} state */
export function renderKinesisPanel(state) {
  if (state.mode === 'dev') {
    return [h('p', { class: 'live', 'data-live': 'kinesis' }, devLine(state)), h('h3', {}, 'One lane per shard'), shardLanes(state), h('h3', {}, 'Every reader sees every record'), readerPositions(state)];
  }
  const series = [{ label: 'records written', colour: COLOURS.kinesis, points: state.produced.map((point) => /** @type {[number, number]} */ ([point.atMs, point.written])) }];
  const poisonAt = state.moments.filter((moment) => moment.pattern === 'kinesis' && moment.alert).map((moment) => ({ atMs: moment.atMs, label: 'poison' }));
  const last = state.produced.at(-1);
  const label = last === undefined ? 'Records written: none yet' : `Records written: ${last.written} of ${last.total}`;
  return [
    h('figure', { tabindex: 0, 'aria-label': label }, timeChart({ label, series, xMaxMs: state.nowMs, marks: poisonAt }), h('figcaption', {}, legend(series))),
    h('p', { class: 'live', 'data-live': 'kinesis' }, last === undefined ? 'waiting for the stream…' : `${last.written}/${last.total} written${state.poison ? ` · ${state.poison.written} poison → ${state.poison.destination}` : ''}`),
    h('h3', {}, 'One lane per shard'),
    shardLanes(state),
    h('h3', {}, 'Every reader sees every record'),
    readerPositions(state),
    ...(state.final?.json.clickstream === undefined ? [] : finalFigures(state.final.json.clickstream)),
  ];
}
