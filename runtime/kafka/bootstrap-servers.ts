/** Kafka's `host:port[,host:port]` broker lists, as every client takes them. Pure. */
import { ConfigurationError } from '../shared/errors';

/** A broker list that is empty or has an entry that is not `host:port`; the message says which (no subject). */
export class InvalidBootstrapServersError extends ConfigurationError {}

/**
 * Splits and checks a broker list; blanks around entries are dropped.
 * @throws InvalidBootstrapServersError with a message to put after the list's name, e.g. `is empty`.
 */
export function parseBootstrapServers(value: string): string[] {
  const servers = value
    .split(',')
    .map((server) => server.trim())
    .filter((server) => server !== '');
  for (const server of servers) {
    if (!/^[^:\s]+:\d{1,5}$/.test(server)) throw new InvalidBootstrapServersError(`entry "${server}" is not host:port`);
  }
  if (servers.length === 0) throw new InvalidBootstrapServersError('is empty');
  return servers;
}
