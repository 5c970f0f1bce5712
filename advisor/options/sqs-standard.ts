/** SQS standard queue: one fleet of competing workers, at-least-once, no order, no replay. */
import { SECONDS_PER_MONTH } from '../capacity-limits';
import { costLine, estimate, fmt, type OptionEstimate } from '../option-estimate';
import type { PriceList } from '../price-list';
import type { Workload } from '../workload';
import { queueConcurrencyNotes } from './consumer-concurrency';
import { queueLimitViolations } from './queue-requirements';
import { countSqsRequests } from './sqs-requests';

export function estimateSqsStandard(workload: Workload, prices: PriceList): OptionEstimate {
  const messages = workload.ratePerSecond * SECONDS_PER_MONTH;
  const requests = countSqsRequests(messages, workload.recordBytes, { sendBatch: workload.sendBatch });
  const infeasible = queueLimitViolations(workload);
  if (workload.ordering !== 'none') infeasible.push(`${workload.ordering} order asked: a standard queue delivers in no particular order`);
  if (workload.work === 'event' && workload.consumers > 1) {
    infeasible.push(`${workload.consumers} independent consumers: a queue gives each message to one consumer; SQS needs SNS fan-out to ${workload.consumers} queues`);
  }
  const lines = [costLine(prices, 'sqs.standard.requests', 'requests (million)', requests.billedRequests / 1e6, requests.arithmetic.join('; '))];
  return estimate('sqs-standard', lines, infeasible, [
    `no capacity to provision: standard queues take nearly unlimited requests per second; ${fmt(requests.billedRequests)} billed requests a month`,
    ...queueConcurrencyNotes(workload, false),
  ]);
}
