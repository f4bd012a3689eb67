#!/usr/bin/env bash
# quality-filter keep / drop rates: per rule and overall, the share of the repository's human-written
# instruction data kept (seeds/instructions, seeds/programs, pipelines/targets) and the share of the
# embedded model's Evol-Instruct rewrites dropped: those of the default pipeline (pipeline.toml run
# whole, its quality step set to keep everything, so each rewrite's rule values land in meta.quality)
# and, held out, those of the same evolution settings under run seed 2 (bench/quality/evolve-held-out.toml).
# Goals: keep at least 95% of the human-written data, drop at least 90% of the rewrites. Markdown table.
# Usage: bench/quality-bench.sh    (8–14 minutes on 2 cores, most of it the default pipeline's evolutions and LintSeq branch)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/dataforge-bench}/quality"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
rm -rf "$WORK"
mkdir -p "$WORK"
"$ROOT/dataforge" --help >/dev/null # builds the CLI and installs the word lists
run() { local log="$WORK/$(basename "$3").log"; "$ROOT/dataforge" run "$@" --store "$WORK/store.sqlite" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }; }
echo "quality-bench: human-written data..." >&2
run "$ROOT/bench/quality/human.toml" --out "$WORK/human"
echo "quality-bench: the default pipeline (pipeline.toml), quality step keeping everything..." >&2
run "$ROOT/pipeline.toml" --out "$WORK/default" --set steps.quality.drop=false
echo "quality-bench: held-out evolutions (run seed 2)..." >&2
run "$ROOT/bench/quality/evolve-held-out.toml" --out "$WORK/held-out"
dotnet build "$ROOT/bench/DataForge.QualityBench/DataForge.QualityBench.csproj" -c Release -o "$WORK/bin" -nologo -v quiet >&2
dotnet "$WORK/bin/DataForge.QualityBench.dll" "$WORK/human" "$WORK/default" "$WORK/held-out"
