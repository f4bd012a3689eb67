#!/usr/bin/env bash
# Generation speed in one run, each figure beside its baseline: the default pipeline's evolution round
# batched vs one record at a time (bench/generation-bench.sh; goal >= 3x), then decode tokens/s at batch 1
# and scoring tokens/s of torch F32 vs llama.cpp F32, Q8_0 and Q4_K_M on a 110M-parameter checkpoint
# (bench/gguf-bench.sh; goals: F32 within 10%, Q8_0 >= 2x, Q4_K_M >= 3x). Measure on a quiet machine.
# Usage: bench/generation-speed.sh [--limit N]   (seeds of the evolution round; default: every seed)
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
echo "## Evolution round (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
bash "$BENCH/generation-bench.sh" "$@"
echo
echo "## Decode and scoring, torch vs llama.cpp (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
bash "$BENCH/gguf-bench.sh"
