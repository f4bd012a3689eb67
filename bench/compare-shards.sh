#!/usr/bin/env bash
# Runs pipelines with the CLI of a base commit and with this tree's CLI, and compares the shards
# byte for byte (sha256 of every data/ and rejects/ Parquet file). Prints a Markdown table.
#
#   bench/compare-shards.sh BASE_REV [--limit N] [PIPELINE...]
#
# Default pipelines: pipeline.toml and every pipelines/*.toml. --limit N (default 40) caps the
# records each read step takes, so the comparison runs in minutes; --limit 0 runs them whole.
# A refactor that does not change behaviour must print "identical" on every row.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/dataforge-bench}/compare-shards"
[ $# -ge 1 ] || { echo "usage: bench/compare-shards.sh BASE_REV [--limit N] [PIPELINE...]" >&2; exit 1; }
BASE_REV="$1"; shift
LIMIT=40
PIPELINES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --limit) LIMIT="$2"; shift 2 ;;
    *) PIPELINES+=("$1"); shift ;;
  esac
done
if [ ${#PIPELINES[@]} -eq 0 ]; then
  PIPELINES=(pipeline.toml)
  for file in "$ROOT"/pipelines/*.toml; do PIPELINES+=("pipelines/$(basename "$file")"); done
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rm -rf "$BENCH_DIR"
mkdir -p "$BENCH_DIR"
BASE_TREE="$BENCH_DIR/base"
git -C "$ROOT" worktree add -q --detach "$BASE_TREE" "$BASE_REV"
trap 'git -C "$ROOT" worktree remove --force "$BASE_TREE" >/dev/null 2>&1 || true' EXIT

build() { # tree -> folder of its CLI
  dotnet build "$1/src/DataForge.Cli/DataForge.Cli.csproj" -c Release -o "$2" -nologo -v quiet >&2
}
echo "building $BASE_REV and this tree..." >&2
build "$BASE_TREE" "$BENCH_DIR/cli-base"
build "$ROOT" "$BENCH_DIR/cli-head"

limit_args=()
[ "$LIMIT" -gt 0 ] && limit_args=(--limit "$LIMIT")

run() { # side tree pipeline -> run folder
  local side="$1" tree="$2" pipeline="$3" out="$BENCH_DIR/$1/$(basename "$3" .toml)"
  mkdir -p "$BENCH_DIR/$side"
  (cd "$tree" && DATAFORGE_HOME="$tree" dotnet "$BENCH_DIR/cli-$side/dataforge.dll" run "$pipeline" \
    --out "$out" --store "$out.sqlite" "${limit_args[@]}" --progress-interval 600 >/dev/null 2>"$out.log") \
    || { echo "run failed: $side $pipeline (see $out.log)" >&2; return 1; }
  echo "$out"
}

digest() { # run folder -> one line per shard: relative path and sha256
  (cd "$1" && find data rejects -name '*.parquet' -type f | LC_ALL=C sort | xargs -r sha256sum)
}

echo "| pipeline | shards ($BASE_REV) | shards (this tree) | result |"
echo "|---|---|---|---|"
status=0
for pipeline in "${PIPELINES[@]}"; do
  base_out=$(run base "$BASE_TREE" "$pipeline") || { echo "| $pipeline | failed | | |"; status=1; continue; }
  head_out=$(run head "$ROOT" "$pipeline") || { echo "| $pipeline | | failed | |"; status=1; continue; }
  base_digest=$(digest "$base_out"); head_digest=$(digest "$head_out")
  result="identical"
  if [ "$base_digest" != "$head_digest" ]; then
    result="DIFFERENT: $(diff <(echo "$base_digest") <(echo "$head_digest") | grep -c '^[<>]') lines differ"
    status=1
  fi
  echo "| $pipeline | $(echo "$base_digest" | grep -c .) | $(echo "$head_digest" | grep -c .) | $result |"
done
exit $status
