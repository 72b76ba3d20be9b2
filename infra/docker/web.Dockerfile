FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/ apps/
COPY packages/ packages/
RUN npm install --no-audit --no-fund
RUN cd apps/web && npx next build

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app/apps/web/.next/standalone ./
COPY --from=build /app/apps/web/.next/static ./apps/web/.next/static
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0
CMD ["node", "apps/web/server.js"]
