#!/usr/bin/env bash
# npm run test:aws -- --stage NAME [--keep] [--consumers lambda|fargate]
#
# Deploys both stacks to the AWS account of your current credentials under a stage prefix
# (QueueOrStream-NAME-EmailWorker, QueueOrStream-NAME-Clickstream), runs the remote integration
# suite (test/integ/remote-*.test.ts) against them, and destroys them on exit unless --keep.
#   --stage NAME   required: letters, digits, hyphens (keeps the test stacks apart from anything else)
#   --keep         leave the stacks deployed
#   --consumers    email consumers, lambda (default here: no Docker needed) or fargate (needs Docker to build the image)
# Environment:
#   QOS_EMAIL_FROM  required: an SES-verified identity in the target region (the suite sends to
#                   SES's mailbox simulator, which the SES sandbox allows)
#   AWS_REGION / AWS_PROFILE as usual for the AWS CLI and SDK.
# The account and region must be CDK-bootstrapped once (npx cdk bootstrap). Needs the AWS CLI (for
# the credential check) and, with --consumers fargate, Docker (the worker image is built at deploy).
# Costs: an on-demand Kinesis stream, an EFO consumer, Firehose, Lambda, DynamoDB and SQS for the
# length of the run (cents to a few dollars); --keep keeps them billing.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
fail() { printf 'test:aws: %s\n' "$*" >&2; exit 2; }

stage=""
keep=false
consumers=lambda
while [[ $# -gt 0 ]]; do
  case "$1" in
    --stage) [[ $# -ge 2 ]] || fail "--stage needs a value"; stage="$2"; shift 2 ;;
    --stage=*) stage="${1#--stage=}"; shift ;;
    --keep) keep=true; shift ;;
    --consumers) [[ $# -ge 2 ]] || fail "--consumers needs a value"; consumers="$2"; shift 2 ;;
    *) fail "unknown flag '$1' (expected --stage NAME, --keep, --consumers lambda|fargate)" ;;
  esac
done
[[ -n "$stage" ]] || fail "--stage NAME is required, e.g. npm run test:aws -- --stage $(whoami | tr -cd 'A-Za-z0-9' | head -c 12)test
  (a stage keeps these test stacks apart from any unstaged deployment in the account)"
[[ "$stage" =~ ^[A-Za-z][A-Za-z0-9-]{0,19}$ ]] || fail "--stage must be up to 20 letters, digits or hyphens, starting with a letter; got '$stage'"
[[ "$consumers" == lambda || "$consumers" == fargate ]] || fail "--consumers must be lambda or fargate; got '$consumers'"
[[ -n "${QOS_EMAIL_FROM:-}" ]] || fail "QOS_EMAIL_FROM is not set: export QOS_EMAIL_FROM=you@your-verified-domain (an SES-verified identity)"

step "Checking AWS credentials"
command -v aws >/dev/null || fail "the AWS CLI is needed for the credential check (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)"
if ! identity=$(aws sts get-caller-identity --query Arn --output text 2>&1); then
  fail "no usable AWS credentials ($identity). Configure them (aws configure sso, AWS_PROFILE=...) and retry."
fi
printf 'deploying as %s\n' "$identity"

context=(-c "stage=$stage" -c "emailConsumers=$consumers" -c "emailFrom=$QOS_EMAIL_FROM")
cdk=(npx --no-install cdk)
# The remote suites cover the SQS and Kinesis patterns. The Kafka stack (MSK: 20-40 minutes to
# create, about USD 227/month) is deployed on its own: npx cdk deploy QueueOrStream-<stage>-Kafka.
stacks=("QueueOrStream-$stage-EmailWorker" "QueueOrStream-$stage-Clickstream")

destroy() {
  local status=$?
  if [[ "$keep" == true ]]; then
    step "Leaving the stacks deployed (--keep); destroy them with: npx cdk destroy --force ${stacks[*]} ${context[*]}"
  else
    step "Destroying both stacks of stage $stage"
    "${cdk[@]}" destroy --force "${stacks[@]}" "${context[@]}" || printf 'test:aws: destroy failed; run: npx cdk destroy --force %s %s\n' "${stacks[*]}" "${context[*]}" >&2
  fi
  exit "$status"
}
trap destroy EXIT

step "Deploying QueueOrStream-$stage-EmailWorker (consumers: $consumers) and QueueOrStream-$stage-Clickstream"
"${cdk[@]}" deploy --require-approval never "${stacks[@]}" "${context[@]}"

step "Running the remote integration suite (QOS_TARGET=aws QOS_STAGE=$stage)"
QOS_TARGET=aws QOS_STAGE="$stage" npx --no-install jest --runInBand test/integ/remote-
