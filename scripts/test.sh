#!/usr/bin/env bash
# Runs every test project and ends with the line CI reads: `N passed, N failed`.
set -uo pipefail
config=${1:-Release}
cd "$(dirname "$0")/.."
passed=0; failed=0
for project in tests/*/*.csproj; do
  log=$(mktemp)
  dotnet test "$project" -c "$config" --no-build --nologo 2>&1 | tee "$log"
  summary=$(grep -E '(Passed|Failed)!? +- Failed: +[0-9]+, Passed: +[0-9]+' "$log" | tail -1)
  if [[ -z $summary ]]; then
    if grep -q 'No test is available' "$log"; then continue; fi
    echo "error: $project produced no test summary (crash or build failure)"; failed=$((failed + 1))
  else
    f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
    p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
    passed=$((passed + p)); failed=$((failed + f))
  fi
  rm -f "$log"
done
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
