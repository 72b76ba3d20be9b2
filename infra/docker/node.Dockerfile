# syntax=docker/dockerfile:1
# One image for the API, the worker and the migration; the command picks which. The image that runs holds compiled
# JavaScript and production dependencies only: no TypeScript loader, compiler or test tools.
# Base images are pinned by tag and digest (the multi-platform index): renew both together.

# The workspaces' manifests, which npm ci needs to install anything.
FROM node:20.20.2-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0 AS manifests
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/web/package.json apps/web/
COPY packages/ packages/

# Every dependency, to generate Prisma's client and compile.
FROM manifests AS build
RUN npm ci --no-audit --no-fund
COPY prisma.config.ts tsconfig.json ./
COPY prisma/ prisma/
COPY scripts/build-servers.mjs scripts/
COPY apps/api/ apps/api/
COPY apps/worker/ apps/worker/
RUN PRISMA_SCHEMA_ENGINE_BINARY=/bin/true PRISMA_QUERY_ENGINE_LIBRARY=/bin/true PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING=1 npx prisma generate
# dist/api.mjs, dist/worker.mjs and dist/seed.mjs: our packages bundled in, npm packages loaded from node_modules.
RUN node scripts/build-servers.mjs

# Production dependencies only. Prisma's CLI stays (npm keeps it as @prisma/client's optional peer): the
# migration runs it.
FROM manifests AS production-deps
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20.20.2-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0
# The worker runs managed servers, the TURN relay and IRC gateways as its own processes. lua-unbound: Prosody's
# resolver, which the configuration points at the platform's resolvers (only recommended by the package). jemalloc is
# preloaded into Prosody when present. tini, as PID 1, forwards signals and reaps servers' orphaned processes.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       prosody prosody-modules lua-unbound libjemalloc2 ejabberd coturn biboumi openssl ca-certificates tini \
    && rm -rf /var/lib/apt/lists/*
# Debian's ejabberdctl runs only as root or as `ejabberd`; a worker that is not root runs it as itself.
RUN sed -i 's/^INSTALLUSER=ejabberd$/INSTALLUSER=/' /usr/sbin/ejabberdctl && grep -qx 'INSTALLUSER=' /usr/sbin/ejabberdctl
WORKDIR /app
# Production dependencies with the workspaces' sources beside them: compiled code reads files next to its sources
# (Lua and Erlang modules) at the paths it was built at, hence the same WORKDIR as the build's.
COPY --from=production-deps /app/ ./
COPY --from=build /app/packages/db/src/generated packages/db/src/generated/
COPY --from=build /app/prisma.config.ts ./
COPY --from=build /app/prisma prisma/
COPY --from=build /app/dist dist/
# A new volume starts with the backups directory that both processes are configured with, owned by their user.
RUN install -d -o node -g node /data /data/backups
ENV NODE_ENV=production DATA_ROOT=/data BACKUP_LOCAL_DIR=/data/backups
# Not root: the worker then runs managed servers as this user too, in the volume it owns.
USER node
VOLUME /data
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--enable-source-maps", "dist/api.mjs"]
