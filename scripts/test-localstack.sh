#!/usr/bin/env bash
# npm run test:localstack [-- --keep] [-- --no-token]
#
# Deploys both stacks to a running LocalStack with cdklocal, runs the remote integration suite
# (test/integ/remote-*.test.ts) against them, and destroys them on exit, also on failure.
#   --keep      leave the stacks deployed (for `npm start -- --target localstack`)
#   --no-token  skip the LOCALSTACK_AUTH_TOKEN check (LocalStack 4.14.0, the last image without one)
# Environment:
#   AWS_ENDPOINT_URL     LocalStack's edge endpoint (default http://127.0.0.1:4566)
#   AWS_ENDPOINT_URL_S3  S3 endpoint for asset publishing (default: AWS_ENDPOINT_URL, path-style)
#   AWS_REGION           (default us-east-1)
#   QOS_EMAIL_FROM       sender identity of the deployed worker (default sender@example.com); not verified:
#                        free LocalStack has no SES v2 API
# The email pattern deploys with emailConsumers=lambda: ECS and Application Auto Scaling need a paid
# LocalStack tier; SQS, Lambda, DynamoDB, Kinesis, Firehose, S3 and CloudWatch are in the free tier.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
fail() { printf 'test:localstack: %s\n' "$*" >&2; exit 2; }

keep=false
check_token=true
for argument in "$@"; do
  case "$argument" in
    --keep) keep=true ;;
    --no-token) check_token=false ;;
    *) fail "unknown flag '$argument' (expected --keep or --no-token)" ;;
  esac
done

step "Checking LOCALSTACK_AUTH_TOKEN"
if [[ "$check_token" == true && -z "${LOCALSTACK_AUTH_TOKEN:-}" ]]; then
  fail "LOCALSTACK_AUTH_TOKEN is not set. LocalStack images released after 2026-03-23 refuse to start without one
  (get a free Hobby token at https://app.localstack.cloud, then: export LOCALSTACK_AUTH_TOKEN=...).
  LocalStack 4.14.0 is the last image that starts without a token; if you run it, pass --no-token."
fi

export AWS_ENDPOINT_URL="${AWS_ENDPOINT_URL:-http://127.0.0.1:4566}"
# cdklocal insists on an explicit S3 endpoint when AWS_ENDPOINT_URL is set; path-style needs no DNS.
export AWS_ENDPOINT_URL_S3="${AWS_ENDPOINT_URL_S3:-$AWS_ENDPOINT_URL}"
export AWS_S3_FORCE_PATH_STYLE=1
export AWS_REGION="${AWS_REGION:-us-east-1}"
export AWS_DEFAULT_REGION="$AWS_REGION"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
# cdklocal strips every other AWS_* variable before running the CDK CLI.
export AWS_ENVAR_ALLOWLIST="AWS_REGION,AWS_DEFAULT_REGION,AWS_S3_FORCE_PATH_STYLE"
email_from="${QOS_EMAIL_FROM:-sender@example.com}"
context=(-c emailConsumers=lambda -c "emailFrom=$email_from")
cdklocal=(npx --no-install cdklocal)
# The remote suites cover the SQS and Kinesis patterns; the Kafka stack (MSK) needs a paid LocalStack
# tier, so it is neither deployed nor destroyed here. `npm start -- --target localstack` then shows
# the Kafka column as not run, with that reason; the exit code is the other columns'.
stacks=(QueueOrStream-EmailWorker QueueOrStream-Clickstream)

step "Checking that LocalStack answers at $AWS_ENDPOINT_URL"
if ! curl --silent --show-error --fail --max-time 5 "$AWS_ENDPOINT_URL/_localstack/health" >/dev/null; then
  fail "LocalStack does not answer at $AWS_ENDPOINT_URL/_localstack/health. Start it (e.g. localstack start -d, or
  docker run -d -p 4566:4566 -e LOCALSTACK_AUTH_TOKEN localstack/localstack) or set AWS_ENDPOINT_URL."
fi

destroy() {
  local status=$?
  if [[ "$keep" == true ]]; then
    step "Leaving the stacks deployed (--keep); destroy them with: npx cdklocal destroy --force ${stacks[*]} ${context[*]}"
  else
    step "Destroying both stacks"
    "${cdklocal[@]}" destroy --force "${stacks[@]}" "${context[@]}" || printf 'test:localstack: destroy failed; run: npx cdklocal destroy --force %s\n' "${stacks[*]}" >&2
  fi
  exit "$status"
}
trap destroy EXIT

step "Bootstrapping the CDK in LocalStack"
"${cdklocal[@]}" bootstrap "${context[@]}"

step "Deploying QueueOrStream-EmailWorker (consumers: lambda) and QueueOrStream-Clickstream"
"${cdklocal[@]}" deploy --require-approval never "${stacks[@]}" "${context[@]}"

step "Sender identity $email_from: not verified (free LocalStack serves no SES v2 API)"
echo "  skipped: the deployed worker's sends fail on free LocalStack, so its valid jobs end in the DLQ with"
echo "  their SES reason; the suite counts them there. Queue, stream, table and archive figures are unaffected."

step "Running the remote integration suite (QOS_TARGET=localstack)"
QOS_TARGET=localstack npx --no-install jest --runInBand test/integ/remote-
