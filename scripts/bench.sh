#!/usr/bin/env bash
# Runs the benchmarks in bench/Reft.Bench (all, or those named: scripts/bench.sh torch), each
# printing its own table, then one summary table of their headline ratios and targets.
# --quick: fewest rounds and steps, to check that the benchmarks work (not a measurement).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project bench/Reft.Bench -c Release -v quiet -- "$@"
