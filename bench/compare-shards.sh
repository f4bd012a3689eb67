#!/usr/bin/env bash
# Runs pipelines with the CLI of a base commit and with this tree's CLI, and compares the shards
# byte for byte (sha256 of every data/ and rejects/ Parquet file). Prints a Markdown table.
# Shards that differ are compared row by row (bench/DataForge.ShardDiff): a row says "within 1e-6"
# when only numbers differ — score columns, and numbers inside meta JSON — by at most 1e-6 relative.
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
dotnet build "$ROOT/bench/DataForge.ShardDiff/DataForge.ShardDiff.csproj" -c Release -o "$BENCH_DIR/shard-diff" -nologo -v quiet >&2

within() { # base run folder, head run folder -> one line per differing shard, or nothing; fails beyond the tolerance
  local file ok=0
  for file in $(cd "$1" && find data rejects -name '*.parquet' -type f | LC_ALL=C sort); do
    cmp -s "$1/$file" "$2/$file" && continue
    [ -f "$2/$file" ] || { echo "$file: missing"; ok=1; continue; }
    echo "$file: $(dotnet "$BENCH_DIR/shard-diff/DataForge.ShardDiff.dll" "$1/$file" "$2/$file" 1e-6)" || ok=1
  done
  return $ok
}

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
  if [ ! -f "$BASE_TREE/$pipeline" ]; then
    echo "| $pipeline | – | – | new in this tree (not in $BASE_REV) |"; continue
  fi
  base_out=$(run base "$BASE_TREE" "$pipeline") || { echo "| $pipeline | failed | | |"; status=1; continue; }
  head_out=$(run head "$ROOT" "$pipeline") || { echo "| $pipeline | | failed | |"; status=1; continue; }
  base_digest=$(digest "$base_out"); head_digest=$(digest "$head_out")
  result="identical"
  if [ "$base_digest" != "$head_digest" ]; then
    if [ "$(echo "$base_digest" | awk '{print $2}')" = "$(echo "$head_digest" | awk '{print $2}')" ] && details=$(within "$base_out" "$head_out"); then
      result="within 1e-6: $(echo "$details" | tr '\n' ';' | sed 's/;$//')"
    else
      result="DIFFERENT: $(within "$base_out" "$head_out" | tr '\n' ';')"
      status=1
    fi
  fi
  echo "| $pipeline | $(echo "$base_digest" | grep -c .) | $(echo "$head_digest" | grep -c .) | $result |"
done
exit $status
