import {
  deployCommandFor,
  deployedStackNames,
  kafkaDeployCommandFor,
  LOCALSTACK_DEFAULT_ENDPOINT,
  parseTarget,
  REMOTE_TARGETS,
  resolveRemoteConnection,
  UnknownTargetError,
} from '../../../local/remote/remote-target';
import { QOS_TARGETS, readTestTarget, skipReason } from '../../integ/helpers/target';
import { InvalidRemoteSuiteSettingError, remoteSuiteSettings } from '../../integ/helpers/target-remote-run';

describe('remote target resolution', () => {
  it('names the stacks as bin/app.ts does, with and without a stage', () => {
    expect(deployedStackNames()).toEqual({ emailWorker: 'QueueOrStream-EmailWorker', clickstream: 'QueueOrStream-Clickstream', kafka: 'QueueOrStream-Kafka' });
    expect(deployedStackNames('blue')).toEqual({ emailWorker: 'QueueOrStream-blue-EmailWorker', clickstream: 'QueueOrStream-blue-Clickstream', kafka: 'QueueOrStream-blue-Kafka' });
    expect(deployedStackNames('')).toEqual(deployedStackNames());
  });

  it('deploys the Kafka stack alone with its stage', () => {
    expect(kafkaDeployCommandFor()).toBe('npx cdk deploy QueueOrStream-Kafka');
    expect(kafkaDeployCommandFor('blue')).toBe('npx cdk deploy QueueOrStream-blue-Kafka -c stage=blue');
  });

  it('points LocalStack at the loopback edge port unless AWS_ENDPOINT_URL says otherwise', () => {
    expect(resolveRemoteConnection('localstack', {})).toEqual(
      expect.objectContaining({ endpoint: LOCALSTACK_DEFAULT_ENDPOINT, region: 'us-east-1', credentials: expect.any(Object) }),
    );
    expect(resolveRemoteConnection('localstack', { AWS_ENDPOINT_URL: 'http://10.0.0.5:4566', AWS_REGION: 'eu-west-1' })).toEqual(
      expect.objectContaining({ endpoint: 'http://10.0.0.5:4566', region: 'eu-west-1' }),
    );
  });

  it('leaves endpoint and credentials to the SDK on AWS, even when AWS_ENDPOINT_URL is set', () => {
    const connection = resolveRemoteConnection('aws', { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', AWS_DEFAULT_REGION: 'eu-central-1' });

    expect(connection).toEqual({ target: 'aws', region: 'eu-central-1' });
  });

  it('rejects an unknown target by name, listing the valid ones', () => {
    const parse = () => parseTarget('localstak', REMOTE_TARGETS, 'aws');

    expect(parse).toThrow(UnknownTargetError);
    expect(parse).toThrow('unknown target "localstak": expected one of localstack|aws');
  });

  it('tells how to deploy the missing stacks, with the stage', () => {
    expect(deployCommandFor('aws', 'blue')).toContain('-c stage=blue');
    expect(deployCommandFor('aws')).not.toContain('stage=');
    expect(deployCommandFor('localstack')).toContain('npm run test:localstack');
  });
});

describe('integration suite target switch', () => {
  it('defaults to embedded and reads QOS_TARGET and QOS_STAGE', () => {
    expect(readTestTarget({})).toEqual({ target: 'embedded', stage: undefined });
    expect(readTestTarget({ QOS_TARGET: 'aws', QOS_STAGE: 'ci' })).toEqual({ target: 'aws', stage: 'ci' });
    expect(QOS_TARGETS).toEqual(['embedded', 'localstack', 'aws']);
  });

  it('refuses a misspelled QOS_TARGET instead of silently running the embedded suite', () => {
    expect(() => readTestTarget({ QOS_TARGET: 'AWS' })).toThrow(UnknownTargetError);
  });

  it('gives a skip reason only when the suite does not apply to the target', () => {
    expect(skipReason('aws', ['localstack', 'aws'], 'needs stacks')).toBeUndefined();
    expect(skipReason('embedded', ['localstack', 'aws'], 'needs stacks')).toBe('skipped on QOS_TARGET=embedded: needs stacks');
    expect(skipReason('localstack', ['embedded'], 'kills a worker')).toBe('skipped on QOS_TARGET=localstack: kills a worker');
  });

  it('sizes remote runs per target and validates the overrides', () => {
    expect(remoteSuiteSettings({ target: 'aws', stage: 'ci' }, {})).toEqual({ target: 'aws', stage: 'ci', jobs: 40, events: 2000, deadlineMs: 600_000 });
    expect(remoteSuiteSettings({ target: 'localstack' }, { QOS_REMOTE_JOBS: '50' })).toEqual(expect.objectContaining({ jobs: 50, deadlineMs: 180_000 }));
    expect(() => remoteSuiteSettings({ target: 'localstack' }, { QOS_REMOTE_EVENTS: '2k' })).toThrow(InvalidRemoteSuiteSettingError);
    expect(() => remoteSuiteSettings({ target: 'embedded' }, {})).toThrow('remote suites need QOS_TARGET=localstack|aws');
  });
});
