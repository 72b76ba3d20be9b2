FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/ apps/
COPY packages/ packages/
RUN npm install --no-audit --no-fund
RUN cd apps/web && npx next build

# The web app runs its own server (server.mjs: Next.js pages plus the /api proxy), so it needs node_modules
# rather than Next's standalone output.
FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app ./
USER node
ENV NODE_ENV=production WEB_PORT=3000 WEB_HOST=0.0.0.0
WORKDIR /app/apps/web
CMD ["node", "server.mjs"]
