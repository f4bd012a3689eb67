#!/usr/bin/env bash
# Reproduces the embedded model: `dataforge model train-tiny` with the committed model's settings into a
# scratch folder, timed, then compares its validation loss with the committed models/tiny/training.json.
# The goal: at most 10 minutes on 2 cores, validation loss within 0.10 nats/token of the committed model.
# Usage: bench/train-tiny-bench.sh [extra train-tiny options]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/dataforge-bench}/train-tiny"
rm -rf "$WORK/model" && mkdir -p "$WORK"
dotnet build "$ROOT/src/DataForge.Cli/DataForge.Cli.csproj" -c Release -o "$WORK/bin" -nologo -v quiet >&2
cd "$ROOT"
start=$(date +%s.%N)
dotnet "$WORK/bin/dataforge.dll" model train-tiny --out "$WORK/model" "$@" | tee "$WORK/train.log"
end=$(date +%s.%N)
/usr/bin/python3 - "$ROOT/models/tiny/training.json" "$WORK/model/training.json" "$start" "$end" <<'PY'
import json, sys
committed, fresh = (json.load(open(p)) for p in sys.argv[1:3])
seconds = float(sys.argv[4]) - float(sys.argv[3])
margin = abs(fresh["validation_loss"] - committed["validation_loss"])
print()
print("| model | parameters | steps | untrained val loss | val loss | wall time |")
print("|---|---:|---:|---:|---:|---:|")
print(f"| committed models/tiny | {committed['parameters']} | {committed['steps']} | {committed['untrained_validation_loss']:.3f} | {committed['validation_loss']:.3f} | – |")
print(f"| reproduced now | {fresh['parameters']} | {fresh['steps']} | {fresh['untrained_validation_loss']:.3f} | {fresh['validation_loss']:.3f} | {seconds:.0f} s |")
print()
print(f"validation loss differs by {margin:.4f} nats/token (goal <= 0.10); wall time {seconds/60:.1f} min (goal <= 10)")
same = committed.get("corpus_sha256") == fresh.get("corpus_sha256")
print("corpus: the same text as the committed model's" if same else
      "corpus: differs from the committed model's (the docs and seeds changed since it was trained), so the weights cannot match exactly")
PY
if cmp -s "$ROOT/models/tiny/model.safetensors" "$WORK/model/model.safetensors"; then
  echo "weights: byte-identical to the committed model.safetensors"
else
  echo "weights: differ from the committed model.safetensors (another corpus, thread count or CPU); compare the losses"
fi
