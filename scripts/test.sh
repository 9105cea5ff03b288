#!/usr/bin/env bash
# `npm test`: lint + typecheck + unit/integration + build + HTTP suites + Playwright e2e.
# Installs what it needs from Debian when missing, starts its own services on free ports.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export SKIP_ENV_VALIDATION=1
export NEXT_DIST_DIR="${NEXT_DIST_DIR:-.next-test}"

declare -a TIMINGS=()
step() {
  local name="$1"; shift
  local t0=$SECONDS
  echo "━━━ $name ━━━"
  if ! "$@"; then
    TIMINGS+=("$(printf '%-24s %4ss' "$name" $((SECONDS - t0)))")
    printf '\n━━━ timings ━━━\n'; printf '%s\n' "${TIMINGS[@]}"; echo "FAILED in step: $name"
    exit 1
  fi
  TIMINGS+=("$(printf '%-24s %4ss' "$name" $((SECONDS - t0)))")
}

debian_tools() {
  local need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v prometheus >/dev/null || need+=(prometheus)
  command -v prometheus-alertmanager >/dev/null || [ -x /usr/bin/prometheus-alertmanager ] || need+=(prometheus-alertmanager)
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing from Debian: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    # The packages start their daemons; the tests start their own on free ports, so stop these
    # (only the ones this install started: anything already running is left alone).
    for svc in prometheus prometheus-alertmanager prometheus-node-exporter; do
      service "$svc" stop >/dev/null 2>&1 || true
    done
  fi
  return 0
}

build() {
  ./node_modules/.bin/next build
  # Next rewrites tsconfig.json's include for a custom distDir; keep the committed one.
  git checkout -- tsconfig.json 2>/dev/null || true
}

step "debian tools" debian_tools
step "lint" npm run -s lint
step "typecheck" npm run -s typecheck
step "unit+integration" ./node_modules/.bin/vitest run --project unit
step "build" build
step "http suites" ./node_modules/.bin/vitest run --project http
step "e2e (least privilege)" env LEAST_PRIVILEGE=1 ./node_modules/.bin/playwright test

printf '\n━━━ timings ━━━\n'; printf '%s\n' "${TIMINGS[@]}"
echo "total                  ${SECONDS}s"
