#!/usr/bin/env bash
# Runs the benchmarks in bench/Reft.Bench (all, or those named: scripts/bench.sh torch).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project bench/Reft.Bench -c Release -v quiet -- "$@"
