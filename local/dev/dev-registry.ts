/**
 * Every pattern `npm run dev` runs, one line each. The SQS FIFO and SNS→SQS fan-out variants join
 * here with a DevComponent of their own (see dev-component.ts).
 */
import { clickstreamDevComponent } from './clickstream-dev-component';
import type { DevComponent } from './dev-component';
import { emailDevComponent } from './email-dev-component';
import { kafkaDevComponent } from './kafka-dev-component';

export const DEV_COMPONENTS: readonly DevComponent[] = [
  emailDevComponent,
  clickstreamDevComponent,
  kafkaDevComponent,
];
