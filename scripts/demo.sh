#!/usr/bin/env bash
# `npm run demo`: build the console, then start the simulated estate and the console on
# http://127.0.0.1:3000 with the demo users (scripts/demo.ts; extra steps in scripts/demo.d/).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export NEXT_DIST_DIR="${NEXT_DIST_DIR:-.next}"
echo "building the console into $NEXT_DIST_DIR …"
SKIP_ENV_VALIDATION=1 ./node_modules/.bin/next build >/tmp/grio-demo-build.log 2>&1 || { tail -40 /tmp/grio-demo-build.log; exit 1; }
# Next rewrites tsconfig.json's include for a custom distDir; keep the committed one.
if [ "$NEXT_DIST_DIR" != ".next" ]; then git checkout -- tsconfig.json 2>/dev/null || true; fi
exec ./node_modules/.bin/tsx scripts/demo.ts
