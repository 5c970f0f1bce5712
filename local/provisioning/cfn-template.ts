/**
 * The slice of a synthesized CloudFormation template the embedded environment reads: plain JSON
 * types plus lookups by resource type. No aws-cdk-lib import: these are data, not constructs.
 */

/** Any JSON value, as found in a synthesized template. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** One entry of the template's `Resources` section. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: JsonObject;
  readonly Metadata?: JsonObject;
  readonly DependsOn?: string | string[];
}

/** One entry of the template's `Parameters` section. */
export interface CfnParameter {
  readonly Type: string;
  readonly Default?: string | number;
}

/** A synthesized template (only the sections the embedded environment uses). */
export interface CfnTemplate {
  readonly Parameters?: Readonly<Record<string, CfnParameter>>;
  readonly Resources: Readonly<Record<string, CfnResource>>;
  readonly Outputs?: Readonly<Record<string, { readonly Value: JsonValue }>>;
}

/** A resource together with its logical id. */
export interface LogicalResource {
  readonly logicalId: string;
  readonly resource: CfnResource;
}

/** Every resource of one type, in template order. */
export function resourcesOfType(template: CfnTemplate, type: string): LogicalResource[] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([logicalId, resource]) => ({ logicalId, resource }));
}

/** The construct path CDK records in the metadata (`Stack/Construct/Resource`), if any. */
export function constructPathOf(resource: CfnResource): string | undefined {
  const path = resource.Metadata?.['aws:cdk:path'];
  return typeof path === 'string' ? path : undefined;
}

/** Narrows a JSON value to an object (not an array, not null). */
export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
