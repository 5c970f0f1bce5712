/**
 * A tiny CloudFormation intrinsic resolver for the values our templates put in Environment and
 * Properties: `Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub` (string and [string, variables] forms),
 * `Fn::Select`, `Fn::Split`, template parameters and the pseudo parameters. It resolves against the physical resources
 * the local provisioners created; anything else fails loudly instead of leaking a token.
 */
import { isJsonObject, type JsonObject, type JsonValue } from './cfn-template';
import { UnresolvedReferenceError, UnsupportedIntrinsicError, MalformedTemplateError } from './template-errors';

/** What a locally created resource answers to `Ref` and `Fn::GetAtt`. */
export interface PhysicalResource {
  /** The value of `Ref` (queue URL, table name, stream name, ...). */
  readonly ref: string;
  /** `Fn::GetAtt` attributes by name (`Arn`, `QueueUrl`, `QueueName`, `StreamArn`, ...). */
  readonly attributes: Readonly<Record<string, string>>;
}

/** Values of the pseudo parameters (`AWS::Region`, ...) for the local run. */
export interface PseudoParameters {
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '000000000000' (the emulators' conventional account) */
  readonly accountId?: string;
  /** @default 'local' */
  readonly stackName?: string;
}

/** Everything a resolution can refer to. */
export interface ResolutionScope {
  /** Physical resources by logical id. */
  readonly resources: ReadonlyMap<string, PhysicalResource>;
  /** @default the defaults of each field of PseudoParameters */
  readonly pseudoParameters?: PseudoParameters;
  /** Values of the template's own parameters (`Ref: <ParameterName>`). @default none */
  readonly parameters?: ReadonlyMap<string, string>;
}

/** `Ref: AWS::NoValue` removes the property; this marks the hole until the parent drops it. */
const NO_VALUE = Symbol('AWS::NoValue');
type Resolved = JsonValue | typeof NO_VALUE;

function pseudoParameter(name: string, scope: ResolutionScope): string | undefined {
  const pseudo = scope.pseudoParameters ?? {};
  const region = pseudo.region ?? 'us-east-1';
  const values: Record<string, string> = {
    'AWS::Region': region,
    'AWS::AccountId': pseudo.accountId ?? '000000000000',
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': pseudo.stackName ?? 'local',
    'AWS::StackId': `arn:aws:cloudformation:${region}:${pseudo.accountId ?? '000000000000'}:stack/${pseudo.stackName ?? 'local'}/local`,
  };
  return values[name];
}

function resolveRef(name: string, scope: ResolutionScope, path: string): Resolved {
  if (name === 'AWS::NoValue') return NO_VALUE;
  const pseudo = pseudoParameter(name, scope) ?? scope.parameters?.get(name);
  if (pseudo !== undefined) return pseudo;
  const resource = scope.resources.get(name);
  if (resource === undefined) throw new UnresolvedReferenceError(name, undefined, path);
  return resource.ref;
}

function resolveGetAtt(logicalId: string, attribute: string, scope: ResolutionScope, path: string): string {
  const value = scope.resources.get(logicalId)?.attributes[attribute];
  if (value === undefined) throw new UnresolvedReferenceError(logicalId, attribute, path);
  return value;
}

function expectString(value: Resolved, path: string): string {
  if (typeof value !== 'string') throw new MalformedTemplateError(path, 'a string');
  return value;
}

function expectArray(value: Resolved, path: string): JsonValue[] {
  if (!Array.isArray(value)) throw new MalformedTemplateError(path, 'an array');
  return value;
}

/** `${Name}`, `${Name.Attribute}`, `${!Literal}` inside an Fn::Sub string. */
const SUB_PLACEHOLDER = /\$\{([^}]+)\}/g;

function resolveSub(argument: JsonValue, scope: ResolutionScope, path: string): string {
  const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
  const template = expectString(text ?? null, `${path}[0]`);
  const variableMap = resolveValue(variables ?? {}, scope, `${path}[1]`);
  if (variableMap === NO_VALUE || !isJsonObject(variableMap)) {
    throw new MalformedTemplateError(`${path}[1]`, 'an object of variables');
  }
  return template.replace(SUB_PLACEHOLDER, (_match, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const variable = variableMap[name];
    if (variable !== undefined) return expectString(variable, `${path}.${name}`);
    const dot = name.indexOf('.');
    if (dot > 0) return resolveGetAtt(name.slice(0, dot), name.slice(dot + 1), scope, path);
    return expectString(resolveRef(name, scope, path), path);
  });
}

function resolveIntrinsic(name: string, argument: JsonValue, scope: ResolutionScope, path: string): Resolved {
  const at = `${path}.${name}`;
  switch (name) {
    case 'Ref':
      return resolveRef(expectString(argument, at), scope, at);
    case 'Fn::GetAtt': {
      // Both forms: ["Logical", "Attr"] and "Logical.Attr".
      const [logicalId, attribute] = Array.isArray(argument)
        ? argument.map((part, index) => expectString(resolveValue(part, scope, `${at}[${index}]`), at))
        : expectString(argument, at).split(/\.(.*)/s);
      if (logicalId === undefined || attribute === undefined) throw new MalformedTemplateError(at, '[logicalId, attribute]');
      return resolveGetAtt(logicalId, attribute, scope, at);
    }
    case 'Fn::Join': {
      const [delimiter, parts] = expectArray(argument, at);
      const resolvedParts = expectArray(resolveValue(parts ?? null, scope, `${at}[1]`), `${at}[1]`);
      return resolvedParts.map((part, index) => expectString(part, `${at}[1][${index}]`)).join(expectString(delimiter ?? null, `${at}[0]`));
    }
    case 'Fn::Sub':
      return resolveSub(argument, scope, at);
    case 'Fn::Select': {
      const [index, list] = expectArray(argument, at);
      const resolvedList = expectArray(resolveValue(list ?? null, scope, `${at}[1]`), `${at}[1]`);
      const selected = resolvedList[Number(resolveValue(index ?? null, scope, `${at}[0]`))];
      if (selected === undefined) throw new MalformedTemplateError(at, 'an index inside the list');
      return selected;
    }
    case 'Fn::Split': {
      const [delimiter, source] = expectArray(argument, at);
      return expectString(resolveValue(source ?? null, scope, `${at}[1]`), `${at}[1]`).split(expectString(delimiter ?? null, `${at}[0]`));
    }
    default:
      throw new UnsupportedIntrinsicError(name, at);
  }
}

function isIntrinsicName(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}

function resolveValue(value: JsonValue, scope: ResolutionScope, path: string): Resolved {
  if (Array.isArray(value)) {
    return value
      .map((item, index) => resolveValue(item, scope, `${path}[${index}]`))
      .filter((item): item is JsonValue => item !== NO_VALUE);
  }
  if (!isJsonObject(value)) return value;
  const keys = Object.keys(value);
  const onlyKey = keys[0];
  if (keys.length === 1 && onlyKey !== undefined && isIntrinsicName(onlyKey)) {
    return resolveIntrinsic(onlyKey, value[onlyKey] ?? null, scope, path);
  }
  const resolved: JsonObject = {};
  for (const key of keys) {
    const item = resolveValue(value[key] ?? null, scope, `${path}.${key}`);
    if (item !== NO_VALUE) resolved[key] = item;
  }
  return resolved;
}

/**
 * Resolves every intrinsic inside `value`.
 * @param path where the value sits in the template; used in error messages.
 * @throws UnsupportedIntrinsicError, UnresolvedReferenceError, MalformedTemplateError
 */
export function resolveIntrinsics(value: JsonValue, scope: ResolutionScope, path = '$'): JsonValue | undefined {
  const resolved = resolveValue(value, scope, path);
  return resolved === NO_VALUE ? undefined : resolved;
}

/** Resolves a value that must end up a string (an environment variable, a queue URL, ...). */
export function resolveToString(value: JsonValue, scope: ResolutionScope, path = '$'): string {
  const resolved = resolveIntrinsics(value, scope, path);
  if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
  if (typeof resolved !== 'string') throw new MalformedTemplateError(path, 'a value that resolves to a string');
  return resolved;
}
