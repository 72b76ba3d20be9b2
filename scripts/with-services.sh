#!/usr/bin/env bash
# Runs a command with the project-local services started and their URLs exported.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/ensure-node-deps.sh
bash scripts/services.sh
# shellcheck disable=SC1091
source "${DATA_ROOT:-$ROOT/var}/services.env"
bash scripts/secrets.sh
# shellcheck disable=SC1091
source "${DATA_ROOT:-$ROOT/var}/secrets.env"
npm run --silent db:migrate >/dev/null
exec "$@"
