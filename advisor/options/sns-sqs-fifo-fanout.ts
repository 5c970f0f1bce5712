/** SNS FIFO topic fanning out to one SQS FIFO queue per independent consumer: order and fan-out, at FIFO limits. */
import { SECONDS_PER_MONTH, SNS_FIFO } from '../capacity-limits';
import { BYTES_PER_GB, costLine, estimate, fmt, type OptionEstimate } from '../option-estimate';
import type { PriceList } from '../price-list';
import { peakBytesPerSecond, peakRate, type Workload } from '../workload';
import { queueConcurrencyNotes, strictOrderConcurrencyViolation } from './consumer-concurrency';
import { nothingToFanOut, queueLimitViolations } from './queue-requirements';
import { countSqsRequests, sendRequests } from './sqs-requests';

function fifoTopicViolations(workload: Workload, queues: number): string[] {
  const reasons: string[] = [];
  if (peakRate(workload) > SNS_FIFO.maxMessagesPerSecond || peakBytesPerSecond(workload) > SNS_FIFO.maxBytesPerSecond) {
    reasons.push(`peak of ${fmt(peakRate(workload))} msg/s (${fmt(peakBytesPerSecond(workload))} B/s): an SNS FIFO topic takes at most 300 messages/s or 10 MB/s`);
  }
  if (queues > SNS_FIFO.maxSubscriptions) reasons.push(`${queues} consumers: an SNS FIFO topic has at most 100 subscriptions`);
  return reasons;
}

export function estimateSnsSqsFifoFanout(workload: Workload, prices: PriceList): OptionEstimate {
  const messages = workload.ratePerSecond * SECONDS_PER_MONTH;
  const queues = workload.work === 'event' ? workload.consumers : 1;
  const payloadGb = (messages * workload.recordBytes) / BYTES_PER_GB;
  const publish = sendRequests(messages, workload.recordBytes, workload.sendBatch);
  const perQueue = countSqsRequests(messages, workload.recordBytes, { sendBatch: null });
  const infeasible = [...queueLimitViolations(workload), ...nothingToFanOut(workload), ...fifoTopicViolations(workload, queues), ...strictOrderConcurrencyViolation(workload)];
  const lines = [
    costLine(prices, 'sns.fifo.publishes', 'SNS FIFO publish requests (million)', publish.requests / 1e6, `${publish.perCall} message(s) per publish call: ${fmt(messages)} / ${publish.perCall} x ${publish.chunksPerCall} chunk(s) = ${fmt(publish.requests)} requests`),
    costLine(prices, 'sns.fifo.publishPayloadGb', 'SNS FIFO payload published (GB)', payloadGb, `${fmt(messages)} messages x ${fmt(workload.recordBytes)} B`),
    costLine(prices, 'sns.fifo.deliveries', 'SNS FIFO deliveries to SQS FIFO (million)', (messages * queues) / 1e6, `${fmt(messages)} x ${queues} queue(s)`),
    costLine(prices, 'sns.fifo.deliveryPayloadGb', 'SNS FIFO payload delivered (GB)', payloadGb * queues, `${fmt(payloadGb)} GB x ${queues} queue(s)`),
    costLine(prices, 'sqs.fifo.requests', 'SQS FIFO requests, all queues (million)', (perQueue.billedRequests * queues) / 1e6, `${queues} queue(s) x (${perQueue.arithmetic.join('; ')})`),
  ];
  return estimate('sns-sqs-fifo-fanout', lines, infeasible, [
    `${queues} FIFO queue(s), one per independent consumer, each keeping the topic's order per message group, with its own retries and DLQ; the topic takes up to 300 msg/s`,
    ...queueConcurrencyNotes(workload, true),
  ]);
}
