#!/usr/bin/env bash
# `npm run start:standalone [-- --build]`: serves the console from Next's standalone output exactly
# as the container image does — same assembly step (scripts/assemble-standalone.sh, also run by the
# Dockerfile), same entrypoint (scripts/standalone-entrypoint.sh → /app/entrypoint.sh in the image),
# hence the same files and the same environment. Configuration comes from your environment, as in
# the container (NEXTAUTH_SECRET, DATABASE_URL or DATA_DIR, KUBECONFIG, …); PORT defaults to 3000.
# Builds first when there is no standalone output yet (or with --build); NEXT_DIST_DIR picks the
# build folder (default .next; `npm test` builds into .next-test).
set -euo pipefail
cd "$(dirname "$0")/.."
DIST="${NEXT_DIST_DIR:-.next}"
if [ "${1:-}" = "--build" ] || [ ! -f "$DIST/standalone/server.js" ]; then
  echo "building the standalone server into $DIST/standalone …" >&2
  NEXT_TELEMETRY_DISABLED=1 SKIP_ENV_VALIDATION=1 NEXT_DIST_DIR="$DIST" ./node_modules/.bin/next build >&2
  # Next rewrites tsconfig.json's include for a custom distDir; keep the committed one.
  if [ "$DIST" != ".next" ]; then git checkout -- tsconfig.json 2>/dev/null || true; fi
fi
OUT="$(sh scripts/assemble-standalone.sh "$DIST")"
exec "$OUT/entrypoint.sh"
