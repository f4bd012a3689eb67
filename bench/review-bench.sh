#!/usr/bin/env bash
# `dataforge review` on a synthetic run of N records (default 1,000,000) written with the project's own
# shard writers (bench/DataForge.ReviewBench): time to build the sidecar index (start to the first
# stdout line, which comes once the index is built), time to the first list page, to a filtered and
# searched page, to the overview (histograms and counts computed on first view) and to a detail page,
# and the server's peak RSS (GNU time, %M). Beside the index build, in the same run: its CPU time (user
# + sys of the server process, GNU time %U %S) and the baseline, every shard decoded once with the
# columns the index reads and nothing else done (DataForge.ReviewBench --decode). Prints a Markdown table.
# Usage: bench/review-bench.sh [N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-1000000}"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/dataforge-bench}/review"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v /usr/bin/time >/dev/null || { echo "review-bench: needs GNU time: sudo apt-get install -y time" >&2; exit 2; }
command -v curl >/dev/null || { echo "review-bench: needs curl" >&2; exit 2; }

rm -rf "$WORK"
mkdir -p "$WORK"
"$ROOT/dataforge" --help >/dev/null # builds the CLI once, outside the timings
dotnet build "$ROOT/bench/DataForge.ReviewBench/DataForge.ReviewBench.csproj" -c Release -o "$ROOT/artifacts/review-bench" -nologo -v quiet >/dev/null
start=$(date +%s.%N)
dotnet "$ROOT/artifacts/review-bench/DataForge.ReviewBench.dll" "$WORK/run/bench" "$N" >&2
generated=$(echo "$(date +%s.%N) - $start" | bc)

# The baseline: just reading the shards (the page cache is as warm for it as for the index build).
start=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$WORK/decode-cpu" dotnet "$ROOT/artifacts/review-bench/DataForge.ReviewBench.dll" --decode "$WORK/run/bench" >&2
decoded=$(echo "$(date +%s.%N) - $start" | bc)
decode_cpu=$(tail -1 "$WORK/decode-cpu" | awk '{ printf "%.1f", $1 + $2 }')

# The server runs under GNU time in the background; its first stdout line is the URL.
start=$(date +%s.%N)
/usr/bin/time -f "%M %U %S" -o "$WORK/rss" dotnet "$ROOT/artifacts/cli/dataforge.dll" review "$WORK/run/bench" --port 0 > "$WORK/stdout" 2> "$WORK/stderr" &
server=$!
until grep -q '^review at ' "$WORK/stdout" 2>/dev/null; do
  kill -0 "$server" 2>/dev/null || { cat "$WORK/stderr" >&2; exit 1; }
  sleep 0.05
done
indexed=$(echo "$(date +%s.%N) - $start" | bc)
# CPU (user + sys, all threads) the server has used by then: the index build's CPU time.
index_cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$(pgrep -P "$server")/stat")
url=$(sed -n 's/^review at //p' "$WORK/stdout" | head -1)
get() { curl -s -o "$WORK/page.html" -w '%{time_total}' "$url${1#/}"; }
first=$(get "/samples")
filtered=$(get "/samples?status=rejected&reason=near_duplicate&kind=instruction&min_ic_ifd=0.5&sort=ifd&q=merge+graph&page=3")
overview=$(get "/")
overview2=$(get "/")
id=$(grep -o 'data-id="[0-9a-f]\{32\}"' "$WORK/page.html" | head -1 | grep -o '[0-9a-f]\{32\}' || true)
id=${id:-$(curl -s "${url}samples?per_page=1" | grep -o 'data-id="[0-9a-f]\{32\}"' | head -1 | grep -o '[0-9a-f]\{32\}')}
detail=$(get "/samples/$id")
last=$(get "/samples?page=$((N / 50))")
kill -TERM "$(pgrep -P "$server")" # the server itself (GNU time, its parent, ignores SIGINT; background jobs of a script ignore it too)
wait "$server" || true
rss=$(tail -1 "$WORK/rss" | cut -d' ' -f1)
# CPU of the whole server process (index build, then the page requests above, which take well under a second).
server_cpu=$(tail -1 "$WORK/rss" | awk '{ printf "%.1f", $2 + $3 }')
index=$(du -m "$WORK/run/.review/bench.index.sqlite" | cut -f1)
shards=$(du -sm "$WORK/run/bench" | cut -f1)
rate=$(echo "$N / $indexed" | bc)
decode_rate=$(echo "$N / $decoded" | bc)

echo "| what | $N records |"
echo "|---|---:|"
echo "| synthetic run written (shards $shards MB) | ${generated%???????} s |"
echo "| baseline: shards decoded once, index columns only, nothing else (\`--decode\`) | ${decoded%???????} s ($decode_rate records/s; CPU $decode_cpu s) |"
echo "| index built (start to first stdout line; index $index MB) | ${indexed%???????} s ($rate records/s; CPU $index_cpu s; the server's CPU in all, pages below included, $server_cpu s) |"
echo "| first list page | ${first} s |"
echo "| filtered + searched + sorted page 3 | ${filtered} s |"
echo "| last list page (OFFSET) | ${last} s |"
echo "| overview, first view (histograms, counts) / cached | ${overview} s / ${overview2} s |"
echo "| detail page (row group read back) | ${detail} s |"
echo "| server peak RSS | $((rss / 1024)) MB |"
