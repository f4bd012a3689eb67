#!/usr/bin/env bash
# Model runtime throughput: decode tokens/s (batch 1 and 8, with and without the KV cache) and scoring
# tokens/s (batched vs one at a time) for the embedded tiny model and a random 110M-parameter checkpoint
# of the llama2.c shape, in one process. For scale: llama.cpp decodes a 110M F32 Llama at about
# 53 tokens/s with 2 threads on a 2-core machine of this kind.
# Usage: bench/model-bench.sh [--new-tokens N] [--threads N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/dataforge-bench}/model"
mkdir -p "$WORK"
dotnet build "$ROOT/bench/DataForge.ModelBench/DataForge.ModelBench.csproj" -c Release -o "$WORK/bin" -nologo -v quiet ${BENCH_BUILD_ARGS:-} >&2
TINY=()
[ -f "$ROOT/models/tiny/config.json" ] && TINY=(--tiny "$ROOT/models/tiny")
exec dotnet "$WORK/bin/DataForge.ModelBench.dll" "${TINY[@]}" "$@"
