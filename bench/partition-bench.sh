#!/usr/bin/env bash
# Partitioned runs on one machine: LintSeq over the seed programs x COPIES (each copy marked by a comment, so
# every program is a distinct record) as a plain single run (the baseline), then as 2 and 4 partitions run at
# once plus their merge. Per configuration: wall time, CPU time of every process (DataForge and its pylint
# workers: GNU time of a shell that waits for all of them), the merge's share of the wall time, and whether
# the merged shards equal the single run's. Prints a Markdown table.
# Usage: bench/partition-bench.sh [COPIES]   (default 10; s = 2 sequences per program to keep it short)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COPIES="${1:-10}"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/dataforge-bench}/partition"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DATAFORGE_HOME="$ROOT"
command -v /usr/bin/time >/dev/null || { echo "partition-bench: needs GNU time: sudo apt-get install -y time" >&2; exit 2; }

rm -rf "$WORK"
mkdir -p "$WORK/corpus"
"$ROOT/dataforge" --help >/dev/null # builds the CLI (and installs pylint) once, outside the timings
CLI=(dotnet "$ROOT/artifacts/cli/dataforge.dll")

/usr/bin/python3 - "$ROOT/seeds/programs" "$WORK/corpus" "$COPIES" <<'PY'
import json, os, sys
source, target, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
for name, comment in (("python.jsonl", "#"), ("csharp.jsonl", "//")):
    rows = [json.loads(line) for line in open(os.path.join(source, name), encoding="utf-8") if line.strip()]
    with open(os.path.join(target, name), "w", encoding="utf-8") as out:
        for k in range(copies):
            for row in rows:
                copy = dict(row, output=row["output"].rstrip("\n") + f"\n{comment} copy {k}\n")
                out.write(json.dumps(copy) + "\n")
PY
sed -e "s|\.\./seeds/programs/|$WORK/corpus/|" -e 's/^s = 5$/s = 2/' "$ROOT/pipelines/lintseq.toml" > "$WORK/pipeline.toml"
programs=$(cat "$WORK/corpus/"*.jsonl | wc -l)

# timed NAME COMMAND...: runs COMMAND in a shell under GNU time; leaves "wall user sys" in $WORK/NAME.time.
timed() {
  local name="$1"; shift
  /usr/bin/time -f "%e %U %S" -o "$WORK/$name.time" bash -c "$*" > "$WORK/$name.log" 2>&1 || { cat "$WORK/$name.log" >&2; exit 1; }
}
wall() { cut -d' ' -f1 "$WORK/$1.time"; }
cpu() { awk '{ printf "%.1f", $2 + $3 }' "$WORK/$1.time"; }
shards() { (cd "$1" && sha256sum data/*.parquet rejects/*.parquet 2>/dev/null | sha256sum | cut -c1-16); }

timed single "${CLI[*]} run $WORK/pipeline.toml --out $WORK/single --store $WORK/single.sqlite"
reference=$(shards "$WORK/single")
sequences=$(jq '.counts.kept' "$WORK/single/manifest.json")

echo "| LintSeq, $programs programs (seed programs x $COPIES), s = 2: $sequences sequences | wall | CPU (all processes) | merge | merge's share of wall | shards equal the single run |"
echo "|---|---:|---:|---:|---:|---|"
echo "| single run (baseline) | $(wall single) s | $(cpu single) s | — | — | — |"
for n in 2 4; do
  parts=()
  for ((i = 0; i < n; i++)); do parts+=("$WORK/p$n/part-$i"); done
  launch=""
  for ((i = 0; i < n; i++)); do launch+="${CLI[*]} run $WORK/pipeline.toml --partition $i/$n --out ${parts[$i]} & "; done
  timed "parts$n" "${launch} wait"
  timed "merge$n" "${CLI[*]} merge $WORK/pipeline.toml ${parts[*]} --out $WORK/merged$n --store $WORK/merged$n.sqlite"
  total=$(echo "$(wall parts$n) + $(wall merge$n)" | bc)
  cputotal=$(echo "$(cpu parts$n) + $(cpu merge$n)" | bc)
  share=$(awk -v m="$(wall merge$n)" -v t="$total" 'BEGIN { printf "%.1f", 100 * m / t }')
  same=$([ "$(shards "$WORK/merged$n")" = "$reference" ] && echo yes || echo NO)
  echo "| $n partitions at once + merge | $total s | $cputotal s | $(wall merge$n) s | $share% | $same |"
done
echo
awk -v c="$(cpu single)" -v p="$programs" -v s="$sequences" 'BEGIN { printf "Per record: %.3f CPU-seconds per program (%.4f per sequence) in the single run.\n", c / p, c / s }'
