#!/usr/bin/env bash
# Runs the uvu suite and ends with the 'N passed, N failed, N skipped' line CI counts by.
# uvu prints no such line (its summary has Total/Passed/Skipped), so compute it here.
set -o pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
NO_COLOR=1 node --import tsx node_modules/uvu/bin.js tests '\.test\.ts$' 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
total=$(awk '/^  Total:/{print $2}' "$log")
passed=$(awk '/^  Passed:/{print $2}' "$log")
skipped=$(awk '/^  Skipped:/{print $2}' "$log")
rm -f "$log"
if [ -z "$total" ]; then echo "uvu printed no summary (rc=$rc)"; exit $(( rc == 0 ? 1 : rc )); fi
if [ "$total" = 0 ]; then echo "no tests ran"; exit 1; fi
echo "$passed passed, $((total - passed)) failed, ${skipped:-0} skipped"
exit $rc
