/**
 * Folds the analytics group's state records (each says which member processed which source
 * partition and offset) into what the live page draws: records processed per partition, the member
 * that owns each partition, and the rebalance, at the first record of a SIGKILLed member's
 * partition that another member processed. Pure, so it is unit-tested.
 */
import type { UserLatestState } from '../../runtime/kafka/analytics-member/session-state-record';
import type { RunObservation } from './live-observation';

/** The parts of a state record the tracker reads. */
export type StateRecordSource = Pick<UserLatestState, 'member' | 'sourcePartition' | 'sourceOffset'>;

/** Ownership and counts of the group's partitions, as its state records show them. */
export class AnalyticsStateTracker {
  private readonly owners = new Map<number, string>();
  private readonly offsets = new Map<number, Set<string>>();
  private readonly killed = new Set<string>();
  /** Partitions that left a killed member: a late record of that member does not take them back. */
  private readonly moved = new Set<number>();

  /** From now on, a record of another member on one of `memberId`'s partitions is the rebalance. */
  memberKilled(memberId: string): void {
    this.killed.add(memberId);
  }

  /** What one state record shows now: an owner change, and the rebalance when it moves a killed member's partition. */
  observe(record: StateRecordSource): RunObservation[] {
    const partition = record.sourcePartition;
    const offsets = this.offsets.get(partition) ?? new Set<string>();
    offsets.add(record.sourceOffset);
    this.offsets.set(partition, offsets);
    const owner = this.owners.get(partition);
    if (owner === record.member || (this.moved.has(partition) && this.killed.has(record.member))) return [];
    this.owners.set(partition, record.member);
    const observations: RunObservation[] = [{ kind: 'kafka-partition-owner', partition, memberId: record.member }];
    if (owner !== undefined && this.killed.has(owner) && !this.moved.has(partition)) {
      this.moved.add(partition);
      observations.unshift({ kind: 'kafka-rebalance', partition, fromMember: owner, toMember: record.member });
    }
    return observations;
  }

  /** Distinct source records processed, per partition. */
  recordsPerPartition(): Map<number, number> {
    return new Map([...this.offsets].map(([partition, offsets]) => [partition, offsets.size]));
  }
}
