#!/usr/bin/env bash
# npm run test:aws -- --stage NAME [--keep] [--consumers lambda|fargate] [--kafka [--kafka-cluster provisioned|serverless]]
#
# Deploys both stacks to the AWS account of your current credentials under a stage prefix
# (QueueOrStream-NAME-EmailWorker, QueueOrStream-NAME-Clickstream), runs the remote integration
# suite (test/integ/remote-*.test.ts) against them, and destroys them on exit unless --keep.
#   --stage NAME   required: letters, digits, hyphens (keeps the test stacks apart from anything else)
#   --keep         leave the stacks deployed
#   --consumers    email consumers, lambda (default here: no Docker needed) or fargate (needs Docker to build the image)
#   --kafka        opt-in (also QOS_KAFKA=1): deploy QueueOrStream-NAME-Kafka too and run its suite
#                  (test/integ/remote-kafka.test.ts). MSK takes 20-40 minutes to create and 10-20 to
#                  delete, and bills from the first hour (serverless: its cluster-hours even with no
#                  traffic; `npm run advise -- --rate 1/s --size 1KB --consumers 2` prices it). Needs Docker (the analytics image).
#                  The brokers answer only inside the stack's VPC: outside it the Kafka suite fails at
#                  once with what to do; run this script (same --stage, after a --keep run) from an
#                  instance in that VPC (the stack's ClientSubnetIds and ClientSecurityGroupId outputs).
#   --kafka-cluster  the MSK cluster type with --kafka (default provisioned)
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
kafka="${QOS_KAFKA:-0}"
kafka_cluster=provisioned
while [[ $# -gt 0 ]]; do
  case "$1" in
    --stage) [[ $# -ge 2 ]] || fail "--stage needs a value"; stage="$2"; shift 2 ;;
    --stage=*) stage="${1#--stage=}"; shift ;;
    --keep) keep=true; shift ;;
    --consumers) [[ $# -ge 2 ]] || fail "--consumers needs a value"; consumers="$2"; shift 2 ;;
    --kafka) kafka=1; shift ;;
    --kafka-cluster) [[ $# -ge 2 ]] || fail "--kafka-cluster needs a value"; kafka_cluster="$2"; shift 2 ;;
    *) fail "unknown flag '$1' (expected --stage NAME, --keep, --consumers lambda|fargate, --kafka, --kafka-cluster provisioned|serverless)" ;;
  esac
done
[[ -n "$stage" ]] || fail "--stage NAME is required, e.g. npm run test:aws -- --stage $(whoami | tr -cd 'A-Za-z0-9' | head -c 12)test
  (a stage keeps these test stacks apart from any unstaged deployment in the account)"
[[ "$stage" =~ ^[A-Za-z][A-Za-z0-9-]{0,19}$ ]] || fail "--stage must be up to 20 letters, digits or hyphens, starting with a letter; got '$stage'"
[[ "$consumers" == lambda || "$consumers" == fargate ]] || fail "--consumers must be lambda or fargate; got '$consumers'"
[[ "$kafka" == 0 || "$kafka" == 1 ]] || fail "QOS_KAFKA must be 0 or 1; got '$kafka'"
[[ "$kafka_cluster" == provisioned || "$kafka_cluster" == serverless ]] || fail "--kafka-cluster must be provisioned or serverless; got '$kafka_cluster'"
[[ -n "${QOS_EMAIL_FROM:-}" ]] || fail "QOS_EMAIL_FROM is not set: export QOS_EMAIL_FROM=you@your-verified-domain (an SES-verified identity)"

step "Checking AWS credentials"
command -v aws >/dev/null || fail "the AWS CLI is needed for the credential check (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)"
if ! identity=$(aws sts get-caller-identity --query Arn --output text 2>&1); then
  fail "no usable AWS credentials ($identity). Configure them (aws configure sso, AWS_PROFILE=...) and retry."
fi
printf 'deploying as %s\n' "$identity"

context=(-c "stage=$stage" -c "emailConsumers=$consumers" -c "emailFrom=$QOS_EMAIL_FROM" -c "kafkaCluster=$kafka_cluster")
cdk=(npx --no-install cdk)
# The SQS and Kinesis stacks always; the Kafka stack (MSK) only with --kafka: it costs money from
# the first hour and takes 20-40 minutes to create.
stacks=("QueueOrStream-$stage-EmailWorker" "QueueOrStream-$stage-Clickstream")
kafka_stack="QueueOrStream-$stage-Kafka"
if [[ "$kafka" == 1 ]]; then
  stacks+=("$kafka_stack")
  command -v docker >/dev/null || fail "--kafka needs Docker: the analytics members' image is built at deploy time"
fi

destroy() {
  local status=$?
  if [[ "$keep" == true ]]; then
    step "Leaving the stacks deployed (--keep); destroy them with: npx cdk destroy --force ${stacks[*]} ${context[*]}"
  else
    step "Destroying ${stacks[*]}"
    "${cdk[@]}" destroy --force "${stacks[@]}" "${context[@]}" || printf 'test:aws: destroy failed; run: npx cdk destroy --force %s %s\n' "${stacks[*]}" "${context[*]}" >&2
  fi
  exit "$status"
}
trap destroy EXIT

step "Deploying ${stacks[*]} (email consumers: $consumers$([[ "$kafka" == 1 ]] && printf '; MSK %s, 20-40 minutes' "$kafka_cluster"))"
"${cdk[@]}" deploy --require-approval never "${stacks[@]}" "${context[@]}"

if [[ "$kafka" == 1 && "$kafka_cluster" == provisioned ]]; then
  # MSK's topic API answers from anywhere (no broker access needed); it serves provisioned clusters only.
  step "Checking the Kafka topics with MSK's topic API"
  cluster_arn=$(aws cloudformation describe-stacks --stack-name "$kafka_stack" --query "Stacks[0].Outputs[?OutputKey=='ClusterArn'].OutputValue" --output text)
  if topics=$(aws kafka list-topics --cluster-arn "$cluster_arn" --query 'Topics[].TopicName' --output text 2>&1); then
    for topic in clickstream clickstream-sessions clickstream-dlq; do
      [[ " $topics " =~ [[:space:]]$topic[[:space:]] ]] || fail "topic $topic is missing on $cluster_arn (MSK lists: $topics)"
    done
    printf 'topics present: %s\n' "$topics"
  else
    printf 'test:aws: could not list the topics (%s); an AWS CLI from 2025 or later has `aws kafka list-topics`\n' "$topics" >&2
  fi
fi

step "Running the remote integration suite (QOS_TARGET=aws QOS_STAGE=$stage)"
QOS_TARGET=aws QOS_STAGE="$stage" QOS_KAFKA="$kafka" npx --no-install jest --runInBand test/integ/remote-
