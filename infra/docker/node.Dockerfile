# One image for the API and the worker; the command picks which.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends prosody prosody-modules ejabberd coturn biboumi openssl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/web/package.json apps/web/
COPY packages/ packages/
RUN npm install --no-audit --no-fund
COPY . .
RUN PRISMA_SCHEMA_ENGINE_BINARY=/bin/true PRISMA_QUERY_ENGINE_LIBRARY=/bin/true PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING=1 npx prisma generate
# The API and the worker compiled ahead of time (dist/api.mjs, dist/worker.mjs): no TypeScript loader at run time.
RUN node scripts/build-servers.mjs
# A new volume starts with the backups directory that both processes are configured with.
RUN mkdir -p /data/backups
ENV NODE_ENV=production DATA_ROOT=/data BACKUP_LOCAL_DIR=/data/backups
VOLUME /data
CMD ["node", "--enable-source-maps", "dist/api.mjs"]
