#!/usr/bin/env bash
# npm test: installs what is missing, starts PostgreSQL and Redis, lints, type-checks and runs every test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/ensure-node-deps.sh
# Tests trade durability for speed; npm run up never does (see services.sh).
LOCAL_PG_FSYNC="${LOCAL_PG_FSYNC:-off}" bash scripts/services.sh
# shellcheck disable=SC1091
source "${DATA_ROOT:-$ROOT/var}/services.env"
echo "== lint and format (biome)"
npx biome check .
echo "== type check (tsc)"
npx tsc -p tsconfig.json --noEmit
echo "== build the web app (next build)"
export NEXT_TELEMETRY_DISABLED=1
npm run --silent build -w @xmpp-host/web
echo "== tests (vitest)"
export DATABASE_URL="$TEST_DATABASE_URL"
# Tests use their own Redis database so they never touch a running platform's queues.
export REDIS_URL="${REDIS_URL%/}/1"
npx vitest run "$@"
