#!/usr/bin/env bash
# Runs a benchmark against the test database, or the one TEST_DATABASE_URL names (reset by the benchmark), with the
# services started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/ensure-node-deps.sh
bash scripts/services.sh
# A database and Redis given by the caller (TEST_DATABASE_URL, REDIS_URL) are kept: a benchmark resets its database.
given_db="${TEST_DATABASE_URL:-}"
given_redis="${REDIS_URL:-}"
# shellcheck disable=SC1091
source "${DATA_ROOT:-$ROOT/var}/services.env"
export TEST_DATABASE_URL="${given_db:-$TEST_DATABASE_URL}"
export REDIS_URL="${given_redis:-$REDIS_URL}"
export DATABASE_URL="$TEST_DATABASE_URL"
export SECRETS_KEY="${SECRETS_KEY:-$(openssl rand -hex 32)}"
npm run --silent db:migrate >/dev/null
# Benchmarks that run the API or the worker as processes run the compiled ones, as npm run up does.
node scripts/build-servers.mjs >/dev/null
exec npx tsx "$@"
