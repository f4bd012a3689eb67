#!/usr/bin/env bash
# Batched generation: the default pipeline's evolution round (Evol-Instruct, one round, 48 new tokens
# per rewrite and per answer, the embedded model) on the instruction seeds, run twice side by side:
#   one at a time - one record in flight (steps.evolve.parallelism = 1), batches of one request;
#   batched       - 32 records in flight (as the shipped pipelines), their requests sharing forward passes of up to 8.
# Separate run stores, so both runs compute everything. Prints wall time, the evolve step's time, CPU
# seconds of the whole process tree (user + system), requests and tokens, and checks that both runs
# wrote byte-identical shards.
# Usage: bench/generation-bench.sh [--limit N] [--flight N] [--batch N]
#   --limit: seeds (default: every seed); --flight / --batch: the batched row's records in flight (32) and batch size (8)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/dataforge-bench}/generation"
LIMIT=() FLIGHT=32 BATCH=8
while [ $# -gt 0 ]; do
  case "$1" in
    --limit) LIMIT=(--limit "$2"); shift 2 ;;
    --flight) FLIGHT="$2"; shift 2 ;;
    --batch) BATCH="$2"; shift 2 ;;
    *) echo "generation-bench: unknown option $1" >&2; exit 2 ;;
  esac
done
rm -rf "$WORK" && mkdir -p "$WORK"
dotnet build "$ROOT/src/DataForge.Cli/DataForge.Cli.csproj" -c Release -o "$WORK/bin" -nologo -v quiet >&2
cd "$ROOT"
run() { # NAME PARALLELISM BATCH
  /usr/bin/time -f "%e %U %S" -o "$WORK/$1.time" dotnet "$WORK/bin/dataforge.dll" run pipelines/evol-instruct.toml \
    --out "$WORK/$1" --store "$WORK/$1.sqlite" "${LIMIT[@]}" \
    --set steps.evolve.rounds=1 --set steps.evolve.max_tokens=48 \
    --set "steps.evolve.parallelism=$2" --set "models.tiny.batch_size=$3" >"$WORK/$1.log" 2>&1
}
run one 1 1
run batched "$FLIGHT" "$BATCH"
/usr/bin/python3 - "$WORK" "$FLIGHT" "$BATCH" <<'PY'
import json, sys, os, hashlib, glob
work, flight_batched, batch_batched = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = {}
for name in ("one", "batched"):
    wall, user, system = (float(x) for x in open(f"{work}/{name}.time").read().split()[-3:])
    m = json.load(open(f"{work}/{name}/manifest.json"))
    ev = m["counts"]["steps"]["evolve"]
    rows[name] = dict(wall=wall, cpu=user + system, evolve=m["timings"]["evolve"], seeds=ev["in"], out=ev["out"],
                      requests=m["work"]["generation_requests"], tokens=m["work"]["generated_tokens"])
def shards(name):
    return {os.path.relpath(p, f"{work}/{name}"): hashlib.sha256(open(p, "rb").read()).hexdigest()
            for p in glob.glob(f"{work}/{name}/**/*.parquet", recursive=True)}
print()
print("| mode | records in flight | batch | seeds | evolve out | requests | tokens | evolve step s | wall s | CPU s | tokens/s (evolve) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, flight, batch in (("one at a time", 1, 1), ("batched", flight_batched, batch_batched)):
    r = rows["one" if flight == 1 else "batched"]
    print(f"| {name} | {flight} | {batch} | {r['seeds']} | {r['out']} | {r['requests']} | {r['tokens']} | {r['evolve']:.1f} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['tokens'] / r['evolve']:.1f} |")
speed = rows["one"]["evolve"] / rows["batched"]["evolve"]
print()
print(f"evolution round: {speed:.2f}x faster batched (goal >= 3x); shards byte-identical: {shards('one') == shards('batched')}")
PY
