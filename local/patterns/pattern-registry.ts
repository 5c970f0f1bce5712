/**
 * Every pattern of the project, one line each. `npm start` (its runner, table, JSON, exit code and
 * advise line) and `npm run dev` iterate this list; a new pattern adds its entry in its own folder
 * and one line here. Functions that iterate it take the list as a parameter, defaulting to this
 * one, so a test can register a pattern of its own.
 */
import { clickstreamPattern } from '../clickstream/clickstream-pattern';
import { emailPattern } from '../email/email-pattern';
import { kafkaPattern } from '../kafka/kafka-pattern';
import { emailFifoPattern } from '../email/fifo/fifo-pattern';
import { fanoutPattern } from '../fanout/fanout-pattern';
import { registerPattern, type Pattern } from './pattern';

export const PATTERNS: readonly Pattern[] = [
  registerPattern(emailPattern),
  registerPattern(clickstreamPattern),
  registerPattern(kafkaPattern),
  registerPattern(emailFifoPattern),
  registerPattern(fanoutPattern),
];
