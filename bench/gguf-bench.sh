#!/usr/bin/env bash
# Torch vs llama.cpp on the CPU: decode tokens/s at batch 1 and scoring tokens/s of a random
# 110M-parameter checkpoint of the llama2.c shape, run by the torch backend (F32) and, converted with
# `dataforge model convert`'s code, by llama.cpp as GGUF F32, Q8_0 and Q4_K_M — each beside the torch
# baseline measured in the same process. The checkpoint and the GGUF files are kept in the work folder
# and reused by the next run.
# Usage: bench/gguf-bench.sh [--new-tokens N] [--threads N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/dataforge-bench}/gguf"
mkdir -p "$WORK"
dotnet build "$ROOT/bench/DataForge.GgufBench/DataForge.GgufBench.csproj" -c Release -o "$WORK/bin" -nologo -v quiet ${BENCH_BUILD_ARGS:-} >&2
exec dotnet "$WORK/bin/DataForge.GgufBench.dll" --work "$WORK" --tokenizer "$ROOT/models/tiny" "$@"
