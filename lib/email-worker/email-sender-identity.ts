/**
 * The SES identity the worker sends from, as a CloudFormation parameter whose default comes from
 * `-c emailFrom=...`. Reviewers can `cdk synth` with no context at all; a deploy without a sender is
 * refused by a CloudFormation rule before any resource is created, with a message saying what to do.
 */
import { CfnParameter, CfnRule, Fn } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { EmailIdentity, type IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

/** Message CloudFormation shows when the stack is deployed without a sender. */
export const EMAIL_FROM_MISSING_MESSAGE = 'emailFrom is missing: deploy with -c emailFrom=you@your-verified-domain';
/** Logical id of the parameter, stable so `--parameters EmailFrom=...` works too. */
export const EMAIL_FROM_PARAMETER = 'EmailFrom';

/**
 * The IAM actions SES v2's SendEmail is authorized against: `ses:SendEmail`, plus `ses:SendRawEmail`
 * when the content is Raw (a whole MIME message), which is what nodemailer's SES transport sends
 * (without it SES answers "not authorized to perform ses:SendRawEmail", nodemailer issue 1734).
 * A runtime that sends only Content.Simple can drop ses:SendRawEmail. Never ses:* or "*".
 */
export const SES_SEND_ACTIONS = ['ses:SendEmail', 'ses:SendRawEmail'] as const;

/** Props of {@link EmailSenderIdentity}. */
export interface EmailSenderIdentityProps {
  /**
   * The sender address; its address or its domain must be a verified SES identity.
   * @default none: the parameter defaults to empty and deploy is refused
   */
  readonly emailFrom?: string;
}

/** The sender address (a deploy-time value) and send permission scoped to its SES identity. */
export class EmailSenderIdentity extends Construct {
  /** The sender address (a CloudFormation parameter reference). */
  public readonly emailFrom: string;
  private readonly identities: IEmailIdentity[];

  constructor(scope: Construct, id: string, props: EmailSenderIdentityProps = {}) {
    super(scope, id);
    const parameter = new CfnParameter(this, 'Parameter', {
      type: 'String',
      default: props.emailFrom ?? '',
      description: 'Verified SES sender address (its address or domain identity). Set with -c emailFrom=...',
      // Empty is let through here so the rule below can explain what is missing.
      allowedPattern: '^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
      constraintDescription: 'must be an email address such as you@your-verified-domain',
    });
    parameter.overrideLogicalId(EMAIL_FROM_PARAMETER);
    new CfnRule(this, 'Required', {
      assertions: [{ assert: Fn.conditionNot(Fn.conditionEquals(parameter.valueAsString, '')), assertDescription: EMAIL_FROM_MISSING_MESSAGE }],
    });
    this.emailFrom = parameter.valueAsString;
    // SES authorizes sending against the identity that verified the address: the address itself or
    // its domain. Both ARNs are derived from the one parameter, so they cannot drift from it.
    const domain = Fn.select(1, Fn.split('@', this.emailFrom));
    this.identities = [
      EmailIdentity.fromEmailIdentityName(this, 'AddressIdentity', this.emailFrom),
      EmailIdentity.fromEmailIdentityName(this, 'DomainIdentity', domain),
    ];
  }

  /** Lets `grantee` send (SES v2 SendEmail, see {@link SES_SEND_ACTIONS}) from this identity only. */
  public grantSend(grantee: IGrantable): void {
    for (const identity of this.identities) identity.grant(grantee, ...SES_SEND_ACTIONS);
  }
}
