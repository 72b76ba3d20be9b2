#!/usr/bin/env bash
# npm run up: installs what is missing, starts PostgreSQL and Redis, migrates, seeds the demo operator and
# runs the API (3001), the worker and the web app (3000) until Ctrl-C. Managed XMPP instances keep
# running after it stops and are adopted at the next start.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/ensure-node-deps.sh
bash scripts/services.sh
# Logs, keys and data written from here on are not world-readable. (After services.sh: PostgreSQL and BIND run as
# their own users and must reach their directories under var/.)
umask 027
# shellcheck disable=SC1091
source "${DATA_ROOT:-$ROOT/var}/services.env"
bash scripts/secrets.sh
# shellcheck disable=SC1091
source "${DATA_ROOT:-$ROOT/var}/secrets.env"
# The local platform zone (skipped when DNS is configured); sourced before the seed, API and worker start.
bash scripts/platform-dns.sh
FREE_ADDRESSES=
if [ -f "${DATA_ROOT:-$ROOT/var}/platform-dns.env" ]; then
  # shellcheck disable=SC1091
  source "${DATA_ROOT:-$ROOT/var}/platform-dns.env"
  FREE_ADDRESSES=" (DNS on 127.0.0.1:${PLATFORM_DNS_PORT:-15353})"
fi
if [ -n "${PLATFORM_BASE_DOMAIN:-}" ]; then
  FREE_ADDRESSES="
    Free addresses: NAME.$PLATFORM_BASE_DOMAIN$FREE_ADDRESSES"
fi
# Every domain announces where to report abuse and ask for help (XEP-0157): the operator's address until one is set.
export CONTACT_ABUSE_ADDRESS="${CONTACT_ABUSE_ADDRESS:-mailto:${DEMO_OPERATOR_EMAIL:-operator@demo.test}}"
export CONTACT_SUPPORT_ADDRESS="${CONTACT_SUPPORT_ADDRESS:-$CONTACT_ABUSE_ADDRESS}"
npm run --silent db:migrate >/dev/null
SEED_OUT="$(npx tsx prisma/seed.ts)"
LOGS="${DATA_ROOT:-$ROOT/var}/logs"
mkdir -p "$LOGS"
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
# The API and the worker run as JavaScript compiled ahead of time (dist/, rebuilt at each start in well under a
# second): no TypeScript loader in each process. A small young generation and a heap cap keep an idle platform light;
# NODE_HEAP_MB raises the cap for a large fleet.
node scripts/build-servers.mjs >/dev/null
NODE_FLAGS=(--enable-source-maps --max-semi-space-size=2 "--max-old-space-size=${NODE_HEAP_MB:-192}")
node "${NODE_FLAGS[@]}" dist/api.mjs >"$LOGS/api.log" 2>&1 & pids+=($!)
node "${NODE_FLAGS[@]}" dist/worker.mjs >"$LOGS/worker.log" 2>&1 & pids+=($!)
export NEXT_TELEMETRY_DISABLED=1
export API_URL="http://127.0.0.1:${API_PORT:-3001}" WEB_PORT="${WEB_PORT:-3000}"
# The web app runs behind its own server (apps/web/server.mjs), which also forwards /api/* to the API.
if [ "${XH_WEB_DEV:-}" = 1 ]; then
  # npm run dev: Next's development mode (hot reload), for contributors.
  (cd apps/web && exec node server.mjs --dev >"$LOGS/web.log" 2>&1) & pids+=($!)
else
  # What users get: a production build, made once and again only when the web app's sources changed.
  STAMP=apps/web/.next/BUILD_ID
  if [ ! -f "$STAMP" ] || [ -n "$(find apps/web packages -newer "$STAMP" -type f \( -name '*.ts' -o -name '*.tsx' -o -name '*.css' -o -name '*.json' \) -not -path '*/node_modules/*' -not -path '*/.next/*' -not -name 'tsconfig.tsbuildinfo' -print -quit)" ]; then
    echo "building the web app (production)..." >&2
    npm run --silent build -w @xmpp-host/web >"$LOGS/web-build.log" 2>&1 || { tail -30 "$LOGS/web-build.log" >&2; exit 1; }
  fi
  (cd apps/web && NODE_ENV=production exec node server.mjs >"$LOGS/web.log" 2>&1) & pids+=($!)
fi
for _ in $(seq 100); do curl -sf "http://127.0.0.1:${API_PORT:-3001}/readyz" >/dev/null && break; sleep 0.3; done
cat <<MSG

  The platform is running.
    Web app:   http://localhost:${WEB_PORT:-3000}
    API:       http://localhost:${API_PORT:-3001}/api/v1   (docs: http://localhost:${API_PORT:-3001}/docs)
$SEED_OUT$FREE_ADDRESSES
    Logs:      $LOGS
  Press Ctrl-C to stop.

MSG
wait -n "${pids[@]}"
