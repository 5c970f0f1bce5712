/** Lists what a template declares that the embedded environment does not emulate, to print it honestly. */
import type { CfnTemplate } from './cfn-template';

/** Resource types created locally by some provisioner, or that need nothing locally. */
export interface EmulationCoverage {
  /** Types a local provisioner creates (e.g. `AWS::SQS::Queue`). */
  readonly emulatedTypes: readonly string[];
  /**
   * Types played by a local runner rather than created (e.g. `AWS::Lambda::Function` run by the
   * event-source runner). They are still listed, with this note.
   * @default {}
   */
  readonly substitutedTypes?: Readonly<Record<string, string>>;
}

/** One line of the "not emulated" report. */
export interface UnemulatedResourceType {
  readonly type: string;
  readonly count: number;
  /** How it is stood in for locally, if at all. */
  readonly localSubstitute: string | undefined;
}

/** Resource types the template declares that no provisioner creates, counted, sorted by type. */
export function unemulatedResourceTypes(template: CfnTemplate, coverage: EmulationCoverage): UnemulatedResourceType[] {
  const counts = new Map<string, number>();
  for (const resource of Object.values(template.Resources)) {
    if (coverage.emulatedTypes.includes(resource.Type)) continue;
    counts.set(resource.Type, (counts.get(resource.Type) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, count]) => ({ type, count, localSubstitute: coverage.substitutedTypes?.[type] }));
}

/** Human-readable lines: `not emulated: AWS::ECS::Service x1 (run as a child process)`. */
export function formatUnemulatedResourceTypes(types: readonly UnemulatedResourceType[]): string[] {
  return types.map(
    ({ type, count, localSubstitute }) =>
      `not emulated: ${type} x${count}${localSubstitute === undefined ? '' : ` (${localSubstitute})`}`,
  );
}
