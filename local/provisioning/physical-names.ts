/** Physical names for locally created resources: a run prefix keeps parallel runs from colliding. */
import { randomBytes } from 'node:crypto';

/** A fresh prefix for one local run, e.g. `qos-3f9a1c`. */
export function newRunPrefix(): string {
  // 3 random bytes: enough to keep a handful of parallel test runs apart, short enough for names.
  return `qos-${randomBytes(3).toString('hex')}`;
}

/** What a service accepts in a resource name. */
export interface NameRules {
  /** Longest name the service accepts (SQS queue 80, DynamoDB table 255, Kinesis stream 128). */
  readonly maxLength: number;
  /** Appended after truncation, e.g. `.fifo` for FIFO queues. @default '' */
  readonly suffix?: string;
}

/** `<prefix>-<logicalId>`, cut to the service's limit; characters outside [A-Za-z0-9_-] become `-`. */
export function physicalNameFor(prefix: string, logicalId: string, rules: NameRules): string {
  const suffix = rules.suffix ?? '';
  const base = `${prefix}-${logicalId}`.replace(/[^A-Za-z0-9_-]/g, '-');
  return base.slice(0, rules.maxLength - suffix.length) + suffix;
}
