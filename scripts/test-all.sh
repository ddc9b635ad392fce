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
# ESLint is single-threaded and slowest of the three static steps; it runs beside tsc and
# then the production build (which starts only after tsc, as tsc reads the type files the
# build writes into .next/). Measured one after another: lint 63 s, typecheck 42 s, build
# 44 s. Lint's output is printed whole when it is done. The build skips Next's own type
# check: the typecheck step has just run the same tsc over the whole project.
lint_log="$(mktemp)"
(step lint npm run lint) >"$lint_log" 2>&1 &
lint_pid=$!
step typecheck npm run typecheck || true
built=yes
SKIP_NEXT_TYPECHECK=1 step build npm run build || built=no
wait "$lint_pid" || failed_steps+=(lint)
cat "$lint_log"
rm -f "$lint_log"
# vitest's own exit code is reflected in unit.json, so it is not a separate "step".
step unit npx vitest run --reporter=default --reporter=json --outputFile="$RESULTS/unit.json" || true
if [ "$built" = yes ]; then
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
