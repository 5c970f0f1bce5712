import { UsageError } from '../../../../runtime/shared/errors';
import { parseKafkaProduceArgs } from '../../../../runtime/kafka/producer/cli-args';

describe('parseKafkaProduceArgs: the flags of the Kafka produce command', () => {
  it('reads the broker, the topic and the sizes', () => {
    // Act
    const args = parseKafkaProduceArgs(['--bootstrap-servers', '127.0.0.1:9092,127.0.0.1:9093', '--topic', 'clickstream', '--events', '500', '--users', '20', '--seed', '7']);

    // Assert
    expect(args).toEqual({ bootstrapServers: ['127.0.0.1:9092', '127.0.0.1:9093'], topic: 'clickstream', events: 500, users: 20, seed: 7, auth: 'none', help: false });
  });

  it('defaults the sizes, and the seed to the time (so two runs produce different event ids)', () => {
    // Act
    const args = parseKafkaProduceArgs(['--bootstrap-servers', '127.0.0.1:9092', '--topic', 't'], 1_234_567);

    // Assert
    expect(args).toMatchObject({ events: 100, users: 10, seed: 234_567 });
  });

  it.each([
    [['--topic', 't'], '--bootstrap-servers'],
    [['--bootstrap-servers', '127.0.0.1:9092'], '--topic'],
    [['--bootstrap-servers', 'localhost', '--topic', 't'], '--bootstrap-servers'],
    [['--bootstrap-servers', '127.0.0.1:9092', '--topic', 't', '--events', '0'], '--events'],
    [['--bootstrap-servers', '127.0.0.1:9092', '--topic', 't', '--users', 'ten'], '--users'],
    [['--bootstrap-servers', '127.0.0.1:9092', '--topic', 't', '--auth', 'scram'], '--auth'],
  ])('rejects %j as a usage error naming %s', (argv, flag) => {
    // Act
    const parse = () => parseKafkaProduceArgs(argv);

    // Assert
    expect(parse).toThrow(UsageError);
    expect(() => parseKafkaProduceArgs(argv)).toThrow(expect.objectContaining({ flag }) as Error);
  });

  it('says which broker entry is not host:port, under the flag (not the environment variable) it came from', () => {
    // Act
    const parse = () => parseKafkaProduceArgs(['--bootstrap-servers', '127.0.0.1:9092,localhost', '--topic', 't']);

    // Assert
    expect(parse).toThrow('--bootstrap-servers entry "localhost" is not host:port');
  });

  it('takes MSK IAM auth with the region from --region, or else from AWS_REGION', () => {
    // Prepare
    const argv = ['--bootstrap-servers', 'b-1.msk.example:9098', '--topic', 'clickstream', '--auth', 'iam'];

    // Act
    const fromFlag = parseKafkaProduceArgs([...argv, '--region', 'eu-west-1'], 1, { AWS_REGION: 'us-east-1' });
    const fromEnvironment = parseKafkaProduceArgs(argv, 1, { AWS_REGION: 'us-east-1' });

    // Assert
    expect(fromFlag).toMatchObject({ auth: 'iam', region: 'eu-west-1' });
    expect(fromEnvironment).toMatchObject({ auth: 'iam', region: 'us-east-1' });
  });

  it('refuses IAM auth without a region, naming --region', () => {
    // Act
    const parse = () => parseKafkaProduceArgs(['--bootstrap-servers', 'b-1.msk.example:9098', '--topic', 't', '--auth', 'iam'], 1, {});

    // Assert
    expect(parse).toThrow(expect.objectContaining({ flag: '--region' }) as Error);
  });
});
