# syntax=docker/dockerfile:1
# Regsync: the HTTP service (`regsync serve`). Runs the compiled JavaScript (dist/), as
# `npm start` does after `npm ci`; the image holds no TypeScript and no dev dependencies.
#   docker build -t regsync .
#   docker run -p 8080:8080 -v regsync-data:/data regsync
# See docs/http-api.md ("Deployment") and docker-compose.yml (with PostgreSQL 15).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No scripts yet: `prepare` builds, and the sources are not copied until the next layer (the
# only dependency with an install script is esbuild, a dev dependency of vitest).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
# git: the registry source clones and fetches with the git binary.
# tini: PID 1 that forwards SIGTERM to node and reaps git child processes.
RUN apt-get update \
  && apt-get install -y --no-install-recommends git ca-certificates tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=8080 \
    REGSYNC_HOST=0.0.0.0 \
    REGSYNC_DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json /app/package-lock.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/src/cli/bin.js ./src/cli/bin.js
COPY --from=build --chown=root:root /app/src/web/static ./src/web/static
COPY --from=build --chown=root:root /app/migrations ./migrations
COPY --from=build --chown=root:root /app/schemas ./schemas
COPY --from=build --chown=root:root /app/registry ./registry
RUN mkdir -p /data && chown node:node /data
# The code is owned by root and read-only to the service user; only /data is writable.
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "node", "src/cli/bin.js"]
CMD ["serve"]
