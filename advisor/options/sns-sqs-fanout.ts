/** SNS standard topic fanning out to one SQS standard queue per independent consumer. */
import { SECONDS_PER_MONTH, SQS } from '../capacity-limits';
import { costLine, estimate, fmt, type OptionEstimate } from '../option-estimate';
import type { PriceList } from '../price-list';
import type { Workload } from '../workload';
import { nothingToFanOut, queueLimitViolations } from './queue-requirements';
import { queueConcurrencyNotes } from './consumer-concurrency';
import { countSqsRequests, sendRequests } from './sqs-requests';

export function estimateSnsSqsFanout(workload: Workload, prices: PriceList): OptionEstimate {
  const messages = workload.ratePerSecond * SECONDS_PER_MONTH;
  const queues = workload.work === 'event' ? workload.consumers : 1;
  // Publish or PublishBatch (up to 10 entries) as the producer batches; like SQS, each 64 KB chunk of a call is one request.
  const publish = sendRequests(messages, workload.recordBytes, workload.sendBatch);
  const perQueue = countSqsRequests(messages, workload.recordBytes, { sendBatch: null });
  const infeasible = [...queueLimitViolations(workload), ...nothingToFanOut(workload)];
  if (workload.ordering !== 'none') infeasible.push(`${workload.ordering} order asked: a standard topic and standard queues keep no order (SNS FIFO to SQS FIFO keeps it)`);
  const lines = [
    costLine(prices, 'sns.standard.publishes', 'SNS publish requests (million)', publish.requests / 1e6, `${publish.perCall} message(s) per publish call: ${fmt(messages)} / ${publish.perCall} x ${publish.chunksPerCall} chunk(s) = ${fmt(publish.requests)} requests`),
    costLine(prices, 'sns.sqs.deliveries', 'SNS deliveries to SQS (million)', (messages * queues) / 1e6, `${fmt(messages)} x ${queues} queue(s)`),
    costLine(prices, 'sqs.standard.requests', 'SQS requests, all queues (million)', (perQueue.billedRequests * queues) / 1e6, `${queues} queue(s) x (${perQueue.arithmetic.join('; ')})`),
  ];
  return estimate('sns-sqs-fanout', lines, infeasible, [
    `${queues} queue(s), one per independent consumer, each with its own retries and DLQ; SQS messages up to ${fmt(SQS.maxMessageBytes)} B`,
    ...queueConcurrencyNotes(workload, false),
  ]);
}
