/**
 * The `server.properties` of the local single-node broker: KRaft combined mode (one JVM is broker
 * and controller), loopback-only listeners, and settings sized for tests on a 2-core machine.
 */

/** Where and how the broker listens and stores. */
export interface BrokerPropertiesInput {
  /** PLAINTEXT (client) port on 127.0.0.1. */
  readonly brokerPort: number;
  /** CONTROLLER (KRaft quorum) port on 127.0.0.1. */
  readonly controllerPort: number;
  /** Temporary log directory (created and deleted by the harness). */
  readonly logDirectory: string;
  /**
   * Default partitions of auto-created topics.
   * @default 1 - tests create their topics explicitly with the partitions they need
   */
  readonly defaultPartitions?: number;
}

/** Renders the properties file. */
export function renderBrokerProperties(input: BrokerPropertiesInput): string {
  const settings: Record<string, string | number> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    listeners: `PLAINTEXT://127.0.0.1:${input.brokerPort},CONTROLLER://127.0.0.1:${input.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${input.brokerPort}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    // Dynamic quorum (KIP-853): the storage is formatted with `--standalone`.
    'controller.quorum.bootstrap.servers': `127.0.0.1:${input.controllerPort}`,
    'log.dirs': input.logDirectory,
    'num.partitions': input.defaultPartitions ?? 1,
    // One broker: every internal topic can only have one replica.
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 3,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    // The default 3 s delay batches joins of a starting group; tests start members on purpose.
    'group.initial.rebalance.delay.ms': 0,
    // Lets a test show compaction within seconds: the cleaner checks often and a topic's own
    // segment.ms / min.cleanable.dirty.ratio decide when its log is cleanable.
    'log.cleaner.backoff.ms': 500,
    'log.retention.check.interval.ms': 1000,
    'log.segment.delete.delay.ms': 1000,
    'num.network.threads': 2,
    'num.io.threads': 2,
    'num.recovery.threads.per.data.dir': 1,
    'log.cleaner.threads': 1,
  };
  return `${Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
}
