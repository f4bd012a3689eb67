#!/usr/bin/env bash
# Streams generated records through read -> dedup-exact -> write (and a read -> write baseline) at
# 100k and 1M records, and prints records/s and peak RSS for each. Usage: bench/stream-bench.sh [SIZES...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/dataforge-bench}"
SIZES=("${@:-100000 1000000}")
read -r -a SIZES <<<"${SIZES[*]}"

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (Debian package 'time') to measure peak RSS..." >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq >&2 && apt-get install -y -qq time >&2; else sudo -n apt-get install -y -qq time >&2; fi
fi

"$ROOT/dataforge" --version >/dev/null   # builds the CLI if needed
CLI=(dotnet "$ROOT/artifacts/cli/dataforge.dll")
mkdir -p "$WORK"

generate() { # N FILE: N records, about 5% exact duplicates (after case/whitespace normalisation)
  /usr/bin/python3 - "$1" "$2" <<'PY'
import json, random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
words = "data model train token seed prompt answer review shard parquet filter score cluster budget lineage".split()
with open(path, "w", encoding="utf-8") as f:
    for i in range(n):
        j = i if rng.random() > 0.05 else rng.randrange(max(1, i))
        r = random.Random(j)
        text = " ".join(r.choice(words) for _ in range(r.randint(12, 40)))
        instruction = f"Task {j}: explain how to {text}"
        if j != i and r.random() < 0.5:
            instruction = instruction.upper()
        f.write(json.dumps({"instruction": instruction, "input": "", "output": f"Answer {j}: " + text[::-1]}) + "\n")
PY
}

printf '\n| pipeline | records | seconds | records/s | peak RSS (MB) | kept | dropped |\n|---|---:|---:|---:|---:|---:|---:|\n'
for n in "${SIZES[@]}"; do
  input="$WORK/input-$n"
  if [ ! -f "$input/records.jsonl" ]; then
    mkdir -p "$input"
    generate "$n" "$input/records.jsonl"
  fi
  for pipeline in stream-baseline stream; do
    out="$WORK/run-$pipeline-$n"
    rm -rf "$out" "$WORK/runstore-$pipeline-$n.sqlite"*
    stats="$WORK/time-$pipeline-$n.txt"
    /usr/bin/time -f '%e %M' -o "$stats" "${CLI[@]}" run "$ROOT/bench/$pipeline.toml" --out "$out" \
      --store "$WORK/runstore-$pipeline-$n.sqlite" --set "steps.seeds.path=$input" --progress-interval 3600 >/dev/null 2>"$WORK/log-$pipeline-$n.txt"
    read -r seconds rss_kb <"$stats"
    kept=$(/usr/bin/python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(m['counts']['kept'], m['counts']['rejected'])" "$out/manifest.json")
    read -r k r <<<"$kept"
    awk -v p="$pipeline" -v n="$n" -v s="$seconds" -v m="$rss_kb" -v k="$k" -v r="$r" \
      'BEGIN { printf "| %s | %d | %.1f | %.0f | %.0f | %d | %d |\n", p, n, s, n / s, m / 1024, k, r }'
  done
done
