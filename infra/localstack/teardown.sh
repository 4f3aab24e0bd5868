#!/usr/bin/env bash
# Removes what infra/localstack/deploy.sh made on LocalStack (127.0.0.1): the stack, the tables the stack retains on
# delete (DeletionPolicy: Retain: order state, operator audit, listings), and the two secrets. STOP_LOCALSTACK=1 also stops LocalStack and deletes
# its volume. Not run in our CI (no Docker engine there); see infra/localstack/README.md.
#
# Settings (environment, with defaults): STACK_NAME=commerce-sync, SHOPIFY_SECRET_NAME, ERP_API_KEY_SECRET_NAME (as in
# deploy.sh), LOCALSTACK_PORT=4566, AWS_REGION=us-east-1, STOP_LOCALSTACK=0.
set -euo pipefail

readonly COMPOSE_FILE=infra/localstack/docker-compose.yml

STACK_NAME=${STACK_NAME:-commerce-sync}
SHOPIFY_SECRET_NAME=${SHOPIFY_SECRET_NAME:-commerce-sync/local/shopify-webhook-secret}
ERP_API_KEY_SECRET_NAME=${ERP_API_KEY_SECRET_NAME:-commerce-sync/local/erp-api-key}
LOCALSTACK_PORT=${LOCALSTACK_PORT:-4566}
STOP_LOCALSTACK=${STOP_LOCALSTACK:-0}
readonly ENDPOINT="http://127.0.0.1:${LOCALSTACK_PORT}"

# LocalStack only, with its dummy credentials: never AWS.
export AWS_ENDPOINT_URL="$ENDPOINT"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
unset AWS_SESSION_TOKEN AWS_PROFILE
export AWS_REGION=${AWS_REGION:-us-east-1}
export AWS_DEFAULT_REGION="$AWS_REGION"

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'teardown.sh: %s\n' "$*" >&2; exit 1; }

case "$LOCALSTACK_PORT" in ''|*[!0-9]*) die "LOCALSTACK_PORT must be a port number, not '$LOCALSTACK_PORT'" ;; esac
command -v curl >/dev/null 2>&1 || die "missing: curl"
if command -v awslocal >/dev/null 2>&1; then
  AWS_CLI=(awslocal)
elif command -v aws >/dev/null 2>&1; then
  AWS_CLI=(aws --endpoint-url "$ENDPOINT")
else
  die "missing: awslocal (or aws); pip install 'awscli-local[ver1]'"
fi
awsl() { "${AWS_CLI[@]}" "$@"; }

compose() {
  if docker compose version >/dev/null 2>&1; then
    docker compose "$@"
  elif command -v docker-compose >/dev/null 2>&1; then
    docker-compose "$@"
  else
    die "neither 'docker compose' nor 'docker-compose' is installed"
  fi
}

if curl -fsS --max-time 5 "$ENDPOINT/_localstack/health" >/dev/null 2>&1; then
  if awsl cloudformation describe-stacks --stack-name "$STACK_NAME" >/dev/null 2>&1; then
    # Read before the delete: these tables outlive the stack.
    retained=()
    for output in OrderStateTableName OperatorAuditTableName ListingTableName; do
      table=$(awsl cloudformation describe-stacks --stack-name "$STACK_NAME" \
        --query "Stacks[0].Outputs[?OutputKey=='$output'].OutputValue | [0]" --output text)
      if [ -n "$table" ] && [ "$table" != None ]; then
        retained+=("$table")
      fi
    done
    say "deleting stack $STACK_NAME"
    awsl cloudformation delete-stack --stack-name "$STACK_NAME"
    awsl cloudformation wait stack-delete-complete --stack-name "$STACK_NAME"
    for table in "${retained[@]}"; do
      say "deleting retained table $table"
      awsl dynamodb delete-table --table-name "$table" >/dev/null 2>&1 || true
    done
  else
    say "no stack $STACK_NAME"
  fi
  for secret in "$SHOPIFY_SECRET_NAME" "$ERP_API_KEY_SECRET_NAME"; do
    if awsl secretsmanager delete-secret --secret-id "$secret" --force-delete-without-recovery >/dev/null 2>&1; then
      say "deleted secret $secret"
    fi
  done
else
  say "LocalStack is not answering on $ENDPOINT; nothing to delete there"
fi

if [ "$STOP_LOCALSTACK" = 1 ]; then
  say "stopping LocalStack and deleting its volume ($COMPOSE_FILE)"
  # The compose file insists on a token being set; stopping does not need the real one.
  LOCALSTACK_AUTH_TOKEN=${LOCALSTACK_AUTH_TOKEN:-unused-for-down} compose -f "$COMPOSE_FILE" down --volumes
fi
