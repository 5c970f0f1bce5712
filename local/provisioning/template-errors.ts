/**
 * Named errors of template reading and intrinsic resolution; each carries where it happened. A
 * template the local run cannot read is a configuration problem of the app (exit 2); a resource the
 * emulators cannot create is an environment problem (exit 3).
 */
import { ConfigurationError, EnvironmentError } from '../../runtime/shared/errors';

/** A template uses an intrinsic function (or a form of one) the local resolver does not implement. */
export class UnsupportedIntrinsicError extends ConfigurationError {
  override readonly name = 'UnsupportedIntrinsicError';
  constructor(
    /** The intrinsic, e.g. `Fn::If`. */
    readonly intrinsic: string,
    /** JSON path of the value being resolved, e.g. `Resources.Fn.Properties.Environment`. */
    readonly path: string,
  ) {
    super(`${intrinsic} at ${path} is not supported by the local intrinsic resolver`);
  }
}

/** A `Ref` or `Fn::GetAtt` names a resource that was not created locally, or an attribute it lacks. */
export class UnresolvedReferenceError extends ConfigurationError {
  override readonly name = 'UnresolvedReferenceError';
  constructor(
    /** Logical id (or pseudo parameter) that was referenced. */
    readonly logicalId: string,
    /** Attribute name for `Fn::GetAtt`; undefined for `Ref`. */
    readonly attribute: string | undefined,
    /** JSON path of the reference. */
    readonly path: string,
  ) {
    super(
      `${attribute === undefined ? `Ref ${logicalId}` : `Fn::GetAtt ${logicalId}.${attribute}`} at ${path}: ` +
        'no such resource or attribute was provisioned locally',
    );
  }
}

/** A template section does not have the shape CloudFormation (and CDK) give it. */
export class MalformedTemplateError extends ConfigurationError {
  override readonly name = 'MalformedTemplateError';
  constructor(
    /** JSON path of the offending value. */
    readonly path: string,
    /** What was expected there. */
    readonly expected: string,
  ) {
    super(`template value at ${path} is malformed: expected ${expected}`);
  }
}

/** The synthesized app has no stack of the requested name. */
export class StackNotSynthesizedError extends ConfigurationError {
  override readonly name = 'StackNotSynthesizedError';
  constructor(
    readonly stackName: string,
    readonly availableStacks: readonly string[],
  ) {
    super(`stack ${stackName} was not synthesized; the app has: ${availableStacks.join(', ') || '(none)'}`);
  }
}

/** A local provisioner could not create a resource the template declares. */
export class ProvisioningError extends EnvironmentError {
  override readonly name = 'ProvisioningError';
  constructor(
    readonly logicalId: string,
    readonly physicalName: string,
    readonly reason: string,
  ) {
    super(`could not provision ${logicalId} as ${physicalName}: ${reason}`);
  }
}
