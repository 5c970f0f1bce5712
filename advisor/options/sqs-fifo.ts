/** SQS FIFO queue: order per message group, deduplication, bounded throughput. */
import { SECONDS_PER_MONTH, SQS } from '../capacity-limits';
import { costLine, estimate, fmt, type OptionEstimate } from '../option-estimate';
import type { PriceList } from '../price-list';
import { peakRate, type Workload } from '../workload';
import { queueLimitViolations } from './queue-requirements';
import { queueConcurrencyNotes, strictOrderConcurrencyViolation } from './consumer-concurrency';
import { countSqsRequests, messagesPerBatch } from './sqs-requests';

/** Messages per second a FIFO queue can take: one group for strict order, high-throughput mode otherwise. */
export function fifoMaxMessagesPerSecond(workload: Workload): number {
  const perCall = messagesPerBatch(workload.recordBytes);
  return workload.ordering === 'strict' ? SQS.fifoTransactionsPerSecondPerGroup * perCall : SQS.fifoHighThroughputTransactionsPerSecond * perCall;
}

export function estimateSqsFifo(workload: Workload, prices: PriceList): OptionEstimate {
  const messages = workload.ratePerSecond * SECONDS_PER_MONTH;
  const requests = countSqsRequests(messages, workload.recordBytes, { sendBatch: workload.sendBatch });
  const infeasible = [...queueLimitViolations(workload), ...strictOrderConcurrencyViolation(workload)];
  if (workload.work === 'event' && workload.consumers > 1) {
    infeasible.push(`${workload.consumers} independent consumers: a FIFO queue gives each message to one consumer (SNS FIFO fan-out to one FIFO queue per consumer does)`);
  }
  const max = fifoMaxMessagesPerSecond(workload);
  const peak = peakRate(workload);
  if (peak > max) {
    infeasible.push(
      workload.ordering === 'strict'
        ? `strict global order caps a FIFO queue at one message group: ${SQS.fifoTransactionsPerSecondPerGroup} calls/s x ${messagesPerBatch(workload.recordBytes)} messages = ${fmt(max)} msg/s, below the peak of ${fmt(peak)} msg/s`
        : `peak of ${fmt(peak)} msg/s exceeds FIFO high-throughput mode: ${fmt(SQS.fifoHighThroughputTransactionsPerSecond)} calls/s x ${messagesPerBatch(workload.recordBytes)} = ${fmt(max)} msg/s`,
    );
  }
  const lines = [costLine(prices, 'sqs.fifo.requests', 'requests (million)', requests.billedRequests / 1e6, requests.arithmetic.join('; '))];
  const grouping = workload.ordering === 'strict' ? 'one message group' : 'one message group per key, high-throughput mode';
  return estimate('sqs-fifo', lines, infeasible, [`${grouping}: up to ${fmt(max)} msg/s, peak ${fmt(peak)} msg/s`, ...queueConcurrencyNotes(workload, true)]);
}
