import type { IRole } from 'aws-cdk-lib/aws-iam';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { createNodejsFunction, type NodejsFunctionOptions } from '../common/nodejs-function';

/** CloudWatch namespace of the clickstream's EMF metrics; the dashboard reads the same one. */
export const CLICKSTREAM_METRICS_NAMESPACE = 'QueueOrStream/Clickstream';

/** Props of {@link ClickstreamFunction}: the factory's options (lib/common/nodejs-function.ts) but the source map, plus the service name. */
export interface ClickstreamFunctionProps extends Omit<NodejsFunctionOptions, 'sourceMap' | 'environment'> {

  /**
   * Powertools service name: the `service` field of every log line and the `service` dimension of
   * every EMF metric.
   */
  readonly serviceName: string;

  /**
   * Extra environment variables for the handler.
   * @default - only the Powertools settings
   */
  readonly environment?: Record<string, string>;

}

/**
 * A clickstream Lambda (lib/common/nodejs-function.ts) whose Powertools logs and metrics carry the
 * clickstream's service name and namespace.
 */
export class ClickstreamFunction extends Construct {
  /** The function. */
  public readonly function: nodejs.NodejsFunction;
  /** Its execution role (always one: the factory creates it), for grants beyond the factory's. */
  public readonly role: IRole;

  constructor(scope: Construct, id: string, props: ClickstreamFunctionProps) {
    super(scope, id);
    const created = createNodejsFunction(this, {
      ...props,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: CLICKSTREAM_METRICS_NAMESPACE,
        ...props.environment,
      },
    });
    this.function = created.function;
    this.role = created.role;
  }
}
