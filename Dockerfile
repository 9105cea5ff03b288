# syntax=docker/dockerfile:1
# Grio Ops console image: Next.js standalone server on node:20-alpine (the seed's base image).
#   docker build -t registry.example/grio-ops:$(git rev-parse --short HEAD) .
# Runs as uid 1001 with a read-only root filesystem; writable: /tmp and /app/.next/cache (emptyDirs
# in Kubernetes; `docker run --read-only --tmpfs /tmp --tmpfs /app/.next/cache …` by hand).
# Needs no network at start: migrations ship in /app/db/migrations and are applied on start-up.

ARG NODE_IMAGE=node:20-alpine

# ── dependencies (cached until package-lock.json changes) ─────────────────────────────────────────
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ── build: next build (output: "standalone") + the same assembly step as `npm run start:standalone`
FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1 \
    SKIP_ENV_VALIDATION=1 \
    NEXT_DIST_DIR=.next
COPY --from=deps /src/node_modules ./node_modules
COPY . .
RUN ./node_modules/.bin/next build \
 && sh scripts/assemble-standalone.sh .next

# ── runtime: only the standalone server, its traced node_modules, static assets and migrations ───
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/tmp/grio-data
RUN addgroup -S -g 1001 grio && adduser -S -u 1001 -G grio -h /app grio
COPY --from=build --chown=0:0 /src/.next/standalone/ /app/
# The only paths the server writes (besides /tmp): Next's cache. Owned by the runtime user so the
# image also works without a volume there; mounted as an emptyDir in Kubernetes.
RUN mkdir -p /app/.next/cache && chown -R 1001:1001 /app/.next/cache \
 && chmod 755 /app/entrypoint.sh
USER 1001:1001
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/app/entrypoint.sh"]
