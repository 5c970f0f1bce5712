/**
 * Reads the compute side of a template (Lambda functions, ECS containers, event-source mappings)
 * and resolves it against the locally provisioned resources: what a local runner needs to start
 * the real code with the environment and settings the stack declares.
 */
import { constructPathOf, isJsonObject, resourcesOfType, type CfnTemplate, type JsonObject, type JsonValue } from './cfn-template';
import { resolveIntrinsics, resolveToString, type ResolutionScope } from './intrinsic-resolver';
import { MalformedTemplateError } from './template-errors';

/** CloudFormation's default Lambda timeout when `Timeout` is absent, in seconds. */
const DEFAULT_LAMBDA_TIMEOUT_SECONDS = 3;

/** A Lambda function as the template declares it, with its environment resolved. */
export interface LocalFunctionSettings {
  readonly logicalId: string;
  /** CDK construct path (`Stack/Consumer/Resource`), to tell functions apart. */
  readonly constructPath: string | undefined;
  /** `Handler`, e.g. `index.handler`. */
  readonly handler: string | undefined;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number | undefined;
  readonly environment: Readonly<Record<string, string>>;
}

/** One container of an ECS task definition, with its environment resolved. */
export interface LocalContainerSettings {
  /** Logical id of the task definition. */
  readonly taskDefinitionLogicalId: string;
  readonly containerName: string;
  /** Seconds ECS waits after SIGTERM before SIGKILL, if set. */
  readonly stopTimeoutSeconds: number | undefined;
  readonly environment: Readonly<Record<string, string>>;
}

/** An event-source mapping, resolved (all fields optional as in CloudFormation). */
export interface LocalEventSourceMapping {
  readonly logicalId: string;
  /** Logical id of the target function (from `FunctionName: {Ref}`). */
  readonly functionLogicalId: string;
  /** Resolved `EventSourceArn` (queue, stream or stream-consumer ARN). */
  readonly eventSourceArn: string;
  /** Every other property, intrinsics resolved (BatchSize, ScalingConfig, FunctionResponseTypes, ...). */
  readonly properties: JsonObject;
}

function pathOf(logicalId: string, ...keys: string[]): string {
  return ['Resources', logicalId, 'Properties', ...keys].join('.');
}

function resolveVariables(variables: JsonValue | undefined, scope: ResolutionScope, path: string): Record<string, string> {
  if (variables === undefined) return {};
  if (!isJsonObject(variables)) throw new MalformedTemplateError(path, 'an object of environment variables');
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [name, resolveToString(value, scope, `${path}.${name}`)]),
  );
}

function optionalNumber(value: JsonValue | undefined, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw new MalformedTemplateError(path, 'a number');
  return value;
}

/** Every `AWS::Lambda::Function` with its resolved environment. */
export function lambdaFunctions(template: CfnTemplate, scope: ResolutionScope): LocalFunctionSettings[] {
  return resourcesOfType(template, 'AWS::Lambda::Function').map(({ logicalId, resource }) => {
    const properties = resource.Properties ?? {};
    const environment = properties['Environment'];
    return {
      logicalId,
      constructPath: constructPathOf(resource),
      handler: typeof properties['Handler'] === 'string' ? properties['Handler'] : undefined,
      timeoutSeconds: optionalNumber(properties['Timeout'], pathOf(logicalId, 'Timeout')) ?? DEFAULT_LAMBDA_TIMEOUT_SECONDS,
      memorySizeMb: optionalNumber(properties['MemorySize'], pathOf(logicalId, 'MemorySize')),
      environment: resolveVariables(
        isJsonObject(environment) ? environment['Variables'] : undefined,
        scope,
        pathOf(logicalId, 'Environment', 'Variables'),
      ),
    };
  });
}

/** Every container of every `AWS::ECS::TaskDefinition`, with its resolved environment. */
export function ecsContainers(template: CfnTemplate, scope: ResolutionScope): LocalContainerSettings[] {
  return resourcesOfType(template, 'AWS::ECS::TaskDefinition').flatMap(({ logicalId, resource }) => {
    const definitions = resource.Properties?.['ContainerDefinitions'] ?? [];
    if (!Array.isArray(definitions)) throw new MalformedTemplateError(pathOf(logicalId, 'ContainerDefinitions'), 'an array');
    return definitions.map((definition, index) => {
      const at = pathOf(logicalId, `ContainerDefinitions[${index}]`);
      if (!isJsonObject(definition)) throw new MalformedTemplateError(at, 'a container definition object');
      const pairs = definition['Environment'] ?? [];
      if (!Array.isArray(pairs)) throw new MalformedTemplateError(`${at}.Environment`, 'an array of {Name, Value}');
      const environment = Object.fromEntries(
        pairs.map((pair, pairIndex) => {
          const pairPath = `${at}.Environment[${pairIndex}]`;
          if (!isJsonObject(pair) || typeof pair['Name'] !== 'string') throw new MalformedTemplateError(pairPath, '{Name, Value}');
          return [pair['Name'], resolveToString(pair['Value'] ?? '', scope, `${pairPath}.Value`)];
        }),
      );
      return {
        taskDefinitionLogicalId: logicalId,
        containerName: typeof definition['Name'] === 'string' ? definition['Name'] : `container-${index}`,
        stopTimeoutSeconds: optionalNumber(definition['StopTimeout'], `${at}.StopTimeout`),
        environment,
      };
    });
  });
}

function functionLogicalIdOf(functionName: JsonValue | undefined, path: string): string {
  if (isJsonObject(functionName) && typeof functionName['Ref'] === 'string') return functionName['Ref'];
  throw new MalformedTemplateError(path, '{ Ref: <function logical id> }');
}

/** Every `AWS::Lambda::EventSourceMapping`, resolved. */
export function eventSourceMappings(template: CfnTemplate, scope: ResolutionScope): LocalEventSourceMapping[] {
  return resourcesOfType(template, 'AWS::Lambda::EventSourceMapping').map(({ logicalId, resource }) => {
    const { FunctionName, EventSourceArn, ...rest } = resource.Properties ?? {};
    const properties = resolveIntrinsics(rest, scope, pathOf(logicalId));
    return {
      logicalId,
      functionLogicalId: functionLogicalIdOf(FunctionName, pathOf(logicalId, 'FunctionName')),
      eventSourceArn: resolveToString(EventSourceArn ?? null, scope, pathOf(logicalId, 'EventSourceArn')),
      properties: isJsonObject(properties) ? properties : {},
    };
  });
}
