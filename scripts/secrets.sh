#!/usr/bin/env bash
# Creates var/secrets.env with a random SECRETS_KEY once, unless the environment provides one.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR="${DATA_ROOT:-$ROOT/var}"
mkdir -p "$VAR"
if [ -n "${SECRETS_KEY:-}" ]; then
  printf 'export SECRETS_KEY="%s"\n' "$SECRETS_KEY" > "$VAR/secrets.env"
elif [ ! -f "$VAR/secrets.env" ]; then
  umask 077
  printf 'export SECRETS_KEY="%s"\n' "$(openssl rand -hex 32)" > "$VAR/secrets.env"
fi
chmod 600 "$VAR/secrets.env"
