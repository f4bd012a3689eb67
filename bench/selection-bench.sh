#!/usr/bin/env bash
# Selection quality on the embedded tiny model: a candidate pool made by the project's own Evol-Instruct,
# Code Evol-Instruct and LintSeq runs plus the seeds, with one kind (the Python coding instruction seeds)
# held out as the target; 10% of the pool selected by random draws, IFD, IC-IFD, S2L and LESS; the tiny
# model fine-tuned on each subset at the same budget with several training seeds; the held-out loss,
# the random-vs-random spread (the noise floor) and each selector's wall time, as a Markdown table.
# Usage: bench/selection-bench.sh [--quick] [--seeds N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/dataforge-bench}/selection"
MODE=full SEEDS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ;;
    --seeds) SEEDS="$2"; shift ;;
    *) echo "usage: bench/selection-bench.sh [--quick] [--seeds N]" >&2; exit 1 ;;
  esac
  shift
done
RUN="$WORK/$MODE" POOL="$WORK/$MODE/pool"
mkdir -p "$POOL" "$RUN/select"
export DATAFORGE_HOME="$ROOT" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log() { printf '[%s] selection-bench: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
started=$(date +%s)

# Builds go to the work folder, never to a build folder a concurrent test run uses.
log "building the CLI and DataForge.SelectionBench..."
dotnet build "$ROOT/src/DataForge.Cli/DataForge.Cli.csproj" -c Release -o "$WORK/cli" -nologo -v quiet >&2
dotnet build "$ROOT/bench/selection/DataForge.SelectionBench/DataForge.SelectionBench.csproj" -c Release -o "$WORK/bin" -nologo -v quiet >&2
dataforge() { (cd "$ROOT" && dotnet "$WORK/cli/dataforge.dll" "$@" >&2); }
PROGRESS=(--progress-interval 60)
bench() { dotnet "$WORK/bin/DataForge.SelectionBench.dll" "$@"; }

# 1. The pool: the project's own pipelines. A finished run folder is reused (the CLI says so and exits 0).
if [ "$MODE" = quick ]; then
  EVOL=(--set steps.evolve.rounds=1 --set steps.evolve.max_tokens=48) CODE=(--set steps.evolve.rounds=1 --set steps.evolve.max_tokens=48) LINTSEQ_S=3
  S2L=(--set steps.select.epochs=1 --set steps.select.checkpoints=6) LESS=(--set steps.select.epochs=2)
else
  EVOL=(--set steps.evolve.rounds=3 --set steps.evolve.max_tokens=64) CODE=(--set steps.evolve.rounds=2 --set steps.evolve.max_tokens=64) LINTSEQ_S=20
  S2L=() LESS=()
fi
log "pool: LintSeq, s = $LINTSEQ_S per seed program"
dataforge lintseq seeds/programs -s "$LINTSEQ_S" --out "$POOL/lintseq"
log "pool: Evol-Instruct on the instruction seeds (${EVOL[*]})"
dataforge run pipelines/evol-instruct.toml --out "$POOL/evol" --store "$RUN/runstore.sqlite" "${PROGRESS[@]}" "${EVOL[@]}"
log "pool: Code Evol-Instruct on the seed programs (${CODE[*]})"
dataforge run pipelines/code-evol-instruct.toml --out "$POOL/code-evol" --store "$RUN/runstore.sqlite" "${PROGRESS[@]}" "${CODE[@]}"
BUDGET=$(bench pool --repo "$ROOT" --evol "$POOL/evol" --code-evol "$POOL/code-evol" --lintseq "$POOL/lintseq" --out "$POOL" \
  --target seeds/instructions/coding-python.jsonl --fraction 0.1)

# 2. The selectors, each a pipeline over the pool (bench/selection/select-*.toml); cached like any run.
READS=(--set "steps.seeds.path=$POOL/seeds.jsonl" --set "steps.evol.path=$POOL/evol.jsonl"
       --set "steps.code-evol.path=$POOL/code-evol.jsonl" --set "steps.lintseq.path=$POOL/lintseq.jsonl")
select_run() { # NAME EXTRA...
  local name="$1"; shift
  log "select: $name, budget $BUDGET"
  dataforge run "bench/selection/select-$name.toml" --out "$RUN/select/$name" --store "$RUN/runstore.sqlite" "${PROGRESS[@]}" "${READS[@]}" "$@"
}
select_run ifd --set "steps.select.top_k=$BUDGET"
select_run ic-ifd --set "steps.select.top_k=$BUDGET"
select_run s2l --set "steps.select.budget=$BUDGET" ${S2L[@]+"${S2L[@]}"}
select_run less --set "steps.select.keep=$BUDGET" --set "steps.select.target=$POOL/less-target.jsonl" ${LESS[@]+"${LESS[@]}"}

# 3. Fine-tune on every subset with every training seed; the table goes to stdout, the figures to results.json.
log "fine-tuning: $SEEDS random draws and 4 selectors x $SEEDS training seeds"
bench evaluate --repo "$ROOT" --pool "$POOL" --results "$RUN/results.json" --seeds "$SEEDS" --mode "$MODE" \
  --selector "IFD=$RUN/select/ifd" --selector "IC-IFD=$RUN/select/ic-ifd" \
  --selector "S2L=$RUN/select/s2l" --selector "LESS=$RUN/select/less" | tee "$RUN/results.md"
echo
echo "bench wall time: $(( ($(date +%s) - started) / 60 )) min $(( ($(date +%s) - started) % 60 )) s (builds, cached runs included); figures in $RUN/results.json"
