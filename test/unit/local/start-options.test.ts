import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitCodeFor, UsageError } from '../../../runtime/shared/errors';
import { UnknownTargetError } from '../../../local/remote/remote-target';
import { MissingStackOutputError, StackNotFoundError, StackNotReadyError } from '../../../local/remote/stack-outputs';
import { parseStartOptions } from '../../../local/start-options';

describe('parseStartOptions', () => {
  it('runs the embedded comparison with its defaults when given no flag', () => {
    expect(parseStartOptions([])).toEqual({
      target: 'embedded',
      stage: undefined,
      json: false,
      jsonFile: undefined,
      consumers: 'fargate',
      jobs: 1000,
      workers: 3,
      events: 2000,
      users: 100,
      partitions: undefined,
      members: 4,
      variants: false,
      web: false,
    });
  });

  it('serves the live page with --web, on any target', () => {
    expect(parseStartOptions(['--web']).web).toBe(true);
    expect(parseStartOptions(['--web', '--target', 'aws']).web).toBe(true);
  });

  it('adds the variants run with --variants, on the embedded target only', () => {
    expect(parseStartOptions(['--variants']).variants).toBe(true);
    expect(() => parseStartOptions(['--variants', '--target', 'aws'])).toThrow('--variants runs on the embedded emulators');
  });

  it('reads every flag', () => {
    const options = parseStartOptions([
      ...['--json', '--target', 'aws', '--stage', 'dev-1', '--jobs', '40', '--workers', '2', '--events', '300', '--users', '20', '--consumers', 'lambda'],
    ]);

    expect(options).toEqual({
      target: 'aws',
      stage: 'dev-1',
      json: true,
      jsonFile: undefined,
      consumers: 'lambda',
      jobs: 40,
      workers: 2,
      events: 300,
      users: 20,
      partitions: undefined,
      members: 4,
      variants: false,
      web: false,
    });
  });

  it('takes a --json-file path in an existing folder', () => {
    const path = join(tmpdir(), 'comparison.json');

    expect(parseStartOptions(['--json-file', path]).jsonFile).toBe(path);
  });

  it('sizes the Kafka run with --partitions and --members', () => {
    expect(parseStartOptions(['--partitions', '6', '--members', '2'])).toMatchObject({ partitions: 6, members: 2 });
  });

  it('keeps a value at the edge of its range', () => {
    expect(parseStartOptions(['--workers', '1', '--jobs', '10']).workers).toBe(1);
  });

  it.each([
    [['--bogus'], /Unknown flag --bogus/],
    [['--jobs', 'many'], /--jobs must be a whole number, got "many"/],
    [['--jobs', '5'], /--jobs must be between 10 and 5000, got 5/],
    [['--workers', '9'], /--workers must be between 1 and 8, got 9/],
    [['--events', '-3'], /--events/],
    [['--partitions', '0'], /--partitions must be between 1 and 12, got 0/],
    [['--members', '1'], /--members must be between 2 and 8, got 1/],
    [['--partitions', '4', '--target', 'aws'], /--partitions sizes the local Kafka run/],
    [['--target', 'mars'], /--target must be one of embedded\|localstack\|aws, got "mars"/],
    [['--consumers', 'ec2'], /--consumers must be one of fargate\|lambda/],
    [['--stage', 'dev'], /--stage names deployed stacks/],
    [['--target', 'aws', '--stage', 'dev_1'], /--stage must be up to 20 letters, digits or hyphens, starting with a letter, got "dev_1"/],
    // The stacks' rule (lib/common/app-context.ts reads the same STAGE_PATTERN): 21 characters are one too many.
    [['--target', 'aws', '--stage', 'a'.repeat(21)], /--stage must be up to 20 letters/],
    [['extra'], /Unexpected argument "extra": every option is a --flag/],
    [['--json-file', ''], /--json-file needs a file path/],
    [['--json-file', join(tmpdir(), 'no-such-folder-qos', 'result.json')], /--json-file: folder .*no-such-folder-qos does not exist/],
  ])('rejects %j with a UsageError that says what is wrong', (argv, message) => {
    expect(() => parseStartOptions(argv)).toThrow(UsageError);
    expect(() => parseStartOptions(argv)).toThrow(message);
  });
});

describe('exitCodeFor on the errors npm start can end with', () => {
  it.each([
    ['a bad flag', new UsageError('bad', '--jobs'), 2],
    ['an unknown target', new UnknownTargetError('lokalstack', ['embedded', 'localstack', 'aws']), 2],
    ['a stack that is not deployed', new StackNotFoundError('QueueOrStream-EmailWorker', 'npm run test:localstack -- --keep'), 2],
    ['a stack without an output', new MissingStackOutputError('QueueOrStream-EmailWorker', 'QueueUrl', 'cdk deploy'), 2],
    ['a stack in ROLLBACK_COMPLETE', new StackNotReadyError('QueueOrStream-EmailWorker', 'ROLLBACK_COMPLETE', 'cdk deploy'), 2],
    ['a bug', new TypeError('bug'), 1],
    ['a thrown non-error', 'not even an error', 1],
    // Matched by class, not by name: an error that only borrows a name is a plain failure.
    ['a plain Error named UsageError', Object.assign(new Error('boom'), { name: 'UsageError' }), 1],
  ])('gives %s exit code %i', (_what, error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });
});
