/**
 * The SQS poller's ordering rule for FIFO queues: at most one message of a message group runs at a
 * time, in the order SQS returned them, and when one fails the rest of its group is handed back
 * (visibility 0) instead of running ahead of it. SQS itself keeps the group locked while the failed
 * message is in flight, so the released ones come back after it, in order. Other groups go on.
 */
import type { Message } from '@aws-sdk/client-sqs';

/** The SQS system attribute that carries a FIFO message's group. */
export const MESSAGE_GROUP_ID_ATTRIBUTE = 'MessageGroupId';

/** Anything the poller holds that wraps one received message. */
export interface GroupedMessage {
  readonly message: Message;
}

/** The group of a received FIFO message (`MessageGroupId` system attribute; the empty string when absent). */
export function messageGroupOf(held: GroupedMessage): string {
  return held.message.Attributes?.[MESSAGE_GROUP_ID_ATTRIBUTE] ?? '';
}

/** Tracks the groups with a message running. */
export class MessageGroupGate {
  private readonly running = new Set<string>();

  /**
   * Index in `buffered` (oldest first) of the next message that may start: the first one whose group
   * has nothing running. Being the first of its group in the buffer, it is also the oldest of it.
   * -1 when every buffered message waits for its group.
   */
  nextStartable(buffered: readonly GroupedMessage[]): number {
    return buffered.findIndex((held) => !this.running.has(messageGroupOf(held)));
  }

  /** Marks the message's group busy. */
  started(held: GroupedMessage): void {
    this.running.add(messageGroupOf(held));
  }

  /** Frees the message's group once its job settled. */
  settled(held: GroupedMessage): void {
    this.running.delete(messageGroupOf(held));
  }

  /**
   * Removes from `buffered` every message of `failed`'s group and returns them newest first: the
   * order to release them in. SQS orders a group by sequence number whatever the release order;
   * an emulator that puts each released message back at the head of its group (fauxqs 2.4) then
   * also ends up in the original order.
   */
  takeRestOfGroup<T extends GroupedMessage>(buffered: T[], failed: GroupedMessage): T[] {
    const group = messageGroupOf(failed);
    const rest: T[] = [];
    for (let index = buffered.length - 1; index >= 0; index--) {
      const held = buffered[index];
      if (held !== undefined && messageGroupOf(held) === group) rest.push(...buffered.splice(index, 1));
    }
    return rest;
  }
}
