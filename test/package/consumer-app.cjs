/* global require, console */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, as a JavaScript consumer of the package writes it */
// A minimal CDK app of someone else, in plain JavaScript: the three patterns from the installed
// package, each with no props at all, in one bare Stack. Copied into a temporary folder by
// pack-reuse.test.ts and run there with Node.
'use strict';

const { App, Stack } = require('aws-cdk-lib');
const { Clickstream, EmailWorker, KafkaClickstream } = require('queue-or-stream');

const app = new App({ outdir: 'cdk.out' });
const stack = new Stack(app, 'Consumer');
new EmailWorker(stack, 'Emails');
new Clickstream(stack, 'Clicks');
new KafkaClickstream(stack, 'Kafka');
app.synth();
console.log('synthesized');
