#!/usr/bin/env bash
# Nightly-build cost: the default pipeline (pipeline.toml, embedded model) built with `dataforge build`
#   1. full     — a first build over 99% of the embedded seeds (1% of the instructions and of the programs held back),
#   2. nothing  — the same build again with nothing new,
#   3. +1%      — a build after the held-back 1% is added,
# beside the baseline a tool without incremental builds pays for step 3: a from-scratch `dataforge run` of the
# same 100% inputs with a fresh run store. Wall time, CPU time of the whole process tree (GNU time: the CLI
# and its pylint workers), model requests and lint checks (the manifest's `work`) per row. Markdown table.
# Usage: bench/build-bench.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/dataforge-bench}/build"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v /usr/bin/time >/dev/null || { echo "build-bench: needs GNU time: sudo apt-get install -y time" >&2; exit 2; }

rm -rf "$WORK"
mkdir -p "$WORK/tree/seeds/instructions" "$WORK/tree/seeds/programs" "$WORK/held"
cp "$ROOT/pipeline.toml" "$WORK/tree/"
cp -r "$ROOT/models" "$WORK/tree/models"
"$ROOT/dataforge" --help >/dev/null # builds the CLI once, outside the timings
CLI=(dotnet "$ROOT/artifacts/cli/dataforge.dll")

# Hold back the last line of as many seed files as make up 1% of the seeds (rounded up), instructions and programs alike.
/usr/bin/python3 - "$ROOT/seeds" "$WORK/tree/seeds" "$WORK/held" <<'PY'
import glob, math, os, sys
src, dst, held = sys.argv[1:4]
for kind in ("instructions", "programs"):
    files = sorted(glob.glob(os.path.join(src, kind, "*.jsonl")))
    lines = {f: [l for l in open(f, encoding="utf-8").read().splitlines() if l.strip()] for f in files}
    hold = math.ceil(0.01 * sum(len(v) for v in lines.values()))
    for i, f in enumerate(files):
        keep = lines[f][:-1] if i < hold else lines[f]
        with open(os.path.join(dst, kind, os.path.basename(f)), "w", encoding="utf-8") as out:
            out.write("\n".join(keep) + "\n")
        if i < hold:
            with open(os.path.join(held, f"{kind}__{os.path.basename(f)}"), "w", encoding="utf-8") as out:
                out.write(lines[f][-1] + "\n")
    print(f"{kind}: {sum(len(v) for v in lines.values())} seeds, {hold} held back", file=sys.stderr)
PY

ROWS=()
measure() { # label, folder name for the work numbers, command...
  local label="$1"; shift
  local out="$WORK/$label.out" timing="$WORK/$label.time"
  (cd "$WORK/tree" && /usr/bin/time -f "%e %U %S" -o "$timing" "$@" >"$out" 2>"$WORK/$label.err") || { echo "build-bench: $label failed; see $WORK/$label.err" >&2; exit 1; }
  local folder; folder=$(grep -o 'dir=[^ ]*' "$out" | tail -1 | cut -d= -f2 || true)
  [ -n "$folder" ] || folder=$(grep -o -- '-> [^ ]*$' "$out" | tail -1 | cut -c4- || true)
  local status; status=$(grep -o 'status=[a-z_]*' "$out" | tail -1 | cut -d= -f2 || echo "run")
  read -r wall user sys <"$timing"
  local work; work=$(/usr/bin/python3 - "$folder/manifest.json" "$status" <<'PY'
import json, sys
path, status = sys.argv[1:3]
if status == "unchanged":
    print("0 0 0"); sys.exit()
m = json.load(open(path))
w = m.get("work") or {}
print(w.get("model_requests", 0), w.get("lint_checks", 0), m["counts"]["kept"])
PY
)
  ROWS+=("$label|$status|$wall|$(echo "$user + $sys" | bc)|${work// /|}")
}

measure "full (99%)" "${CLI[@]}" build --builds "$WORK/builds"
measure "nothing new" "${CLI[@]}" build --builds "$WORK/builds"
for f in "$WORK/held"/*; do
  name=$(basename "$f"); cat "$f" >>"$WORK/tree/seeds/${name%%__*}/${name#*__}"
done
measure "+1% seeds" "${CLI[@]}" build --builds "$WORK/builds"
measure "baseline: from scratch (100%)" "${CLI[@]}" run --out "$WORK/scratch" --store "$WORK/scratch.sqlite"

echo
echo "| build | status | wall s | CPU s (process tree) | model requests | lint checks | kept |"
echo "|---|---|---|---|---|---|---|"
for row in "${ROWS[@]}"; do
  IFS='|' read -r label status wall cpu requests lints kept <<<"$row"
  echo "| $label | $status | $wall | $cpu | $requests | $lints | $kept |"
done
full=$(cut -d'|' -f3 <<<"${ROWS[0]}"); inc=$(cut -d'|' -f3 <<<"${ROWS[2]}"); base=$(cut -d'|' -f3 <<<"${ROWS[3]}")
echo
echo "+1% build: $(echo "scale=1; 100 * $inc / $full" | bc)% of the full build's wall time (goal ≤ 10%), $(echo "scale=1; 100 * $inc / $base" | bc)% of a from-scratch run of the same inputs."
/usr/bin/python3 - "$(grep -o 'dir=[^ ]*' "$WORK/+1% seeds.out" | tail -1 | cut -d= -f2)/manifest.json" "$WORK/scratch/manifest.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
same = [s["sha256"] for s in a["shards"]] == [s["sha256"] for s in b["shards"]]
print(f"+1% build's shards {'equal' if same else 'DIFFER FROM'} the from-scratch run's byte for byte (run {a['run_id']}).")
PY
echo "Per-step time of the +1% build (manifest timings, seconds):"
/usr/bin/python3 - "$(grep -o 'dir=[^ ]*' "$WORK/+1% seeds.out" | tail -1 | cut -d= -f2)/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print("  " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(m["timings"].items(), key=lambda kv: -kv[1])))
PY
