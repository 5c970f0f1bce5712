/** SNS standard topic fanning out to one SQS standard queue per independent consumer. */
import { SECONDS_PER_MONTH, SQS } from '../capacity-limits';
import { costLine, estimate, fmt, type OptionEstimate } from '../option-estimate';
import type { PriceList } from '../price-list';
import type { Workload } from '../workload';
import { queueLimitViolations } from './queue-requirements';
import { billingChunks, countSqsRequests, messagesPerBatch } from './sqs-requests';

export function estimateSnsSqsFanout(workload: Workload, prices: PriceList): OptionEstimate {
  const messages = workload.ratePerSecond * SECONDS_PER_MONTH;
  const queues = workload.work === 'event' ? workload.consumers : 1;
  // PublishBatch takes 10 entries and, like SQS, bills each 64 KB chunk of the call as one request.
  const perBatch = messagesPerBatch(workload.recordBytes);
  const publishRequests = (messages / perBatch) * billingChunks(perBatch * workload.recordBytes);
  const perQueue = countSqsRequests(messages, workload.recordBytes, { includeSends: false });
  const infeasible = queueLimitViolations(workload);
  if (workload.ordering !== 'none') infeasible.push(`${workload.ordering} order asked: a standard topic and standard queues keep no order (SNS FIFO to SQS FIFO is not priced here)`);
  const lines = [
    costLine(prices, 'sns.standard.publishes', 'SNS publish requests (million)', publishRequests / 1e6, `PublishBatch of ${perBatch}: ${fmt(messages)} / ${perBatch} x ${billingChunks(perBatch * workload.recordBytes)} chunk(s) = ${fmt(publishRequests)} requests`),
    costLine(prices, 'sns.sqs.deliveries', 'SNS deliveries to SQS (million)', (messages * queues) / 1e6, `${fmt(messages)} x ${queues} queue(s)`),
    costLine(prices, 'sqs.standard.requests', 'SQS requests, all queues (million)', (perQueue.billedRequests * queues) / 1e6, `${queues} queue(s) x (${perQueue.arithmetic.join('; ')})`),
  ];
  return estimate('sns-sqs-fanout', lines, infeasible, [`${queues} queue(s), one per independent consumer, each with its own retries and DLQ; SQS messages up to ${fmt(SQS.maxMessageBytes)} B`]);
}
