#!/usr/bin/env node
/** The CDK app entry (cdk.json runs it with tsx). Context keys: lib/common/app-context.ts. */
import { App } from 'aws-cdk-lib';
import { InvalidContextError } from '../lib/common/invalid-context-error';
import { InvalidPropError } from '../lib/common/invalid-prop-error';
import { buildQueueOrStreamApp } from '../lib/queue-or-stream-app';

try {
  buildQueueOrStreamApp(new App());
} catch (error) {
  // A wrong -c value is the user's to fix: say which and how, without a stack trace.
  if (error instanceof InvalidContextError || error instanceof InvalidPropError) {
    console.error(`${error.name}: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
