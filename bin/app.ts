#!/usr/bin/env node
/** The CDK app entry (cdk.json runs it with tsx). Context keys: lib/common/app-context.ts. */
import { App } from 'aws-cdk-lib';
import { ConfigurationError, exitCodeFor } from '../runtime/shared/errors';
import { buildQueueOrStreamApp } from '../lib/queue-or-stream-app';

try {
  buildQueueOrStreamApp(new App());
} catch (error) {
  // A wrong -c value or prop (InvalidContextError, InvalidPropError) is the user's to fix: say which
  // and how, without a stack trace, and exit 2 like every other configuration error of the project.
  if (error instanceof ConfigurationError) {
    console.error(`${error.name}: ${error.message}`);
    process.exit(exitCodeFor(error));
  }
  throw error;
}
