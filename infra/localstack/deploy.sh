#!/usr/bin/env bash
# Deploys infra/template.yaml to LocalStack on 127.0.0.1 with samlocal, as `sam deploy` would to AWS.
# Not run in our CI (no Docker engine there); see infra/localstack/README.md.
#
#   export LOCALSTACK_AUTH_TOKEN=...
#   ./mvnw package -DskipTests
#   infra/localstack/deploy.sh
#
# Settings (environment, with defaults):
#   STACK_NAME                commerce-sync
#   ERP_BASE_URL              http://host.docker.internal:8089   (the ./run-local sandbox ERP; host must be
#                                                                   host.docker.internal: see README)
#   SHOPIFY_WEBHOOK_SECRET    commerce-sync-local-development-secret (the same development secret ./run-local uses)
#   ERP_API_KEY               local-sandbox-erp-key
#   SHOPIFY_SECRET_NAME       commerce-sync/local/shopify-webhook-secret
#   ERP_API_KEY_SECRET_NAME   commerce-sync/local/erp-api-key
#   LOG_LEVEL                 INFO
#   OPERATOR_TOKEN            local-operator-token (LocalStack does not enforce IAM, so the operator API demands this
#                                                   bearer token itself: template parameter LocalOperatorToken)
#   LOCALSTACK_PORT           4566   (LocalStack is always addressed as 127.0.0.1)
#   AWS_REGION                us-east-1
#   START_LOCALSTACK          1      start infra/localstack/docker-compose.yml if LocalStack is not answering
#   HEALTH_TIMEOUT_SECONDS    180
set -euo pipefail

readonly TEMPLATE_FILE=infra/template.yaml
readonly COMPOSE_FILE=infra/localstack/docker-compose.yml
# The zips infra/template.yaml's CodeUris name, relative to the repository root (LocalStackRouteTest holds the two to
# each other). `sam deploy` uploads them as they are: Maven is the build, there is no `sam build`.
readonly FUNCTION_ZIPS=(
  functions/ingest/target/function.zip
  functions/map/target/function.zip
  functions/dedupe/target/function.zip
  functions/post-to-erp/target/function.zip
  functions/publish-inventory/target/function.zip
  functions/operator-api/target/function.zip
  functions/watchdog/target/function.zip
)
# Services the stack cannot do without; deploy.sh waits until LocalStack reports each as available.
readonly REQUIRED_SERVICES=(cloudformation iam s3 lambda sqs dynamodb apigatewayv2 logs secretsmanager sts scheduler cloudwatch sns)

STACK_NAME=${STACK_NAME:-commerce-sync}
ERP_BASE_URL=${ERP_BASE_URL:-http://host.docker.internal:8089}
SHOPIFY_WEBHOOK_SECRET=${SHOPIFY_WEBHOOK_SECRET:-commerce-sync-local-development-secret}
ERP_API_KEY=${ERP_API_KEY:-local-sandbox-erp-key}
SHOPIFY_SECRET_NAME=${SHOPIFY_SECRET_NAME:-commerce-sync/local/shopify-webhook-secret}
ERP_API_KEY_SECRET_NAME=${ERP_API_KEY_SECRET_NAME:-commerce-sync/local/erp-api-key}
LOG_LEVEL=${LOG_LEVEL:-INFO}
OPERATOR_TOKEN=${OPERATOR_TOKEN:-local-operator-token}
LOCALSTACK_PORT=${LOCALSTACK_PORT:-4566}
START_LOCALSTACK=${START_LOCALSTACK:-1}
HEALTH_TIMEOUT_SECONDS=${HEALTH_TIMEOUT_SECONDS:-180}
readonly ENDPOINT="http://127.0.0.1:${LOCALSTACK_PORT}"

# Every AWS client below (samlocal, awslocal, aws) talks to LocalStack with LocalStack's dummy credentials, never to AWS
# with yours: AWS_ENDPOINT_URL is honoured by samlocal (>= 1.68), awslocal and the AWS CLI (>= 1.29 / 2.13).
export AWS_ENDPOINT_URL="$ENDPOINT"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
unset AWS_SESSION_TOKEN AWS_PROFILE
export AWS_REGION=${AWS_REGION:-us-east-1}
export AWS_DEFAULT_REGION="$AWS_REGION"
export SAM_CLI_TELEMETRY=0

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'deploy.sh: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------------------------------------ prerequisites

case "$LOCALSTACK_PORT" in ''|*[!0-9]*) die "LOCALSTACK_PORT must be a port number, not '$LOCALSTACK_PORT'" ;; esac
# post-to-erp runs in a container: 127.0.0.1 there is the container itself, and nothing but this machine is allowed.
case "$ERP_BASE_URL" in
  http://host.docker.internal|http://host.docker.internal[:/]*|https://host.docker.internal|https://host.docker.internal[:/]*) ;;
  *) die "ERP_BASE_URL must point at host.docker.internal (this machine as seen from the Lambda containers), got '$ERP_BASE_URL'" ;;
esac

missing=()
for tool in docker samlocal curl openssl; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if command -v awslocal >/dev/null 2>&1; then
  AWS_CLI=(awslocal)
elif command -v aws >/dev/null 2>&1; then
  AWS_CLI=(aws --endpoint-url "$ENDPOINT")
else
  missing+=("awslocal (or aws)")
fi
if ((${#missing[@]})); then
  die "missing: ${missing[*]}. Install Docker, and: pip install aws-sam-cli-local 'awscli-local[ver1]' (see infra/localstack/README.md)"
fi
[ -f "$TEMPLATE_FILE" ] || die "no $TEMPLATE_FILE (run from a checkout)"
for zip in "${FUNCTION_ZIPS[@]}"; do
  [ -f "$zip" ] || die "$zip is missing: build the functions first with ./mvnw package -DskipTests"
done

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

# ------------------------------------------------------------------------------------------ LocalStack up and healthy

health() { curl -fsS --max-time 5 "$ENDPOINT/_localstack/health" 2>/dev/null; }

if ! health >/dev/null; then
  if [ "$START_LOCALSTACK" = 1 ]; then
    [ -n "${LOCALSTACK_AUTH_TOKEN:-}" ] || die "LOCALSTACK_AUTH_TOKEN is not set; every LocalStack image needs one since 2026-03-23 (app.localstack.cloud > Auth Tokens)"
    docker info >/dev/null 2>&1 || die "the Docker engine is not reachable (docker info failed); LocalStack runs Lambda functions as containers"
    say "starting LocalStack ($COMPOSE_FILE)"
    compose -f "$COMPOSE_FILE" up -d
  else
    say "LocalStack is not answering on $ENDPOINT; start it with: docker compose -f $COMPOSE_FILE up -d"
  fi
fi

say "waiting for LocalStack on $ENDPOINT (up to ${HEALTH_TIMEOUT_SECONDS}s)"
deadline=$((SECONDS + HEALTH_TIMEOUT_SECONDS))
while :; do
  body=$(health || true)
  not_ready=()
  for service in "${REQUIRED_SERVICES[@]}"; do
    grep -Eq "\"$service\"[[:space:]]*:[[:space:]]*\"(available|running)\"" <<<"$body" || not_ready+=("$service")
  done
  ((${#not_ready[@]} == 0)) && break
  if ((SECONDS >= deadline)); then
    die "LocalStack is not ready after ${HEALTH_TIMEOUT_SECONDS}s; not available: ${not_ready[*]}. apigatewayv2 (HTTP APIs) needs a licence that includes it; see 'docker logs commerce-sync-localstack' and $ENDPOINT/_localstack/info"
  fi
  sleep 3
done
say "LocalStack is ready"

# ------------------------------------------------------------------------------------------------------- secrets

# Creates the secret, or gives it this value if it exists; prints its ARN. The value goes through a file, not argv.
upsert_secret() {
  local name=$1 value=$2 arn file
  file=$(mktemp)
  chmod 600 "$file"
  printf '%s' "$value" >"$file"
  if arn=$(awsl secretsmanager describe-secret --secret-id "$name" --query ARN --output text 2>/dev/null); then
    awsl secretsmanager put-secret-value --secret-id "$name" --secret-string "file://$file" >/dev/null
  else
    arn=$(awsl secretsmanager create-secret --name "$name" --secret-string "file://$file" --query ARN --output text)
  fi
  rm -f "$file"
  printf '%s' "$arn"
}

say "secrets: $SHOPIFY_SECRET_NAME, $ERP_API_KEY_SECRET_NAME"
shopify_secret_arn=$(upsert_secret "$SHOPIFY_SECRET_NAME" "$SHOPIFY_WEBHOOK_SECRET")
erp_api_key_secret_arn=$(upsert_secret "$ERP_API_KEY_SECRET_NAME" "$ERP_API_KEY")

# The template reads them as {{resolve:secretsmanager:<arn>:SecretString:::}}: the full form, which LocalStack's
# resolver needs (it splits on ":SecretString:") and AWS reads the same as the short one.
parameter_overrides=("ErpBaseUrl=$ERP_BASE_URL" "LogLevel=$LOG_LEVEL")
parameter_overrides+=("ShopifyWebhookSecretArn=$shopify_secret_arn" "ErpApiKeySecretArn=$erp_api_key_secret_arn")
parameter_overrides+=("LocalOperatorToken=$OPERATOR_TOKEN")

failed_events() {
  awsl cloudformation describe-stack-events --stack-name "$STACK_NAME" \
    --query "StackEvents[?contains(ResourceStatus, 'FAILED')].[LogicalResourceId, ResourceStatus, ResourceStatusReason]" \
    --output text 2>/dev/null | head -20 >&2 || true
}

say "deploying stack $STACK_NAME from $TEMPLATE_FILE"
if ! samlocal deploy \
    --template-file infra/template.yaml \
    --stack-name "$STACK_NAME" \
    --resolve-s3 \
    --capabilities CAPABILITY_IAM \
    --no-confirm-changeset \
    --no-fail-on-empty-changeset \
    --region "$AWS_REGION" \
    --parameter-overrides "${parameter_overrides[@]}"; then
  say "deploy failed; failed stack events:"
  failed_events
  exit 1
fi

# ------------------------------------------------------------------------------------------------------- outputs

output() {
  awsl cloudformation describe-stacks --stack-name "$STACK_NAME" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue | [0]" --output text
}

api_id=$(awsl cloudformation describe-stack-resource --stack-name "$STACK_NAME" --logical-resource-id OrdersHttpApi \
  --query StackResourceDetail.PhysicalResourceId --output text)
# LocalStack serves an HTTP API's $default stage at http://<api-id>.execute-api.localhost.localstack.cloud:4566/<path>.
# That name resolves to 127.0.0.1 in public DNS; curl --resolve pins it there, so no DNS is needed at all.
api_host="${api_id}.execute-api.localhost.localstack.cloud:${LOCALSTACK_PORT}"
api_url="http://${api_host}"

echo
echo "Stack $STACK_NAME is deployed on LocalStack ($ENDPOINT)."
echo
echo "Outputs (OrdersApiUrl is the AWS form; on LocalStack use the API URL below):"
awsl cloudformation describe-stacks --stack-name "$STACK_NAME" \
  --query 'Stacks[0].Outputs[].[OutputKey, OutputValue]' --output table
echo
echo "API URL (LocalStack):   $api_url"
echo "Intake queue:           $(output OrderIntakeQueueUrl)"
echo "Canonical queue:        $(output CanonicalOrderQueueUrl)"
echo "Posting queue (FIFO):   $(output ErpPostingQueueUrl)"
echo "Order state table:      $(output OrderStateTableName)"
echo "Operator audit table:   $(output OperatorAuditTableName)"
echo "Shopify secret:         $shopify_secret_arn"
echo "ERP API key secret:     $erp_api_key_secret_arn"
echo
echo "Post a signed Shopify webhook (HMAC-SHA256 of the exact body bytes, base64):"
echo
cat <<EOF
BODY=functions/map/src/test/resources/fixtures/shopify/order-tax-exclusive-usd-multi-line.json
HMAC=\$(openssl dgst -sha256 -hmac $(printf '%q' "$SHOPIFY_WEBHOOK_SECRET") -binary "\$BODY" | openssl base64 -A)
curl -sS -i --resolve '${api_host}:127.0.0.1' \\
  -X POST '${api_url}/v1/orders/shopify' \\
  -H 'Content-Type: application/json' \\
  -H 'X-Shopify-Topic: orders/create' \\
  -H "X-Shopify-Webhook-Id: local-\$(date +%s)" \\
  -H 'X-Shopify-Shop-Domain: example-shop.myshopify.com' \\
  -H "X-Shopify-Hmac-Sha256: \$HMAC" \\
  --data-binary "@\$BODY"
EOF
echo
echo "Then follow it: awslocal logs tail /aws/lambda/<function name> --follow  (names: awslocal lambda list-functions)"
echo "Operator API:   curl -sS --resolve '${api_host}:127.0.0.1' -H 'Authorization: Bearer ${OPERATOR_TOKEN}' '${api_url}/v1/exceptions'"
echo "Tear down:      infra/localstack/teardown.sh"
