#!/usr/bin/env bash
# Selection quality against a planted truth. A proxy of the embedded architecture is pre-trained on Debian
# documentation (no Python in it); the pool is made of this machine's Python standard-library functions with
# defects planted at known rates (swapped responses, truncated responses, near-duplicates, an off-target
# family) and one family (mail) held out as the target. Random draws, IFD, IC-IFD, S2L and LESS select 5% and
# 10% through the real `dataforge run` steps; the proxy is fine-tuned on every subset with several training
# seeds; the held-out target loss and each subset's composition are printed as Markdown.
# Usage: bench/selection-bench.sh [--quick] [--seeds N] [--draws N]
#   --quick: pool 500, proxy 300 steps on 1.5 MB of text, fine-tunes of 2 epochs cut at 128 tokens (under 30 min on 2 busy cores)
#   full:    pool 2,000, proxy 1,500 steps on all the text (7.5 MB), fine-tunes of 3 epochs cut at 512 tokens (about 2 h on 2 quiet cores)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/dataforge-bench}/selection"
MODE=full SEEDS=3 DRAWS=5
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ;;
    --seeds) SEEDS="$2"; shift ;;
    --draws) DRAWS="$2"; shift ;;
    *) echo "usage: bench/selection-bench.sh [--quick] [--seeds N] [--draws N]" >&2; exit 1 ;;
  esac
  shift
done
RUN="$WORK/$MODE"
mkdir -p "$RUN/select"
export DATAFORGE_HOME="$ROOT" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log() { printf '[%s] selection-bench: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
started=$(date +%s)
if [ "$MODE" = quick ]; then
  POOL_SIZE=500 EVAL=40 CORPUS_BYTES=1500000 PROXY_STEPS=300 MAX_LENGTH=128 EPOCHS=2 FULL_EPOCHS=0.5
  S2L=(--set steps.select.epochs=1 --set steps.select.checkpoints=6 --set steps.select.clusters=25) LESS=(--set steps.select.epochs=2)
else
  POOL_SIZE=2000 EVAL=120 CORPUS_BYTES=100000000 PROXY_STEPS=1500 MAX_LENGTH=512 EPOCHS=3 FULL_EPOCHS=1
  S2L=() LESS=()
fi
PACKAGES=(manpages manpages-dev debian-reference-en debian-policy)
PY=/usr/bin/python3

# Builds go to the work folder, never to a build folder a concurrent test run uses.
log "building the CLI and DataForge.SelectionBench..."
dotnet build "$ROOT/src/DataForge.Cli/DataForge.Cli.csproj" -c Release -o "$WORK/cli" -nologo -v quiet >&2
dotnet build "$ROOT/bench/selection/DataForge.SelectionBench/DataForge.SelectionBench.csproj" -c Release -o "$WORK/bin" -nologo -v quiet >&2
dataforge() { (cd "$ROOT" && dotnet "$WORK/cli/dataforge.dll" "$@" >&2); }
PROGRESS=(--progress-interval 60)

# 1. The proxy's pre-training text: Debian documentation packages (installed here if missing; never committed).
missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} (apt-get)"
  if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo); fi
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >&2
fi
rm -rf "$RUN/corpus"
corpus=$($PY "$ROOT/bench/selection/corpus.py" "$RUN/corpus" "$CORPUS_BYTES" "${PACKAGES[@]}")
log "corpus: $corpus"

# 2. The proxy: the embedded architecture (small) trained from scratch on that text, tokenizer included.
if [ -f "$RUN/proxy/training.json" ] && [ "$(cat "$RUN/proxy/.corpus-steps" 2>/dev/null)" = "$(cat "$RUN/corpus"/* | sha256sum | cut -c1-64) $PROXY_STEPS" ]; then
  log "proxy: reusing $RUN/proxy (same corpus and steps)"
else
  log "proxy: dataforge model train-tiny, $PROXY_STEPS steps"
  t0=$(date +%s)
  # Run from the work folder: from the repository root train-tiny would add the repository's own text (seeds, pipelines, README).
  (cd "$RUN" && dotnet "$WORK/cli/dataforge.dll" model train-tiny --corpus "$RUN/corpus" --out "$RUN/proxy" --steps "$PROXY_STEPS" >&2)
  echo "$(( $(date +%s) - t0 ))" > "$RUN/proxy/.train-seconds"
  echo "$(cat "$RUN/corpus"/* | sha256sum | cut -c1-64) $PROXY_STEPS" > "$RUN/proxy/.corpus-steps"
fi
trained_docs=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["corpus_documents"])' "$RUN/proxy/training.json")
[ "$trained_docs" = "$(ls "$RUN/corpus" | wc -l)" ] || { log "the proxy read $trained_docs documents, not the corpus's $(ls "$RUN/corpus" | wc -l)"; exit 1; }
log "proxy trained in $(cat "$RUN/proxy/.train-seconds") s on $trained_docs documents"

# 3. The pool with its planted truth, from /usr/bin/python3's standard library.
STDLIB=$($PY -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
rm -rf "$RUN/pool"
pool=$($PY "$ROOT/bench/selection/pool.py" "$STDLIB" "$RUN/pool" "$POOL_SIZE" "$EVAL" 1)
log "pool: $pool"
B5=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["budgets"]["5%"])' "$RUN/pool/pool.json")
B10=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["budgets"]["10%"])' "$RUN/pool/pool.json")

# 4. The selectors, each a pipeline over the pool (bench/selection/select-*.toml), at both budgets.
COMMON=(--set "steps.pool.path=$RUN/pool/pool.jsonl" --set "models.proxy.path=$RUN/proxy")
SELECTORS=()
select_run() { # NAME LABEL BUDGET-KEY BUDGET EXTRA...
  local name="$1" label="$2" key="$3" budget="$4"; shift 4
  log "select: $name at $label ($budget records)"
  dataforge run "bench/selection/select-$name.toml" --out "$RUN/select/$name-$label" --store "$RUN/runstore.sqlite" "${PROGRESS[@]}" "${COMMON[@]}" --set "steps.select.$key=$budget" "$@"
  SELECTORS+=(--selector "$(echo "$name" | tr a-z A-Z)@$label%=$RUN/select/$name-$label")
}
for pair in "5 $B5" "10 $B10"; do
  set -- $pair
  select_run ifd "$1" top_k "$2"
  select_run ic-ifd "$1" top_k "$2"
  select_run s2l "$1" budget "$2" ${S2L[@]+"${S2L[@]}"}
  select_run less "$1" keep "$2" --set "steps.select.target=$RUN/pool/less-target.jsonl" ${LESS[@]+"${LESS[@]}"}
done

# 5. Fine-tune the proxy on every subset with every training seed; the tables go to stdout, the figures to results.json.
log "fine-tuning: $DRAWS random draws and 4 selectors at 2 budgets, the full pool, x $SEEDS training seeds"
dotnet "$WORK/bin/DataForge.SelectionBench.dll" evaluate --proxy "$RUN/proxy" --pool "$RUN/pool" --results "$RUN/results.json" \
  --seeds "$SEEDS" --draws "$DRAWS" --mode "$MODE" --max-length "$MAX_LENGTH" --epochs "$EPOCHS" --full-pool-epochs "$FULL_EPOCHS" "${SELECTORS[@]}" | tee "$RUN/results.md"
echo
echo "Scores by planted kind (bench/selection/scores_by_kind.py):"
$PY "$ROOT/bench/selection/scores_by_kind.py" "$RUN"/select/*
echo
echo "bench wall time: $(( ($(date +%s) - started) / 60 )) min $(( ($(date +%s) - started) % 60 )) s (builds and cached steps included); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); picks and scores per selector in $RUN/select/*/inspection.jsonl"
