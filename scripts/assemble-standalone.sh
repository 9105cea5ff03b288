#!/bin/sh
# Completes Next's standalone output into a runnable server directory — the one step shared by the
# Dockerfile (builder stage) and `npm run start:standalone`, so both run exactly the same files:
#   <standalone>/server.js                   Next's server (chdir's to its own folder)
#   <standalone>/<distDir>/static            client assets (Next leaves them out of standalone)
#   <standalone>/public                      public files, if any
#   <standalone>/db/migrations               SQL migrations, applied at start-up (resolved from cwd)
#   <standalone>/entrypoint.sh               scripts/standalone-entrypoint.sh (the image's ENTRYPOINT)
# Usage: scripts/assemble-standalone.sh [distDir]   (distDir defaults to $NEXT_DIST_DIR or .next)
set -eu
cd "$(dirname "$0")/.."
DIST="${1:-${NEXT_DIST_DIR:-.next}}"
OUT="$DIST/standalone"
if [ ! -f "$OUT/server.js" ]; then
  echo "no standalone server at $OUT/server.js — run 'next build' (output: \"standalone\") with NEXT_DIST_DIR=$DIST first" >&2
  exit 1
fi
rm -rf "$OUT/$DIST/static" "$OUT/public" "$OUT/db/migrations"
mkdir -p "$OUT/$DIST" "$OUT/db"
cp -R "$DIST/static" "$OUT/$DIST/static"
if [ -d public ]; then cp -R public "$OUT/public"; fi
cp -R db/migrations "$OUT/db/migrations"
cp scripts/standalone-entrypoint.sh "$OUT/entrypoint.sh"
chmod 755 "$OUT/entrypoint.sh"
# Next's runtime cache (fetch/image cache) — an emptyDir in Kubernetes; the root fs stays read-only.
mkdir -p "$OUT/$DIST/cache"
echo "$OUT"
