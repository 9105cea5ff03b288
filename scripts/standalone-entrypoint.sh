#!/bin/sh
# The container's entrypoint, also used by `npm run start:standalone`: runs Next's standalone
# server from the folder this script sits in (assemble-standalone.sh copies it there).
# Needs no network at start: migrations are read from ./db/migrations, fonts and assets are local.
# Writes only to /tmp, to DATA_DIR (PGlite, single instance only) and to Next's cache dir.
set -eu
cd "$(dirname "$0")"
export NODE_ENV=production
export NEXT_TELEMETRY_DISABLED=1
# Kubernetes sets HOSTNAME to the pod's name; Next's standalone server binds to $HOSTNAME.
export HOSTNAME=0.0.0.0
export PORT="${PORT:-3000}"
export DATA_DIR="${DATA_DIR:-/tmp/grio-data}"
exec node server.js
