/**
 * How the Kafka runtime connects: from KAFKA_ENV (`KAFKA_BOOTSTRAP_SERVERS`, `KAFKA_AUTH`).
 * - `iam`: Amazon MSK IAM access control. TLS, SASL OAUTHBEARER with a token signed by
 *   aws-msk-iam-sasl-signer-js from the task role's credentials (MSK developer guide, "IAM access
 *   control": port 9098, SASL/OAUTHBEARER through the signer library for non-Java clients).
 * - `none`: plaintext, no authentication (the local broker).
 */
import type { BaseOptions } from '@platformatic/kafka';
import { generateAuthToken } from 'aws-msk-iam-sasl-signer-js';
import { KAFKA_AUTH_MODES, KAFKA_ENV } from '../kafka-names';
import { InvalidSettingError } from '../../shared/errors';

/** The connection part of every client's options. */
export type KafkaConnectionOptions = Pick<BaseOptions, 'bootstrapBrokers' | 'tls' | 'sasl'>;

/** The security part alone (TLS, SASL): what a client adds to its bootstrap brokers; empty for plaintext. */
export type KafkaClientAuth = Pick<KafkaConnectionOptions, 'tls' | 'sasl'>;


/** Reads the connection settings; `AWS_REGION` is required for `iam`. */
export function kafkaConnectionFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaConnectionOptions {
  const servers = (env[KAFKA_ENV.bootstrapServers] ?? '')
    .split(',')
    .map((server) => server.trim())
    .filter((server) => server !== '');
  if (servers.length === 0) throw new InvalidSettingError(KAFKA_ENV.bootstrapServers, 'is required (host:port[,host:port])');
  return { bootstrapBrokers: servers, ...kafkaClientAuth(env[KAFKA_ENV.auth] ?? 'none', env.AWS_REGION) };
}

/** TLS and SASL for an auth mode (`iam` or `none`); `region` is required for `iam` (the token is signed for it). */
export function kafkaClientAuth(auth: string, region: string | undefined): KafkaClientAuth {
  if (!(KAFKA_AUTH_MODES as readonly string[]).includes(auth)) {
    throw new InvalidSettingError(KAFKA_ENV.auth, `must be one of ${KAFKA_AUTH_MODES.join(', ')}, got "${auth}"`);
  }
  if (auth === 'none') return {};
  if (region === undefined || region === '') throw new InvalidSettingError('AWS_REGION', `is required when ${KAFKA_ENV.auth}=iam`);
  return {
    tls: {},
    sasl: {
      mechanism: 'OAUTHBEARER',
      // Called on every (re)authentication, so a token never outlives its 15-minute validity.
      token: async () => (await generateAuthToken({ region })).token,
    },
  };
}
