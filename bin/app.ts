#!/usr/bin/env node
/** The CDK app entry (cdk.json runs it with tsx). Context keys: lib/common/app-context.ts. */
import { App } from 'aws-cdk-lib';
import { buildQueueOrStreamApp } from '../lib/queue-or-stream-app';

buildQueueOrStreamApp(new App());
