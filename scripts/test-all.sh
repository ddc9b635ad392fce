#!/usr/bin/env bash
# Full check: lint, typecheck, unit tests, production build, e2e.
# Every step runs even if an earlier one failed (except e2e, which needs a build), so one
# run reports everything. The LAST line of output is always exactly
#   tests: N passed, M failed[, K skipped]
# (from scripts/summarize-tests.mjs). A failed non-test step (lint/typecheck/build) counts
# as one failed test there. Exit status is non-zero if anything failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# No internet in CI: keep Next from trying to send telemetry.
export NEXT_TELEMETRY_DISABLED=1

RESULTS=test-results
mkdir -p "$RESULTS"
# Stale reports must not be mistaken for this run's results.
rm -f "$RESULTS/unit.json" "$RESULTS/e2e.json"

failed_steps=()

step() {
  local name="$1"
  shift
  local start=$SECONDS
  echo
  echo "==> $name: $*"
  if "$@"; then
    echo "==> $name: ok ($((SECONDS - start)) s)"
  else
    echo "==> $name: FAILED ($((SECONDS - start)) s)" >&2
    failed_steps+=("$name")
    return 1
  fi
}

step chromium bash scripts/ensure-chromium.sh || true
# The PyTorch export snippets are run with torchvision (test/lib/tfjs/snippets-run.test.ts).
step torchvision bash scripts/ensure-torchvision.sh || true
# ESLint and tsc are single-threaded: on two cores they run side by side (about 40 s
# saved), each one's output printed whole once both are done.
parallel_steps() {
  local pids=() names=() logs=() n
  while [ $# -gt 0 ]; do
    names+=("$1")
    logs+=("$(mktemp)")
    (step "$1" npm run "$1") >"${logs[-1]}" 2>&1 &
    pids+=($!)
    shift
  done
  for n in "${!pids[@]}"; do
    if ! wait "${pids[$n]}"; then failed_steps+=("${names[$n]}"); fi
    cat "${logs[$n]}"
    rm -f "${logs[$n]}"
  done
}
parallel_steps lint typecheck
# vitest's own exit code is reflected in unit.json, so it is not a separate "step".
step unit npx vitest run --reporter=default --reporter=json --outputFile="$RESULTS/unit.json" || true
# The typecheck step above already ran tsc over everything next build would check.
if SKIP_NEXT_TYPECHECK=1 step build npm run build; then
  # First-load JS per route, printed, failing over budget (scripts/first-load-js.mjs).
  step first-load-js node scripts/first-load-js.mjs || true
  # A missing e2e.json (e.g. the web server never came up) counts as a failure below.
  step e2e npx playwright test || true
else
  echo "==> e2e: skipped because the build failed" >&2
fi

# Steps whose failures are already counted via the JSON reports are not double-counted.
extra=()
for s in "${failed_steps[@]+"${failed_steps[@]}"}"; do
  case "$s" in
    unit | e2e) ;;
    *) extra+=("$s") ;;
  esac
done

echo
summary_status=0
node scripts/summarize-tests.mjs \
  --unit "$RESULTS/unit.json" \
  --e2e "$RESULTS/e2e.json" \
  --failed-steps "$(IFS=,; echo "${extra[*]+"${extra[*]}"}")" || summary_status=$?

if [ "$summary_status" -ne 0 ] || [ "${#failed_steps[@]}" -ne 0 ]; then
  exit 1
fi
