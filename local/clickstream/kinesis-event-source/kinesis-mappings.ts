/**
 * Pairs each Kinesis `AWS::Lambda::EventSourceMapping` of a provisioned template with its function:
 * what a local runner needs to start it (stream, EventSourceArn, settings, resolved environment).
 */
import { constructPathOf, resourcesOfType, type CfnTemplate } from '../../provisioning/cfn-template';
import { eventSourceMappings, lambdaFunctions, type LocalFunctionSettings } from '../../provisioning/compute-resources';
import type { ResolutionScope } from '../../provisioning/intrinsic-resolver';
import { MalformedTemplateError } from '../../provisioning/template-errors';
import { ConfigurationError } from '../../../runtime/shared/errors';
import { kinesisEventSourceSettings, type KinesisEventSourceSettings } from './event-source-settings';

/** One Kinesis mapping, ready to run. */
export interface LocalKinesisMapping {
  readonly logicalId: string;
  /** The mapping's construct path, to tell consumers apart (e.g. `.../Processor/...`). */
  readonly constructPath: string | undefined;
  readonly function: LocalFunctionSettings;
  readonly settings: KinesisEventSourceSettings;
  /** Stream or consumer ARN, as the mapping names it. */
  readonly eventSourceArn: string;
  readonly streamArn: string;
  readonly streamName: string;
  /** The mapping reads through an enhanced fan-out consumer. */
  readonly enhancedFanOut: boolean;
}

/** An ARN that is neither a Kinesis stream nor a stream consumer: the template is wrong, exit 2. */
export class NotAKinesisArnError extends ConfigurationError {
  constructor(readonly arn: string) {
    super(`${arn} is not a Kinesis stream or stream-consumer ARN`);
  }
}

/** `arn:aws:kinesis:<region>:<account>:stream/<name>[/consumer/<consumer>:<ts>]`. */
const KINESIS_ARN = /^(arn:[^:]+:kinesis:[^:]*:[^:]*:stream\/([^/]+))(\/consumer\/.+)?$/;

/** The stream ARN and name behind a stream or consumer ARN. */
export function streamOfArn(arn: string): { readonly streamArn: string; readonly streamName: string; readonly isConsumer: boolean } {
  const match = KINESIS_ARN.exec(arn);
  if (match === null || match[1] === undefined || match[2] === undefined) throw new NotAKinesisArnError(arn);
  return { streamArn: match[1], streamName: match[2], isConsumer: match[3] !== undefined };
}

/** The template's Kinesis mappings with their functions (SQS and other mappings are left out). */
export function kinesisMappings(template: CfnTemplate, scope: ResolutionScope): LocalKinesisMapping[] {
  const functions = new Map(lambdaFunctions(template, scope).map((fn) => [fn.logicalId, fn]));
  const paths = new Map(resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').map(({ logicalId, resource }) => [logicalId, constructPathOf(resource)]));
  return eventSourceMappings(template, scope)
    .filter((mapping) => KINESIS_ARN.test(mapping.eventSourceArn))
    .map((mapping) => {
      const fn = functions.get(mapping.functionLogicalId);
      if (fn === undefined) throw new MalformedTemplateError(`Resources.${mapping.logicalId}.Properties.FunctionName`, 'a Lambda function of this template');
      const stream = streamOfArn(mapping.eventSourceArn);
      return {
        logicalId: mapping.logicalId,
        constructPath: paths.get(mapping.logicalId),
        function: fn,
        settings: kinesisEventSourceSettings(mapping.properties, mapping.logicalId),
        eventSourceArn: mapping.eventSourceArn,
        streamArn: stream.streamArn,
        streamName: stream.streamName,
        enhancedFanOut: stream.isConsumer,
      };
    });
}
