import { localRedriveAllowPolicy } from '../../../../local/provisioning/queue-provisioner';

describe('localRedriveAllowPolicy', () => {
  const localArns = new Map([['EmailWorker-Queue', 'arn:aws:sqs:us-east-1:000000000000:qos-ab12cd-EmailWorkerQueue']]);

  it('names the local queue where the template built the source ARN from its QueueName', () => {
    const policy = { redrivePermission: 'byQueue', sourceQueueArns: ['arn:aws:sqs:eu-west-1:123456789012:EmailWorker-Queue'] };
    expect(localRedriveAllowPolicy(policy, localArns)).toEqual({
      redrivePermission: 'byQueue',
      sourceQueueArns: ['arn:aws:sqs:us-east-1:000000000000:qos-ab12cd-EmailWorkerQueue'],
    });
  });

  it('keeps ARNs of queues the template does not create, and policies without sources', () => {
    const elsewhere = { redrivePermission: 'byQueue', sourceQueueArns: ['arn:aws:sqs:us-east-1:123456789012:someone-elses'] };
    expect(localRedriveAllowPolicy(elsewhere, localArns)).toEqual(elsewhere);
    expect(localRedriveAllowPolicy({ redrivePermission: 'denyAll' }, localArns)).toEqual({ redrivePermission: 'denyAll' });
  });
});
