# syntax=docker/dockerfile:1
# The web app. It runs its own server (server.mjs: Next.js pages plus the /api proxy), so it needs node_modules
# rather than Next's standalone output; the image that runs has production dependencies only.
# Base images are pinned by tag and digest (the multi-platform index): renew both together.

# The workspaces' manifests, which npm ci needs to install anything.
FROM node:20.20.2-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0 AS manifests
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/web/package.json apps/web/
COPY packages/ packages/

# Every dependency: Next's build needs TypeScript and Tailwind.
FROM manifests AS build
RUN npm ci --no-audit --no-fund
COPY apps/web/ apps/web/
ENV NEXT_TELEMETRY_DISABLED=1
RUN cd apps/web && npx next build && rm -rf .next/cache

FROM manifests AS production-deps
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20.20.2-bookworm-slim@sha256:2cf067cfed83d5ea958367df9f966191a942351a2df77d6f0193e162b5febfc0
WORKDIR /app
COPY --from=production-deps /app/node_modules node_modules/
COPY --from=build /app/apps/web apps/web/
# Next.js writes its image and fetch caches here at run time; nothing else of the app is writable.
RUN install -d -o node -g node apps/web/.next/cache
USER node
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 WEB_PORT=3000 WEB_HOST=0.0.0.0
WORKDIR /app/apps/web
# server.mjs stops on SIGTERM itself.
CMD ["node", "server.mjs"]
