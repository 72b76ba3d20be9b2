#!/usr/bin/env bash
# Writes a migration from the schema as of the last commit to the working schema: npm run db:new-migration -- NAME
set -euo pipefail
NAME="${1:?usage: npm run db:new-migration -- NAME}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PRISMA_SCHEMA_ENGINE_BINARY=/bin/true PRISMA_QUERY_ENGINE_LIBRARY=/bin/true PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING=1
FROM="$(mktemp --suffix=.prisma)"
if git show HEAD:prisma/schema.prisma >"$FROM" 2>/dev/null && [ -d prisma/migrations ] && ls prisma/migrations | grep -q .; then
  FROM_ARGS=(--from-schema-datamodel "$FROM")
else
  FROM_ARGS=(--from-empty)
fi
DIR="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${NAME}"
mkdir -p "$DIR"
npx prisma migrate diff "${FROM_ARGS[@]}" --to-schema-datamodel prisma/schema.prisma --script >"$DIR/migration.sql"
rm -f "$FROM"
echo "wrote $DIR/migration.sql — review it, then commit"
