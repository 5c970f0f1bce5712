/**
 * Runs the local provisioners over one template, in order, each one seeing the physical resources
 * the previous ones created (so a table's ARN can appear in a queue's policy, and so on).
 */
import type { CfnTemplate } from './cfn-template';
import type { PhysicalResource, ResolutionScope, PseudoParameters } from './intrinsic-resolver';

/** One resource a provisioner created. */
export interface ProvisionedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly physicalName: string;
}

/** What one provisioner did. */
export interface ProvisionResult {
  /** `Ref`/`Fn::GetAtt` answers of the created resources, by logical id. */
  readonly resources: ReadonlyMap<string, PhysicalResource>;
  readonly created: readonly ProvisionedResource[];
  /** Where the local resource differs from what the template declares (e.g. TTL not emulated). */
  readonly notes: readonly string[];
}

/** Creates the resources of some types from a template. */
export interface TemplateProvisioner {
  /** Types it creates, e.g. `['AWS::SQS::Queue']`. */
  readonly resourceTypes: readonly string[];
  provision(template: CfnTemplate, scope: ResolutionScope): Promise<ProvisionResult>;
}

/** Everything created for one template, plus the scope to resolve the rest of it against. */
export interface ProvisionedTemplate {
  readonly scope: ResolutionScope;
  readonly created: readonly ProvisionedResource[];
  readonly notes: readonly string[];
  /** Union of the provisioners' types: feed it to `unemulatedResourceTypes`. */
  readonly emulatedTypes: readonly string[];
}

/** Values the template itself does not fix: the pseudo parameters' fields, plus parameter values. */
export interface ProvisionTemplateOptions extends PseudoParameters {
  /** Template parameter values, as `--parameters Name=value` would give them. @default each parameter's Default */
  readonly parameters?: Readonly<Record<string, string>>;
}

/** Each parameter's Default, overridden by the given values; parameters with neither stay unset. */
function parameterValues(template: CfnTemplate, overrides: Readonly<Record<string, string>>): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, parameter] of Object.entries(template.Parameters ?? {})) {
    if (parameter.Default !== undefined) values.set(name, String(parameter.Default));
  }
  for (const [name, value] of Object.entries(overrides)) values.set(name, value);
  return values;
}

/** Runs each provisioner in order over the template. */
export async function provisionTemplate(
  template: CfnTemplate,
  provisioners: readonly TemplateProvisioner[],
  options: ProvisionTemplateOptions = {},
): Promise<ProvisionedTemplate> {
  const { parameters: parameterOverrides, ...pseudoParameters } = options;
  const parameters = parameterValues(template, parameterOverrides ?? {});
  const resources = new Map<string, PhysicalResource>();
  const created: ProvisionedResource[] = [];
  const notes: string[] = [];
  for (const provisioner of provisioners) {
    const result = await provisioner.provision(template, { resources, pseudoParameters, parameters });
    for (const [logicalId, resource] of result.resources) resources.set(logicalId, resource);
    created.push(...result.created);
    notes.push(...result.notes);
  }
  return {
    scope: { resources, pseudoParameters, parameters },
    created,
    notes,
    emulatedTypes: provisioners.flatMap((provisioner) => provisioner.resourceTypes),
  };
}
