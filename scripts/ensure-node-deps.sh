#!/usr/bin/env bash
# Installs npm dependencies when missing or stale, and generates the Prisma client.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm install`, not `npm ci`: the lock file cannot list other platforms' optional binaries
  # when the registry in use does not serve them, and `npm ci` refuses such a lock.
  npm install --no-audit --no-fund
fi
if [ ! -f packages/db/src/generated/client.ts ] || [ prisma/schema.prisma -nt packages/db/src/generated/client.ts ]; then
  npm run --silent db:generate >/dev/null
fi
