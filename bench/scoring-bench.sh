#!/usr/bin/env bash
# Scoring throughput on the embedded tiny model: score-ifd (IFD, IC-IFD) one record at a time vs
# batched across records, tokens/s over the same records; LESS gradient-feature throughput
# (per-sample LoRA gradients + Adam preconditioning + Rademacher projection), samples/s.
# Usage: bench/scoring-bench.sh [--records N] [--batch N] [--batch-records N] [--less-samples N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/dataforge-bench}/scoring"
mkdir -p "$WORK"
dotnet build "$ROOT/bench/DataForge.ScoringBench/DataForge.ScoringBench.csproj" -c Release -o "$WORK/bin" -nologo -v quiet ${BENCH_BUILD_ARGS:-} >&2
cd "$ROOT"
exec dotnet "$WORK/bin/DataForge.ScoringBench.dll" "$@"
