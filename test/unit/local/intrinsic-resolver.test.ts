import type { JsonValue } from '../../../local/provisioning/cfn-template';
import { resolveIntrinsics, resolveToString, type PhysicalResource, type ResolutionScope } from '../../../local/provisioning/intrinsic-resolver';
import { UnresolvedReferenceError, UnsupportedIntrinsicError } from '../../../local/provisioning/template-errors';

function physicalQueue(name: string): PhysicalResource {
  const url = `http://127.0.0.1:1/000000000000/${name}`;
  return { ref: url, attributes: { Arn: `arn:aws:sqs:us-east-1:000000000000:${name}`, QueueUrl: url, QueueName: name } };
}

function scopeWith(resources: Record<string, PhysicalResource>): ResolutionScope {
  return { resources: new Map(Object.entries(resources)), pseudoParameters: { region: 'eu-west-1', accountId: '111122223333' } };
}

describe('resolveIntrinsics', () => {
  const jobs = physicalQueue('run-Jobs');
  const scope = scopeWith({ Jobs: jobs });

  it('resolves Ref and both Fn::GetAtt forms to the physical resource', () => {
    const value: JsonValue = { url: { Ref: 'Jobs' }, arn: { 'Fn::GetAtt': ['Jobs', 'Arn'] }, name: { 'Fn::GetAtt': 'Jobs.QueueName' } };

    const resolved = resolveIntrinsics(value, scope);

    expect(resolved).toEqual({ url: jobs.ref, arn: jobs.attributes['Arn'], name: jobs.attributes['QueueName'] });
  });

  it('joins resolved parts with the delimiter', () => {
    const value: JsonValue = { 'Fn::Join': [':', ['a', { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }]] };

    expect(resolveToString(value, scope)).toBe('a:eu-west-1:111122223333');
  });

  it('substitutes pseudo parameters, resource attributes, variables and escapes in Fn::Sub', () => {
    const value: JsonValue = { 'Fn::Sub': ['${AWS::Region}|${Jobs.Arn}|${Jobs}|${Extra}|${!Literal}', { Extra: { Ref: 'AWS::Partition' } }] };

    expect(resolveToString(value, scope)).toBe(`eu-west-1|${jobs.attributes['Arn']}|${jobs.ref}|aws|\${Literal}`);
  });

  it('drops properties and list items that are Ref AWS::NoValue', () => {
    const value: JsonValue = { kept: 1, dropped: { Ref: 'AWS::NoValue' }, list: ['a', { Ref: 'AWS::NoValue' }] };

    expect(resolveIntrinsics(value, scope)).toEqual({ kept: 1, list: ['a'] });
  });

  it('selects from a split string', () => {
    const value: JsonValue = { 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] };

    expect(resolveIntrinsics(value, scope)).toBe('b');
  });

  it('names the logical id, attribute and path of a reference to something not provisioned', () => {
    const value: JsonValue = { Environment: { TOPIC: { 'Fn::GetAtt': ['Alarms', 'TopicArn'] } } };

    const act = () => resolveIntrinsics(value, scope, 'Resources.Fn.Properties');

    expect(act).toThrow(UnresolvedReferenceError);
    expect(act).toThrow('Fn::GetAtt Alarms.TopicArn at Resources.Fn.Properties.Environment.TOPIC.Fn::GetAtt');
  });

  it('rejects intrinsics it does not implement instead of leaking them', () => {
    const value: JsonValue = { flag: { 'Fn::If': ['IsProd', 'a', 'b'] } };

    expect(() => resolveIntrinsics(value, scope)).toThrow(new UnsupportedIntrinsicError('Fn::If', '$.flag.Fn::If'));
  });
});
