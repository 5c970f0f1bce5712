import { CloudFormationClient, DescribeStacksCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { EMAIL_RUN_OUTPUTS } from '../../../local/remote/deployed-stacks';
import {
  MissingStackOutputError,
  parseStackOutputs,
  readStackOutputs,
  requireStackOutputs,
  StackNotFoundError,
  StackNotReadyError,
} from '../../../local/remote/stack-outputs';

const DEPLOY = 'npx cdk deploy --all';

function stackRecord(overrides: Partial<Stack> = {}): Stack {
  return {
    StackName: 'QueueOrStream-blue-EmailWorker',
    StackStatus: 'CREATE_COMPLETE',
    CreationTime: new Date(0),
    Outputs: [
      { OutputKey: 'QueueUrl', OutputValue: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs' },
      { OutputKey: 'DeadLetterQueueUrl', OutputValue: 'https://sqs.eu-west-1.amazonaws.com/123456789012/dlq' },
      { OutputKey: 'IdempotencyTableName', OutputValue: 'QueueOrStream-blue-EmailWorker-Idempotency' },
    ],
    ...overrides,
  };
}

/** A CloudFormation client whose DescribeStacks answers with `answer` (pure unit test: no service behaviour involved). */
function cloudFormationAnswering(answer: () => Promise<{ Stacks?: Stack[] }>): CloudFormationClient {
  const client = new CloudFormationClient({ region: 'eu-west-1', credentials: { accessKeyId: 'unit', secretAccessKey: 'unit' } });
  jest.spyOn(client, 'send').mockImplementation(async (command) => {
    if (!(command instanceof DescribeStacksCommand)) throw new Error(`unexpected command ${command.constructor.name}`);
    return answer();
  });
  return client;
}

describe('stack outputs', () => {
  it('maps output keys to values', () => {
    const outputs = parseStackOutputs(stackRecord(), DEPLOY);

    expect(outputs).toEqual({
      QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
      DeadLetterQueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/dlq',
      IdempotencyTableName: 'QueueOrStream-blue-EmailWorker-Idempotency',
    });
  });

  it('picks the outputs a run needs', () => {
    const picked = requireStackOutputs('S', parseStackOutputs(stackRecord(), DEPLOY), EMAIL_RUN_OUTPUTS, DEPLOY);

    expect(picked.QueueUrl).toMatch(/\/jobs$/);
    expect(picked.IdempotencyTableName).toBe('QueueOrStream-blue-EmailWorker-Idempotency');
  });

  it('names the stack, the missing key and the deploy command when an output is absent', () => {
    const outputs = parseStackOutputs(stackRecord({ Outputs: [{ OutputKey: 'QueueUrl', OutputValue: 'q' }] }), DEPLOY);

    let caught: unknown;
    try {
      requireStackOutputs('QueueOrStream-blue-EmailWorker', outputs, EMAIL_RUN_OUTPUTS, DEPLOY);
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(MissingStackOutputError);
    expect(caught).toMatchObject({ name: 'MissingStackOutputError', stackName: 'QueueOrStream-blue-EmailWorker', outputKey: 'DeadLetterQueueUrl' });
    expect((caught as Error).message).toBe(
      'stack QueueOrStream-blue-EmailWorker has no output "DeadLetterQueueUrl"; deploy the current version: npx cdk deploy --all',
    );
  });

  it('refuses the outputs of a stack that failed to deploy', () => {
    expect(() => parseStackOutputs(stackRecord({ StackStatus: 'ROLLBACK_COMPLETE' }), DEPLOY)).toThrow(StackNotReadyError);
    expect(() => parseStackOutputs(stackRecord({ StackStatus: 'ROLLBACK_COMPLETE' }), DEPLOY)).toThrow(/is ROLLBACK_COMPLETE/);
  });

  it('turns CloudFormation\'s "does not exist" into StackNotFoundError with the deploy command', async () => {
    const missing = Object.assign(new Error('Stack with id QueueOrStream-blue-Clickstream does not exist'), { name: 'ValidationError' });
    const cloudFormation = cloudFormationAnswering(() => Promise.reject(missing));

    const read = readStackOutputs(cloudFormation, 'QueueOrStream-blue-Clickstream', DEPLOY);

    await expect(read).rejects.toBeInstanceOf(StackNotFoundError);
    await expect(read).rejects.toThrow('stack QueueOrStream-blue-Clickstream does not exist on this target; deploy it first: npx cdk deploy --all');
  });

  it('passes other errors through unchanged', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform cloudformation:DescribeStacks'), { name: 'AccessDenied' });
    const cloudFormation = cloudFormationAnswering(() => Promise.reject(denied));

    await expect(readStackOutputs(cloudFormation, 'S', DEPLOY)).rejects.toBe(denied);
  });

  it('reads the outputs of a deployed stack', async () => {
    const cloudFormation = cloudFormationAnswering(() => Promise.resolve({ Stacks: [stackRecord()] }));

    await expect(readStackOutputs(cloudFormation, 'QueueOrStream-blue-EmailWorker', DEPLOY)).resolves.toEqual(
      expect.objectContaining({ QueueUrl: expect.stringMatching(/\/jobs$/) }),
    );
  });
});
