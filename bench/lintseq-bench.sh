#!/usr/bin/env bash
# LintSeq throughput: sequences/s (wall and per CPU-second of the whole process tree), lint calls and edits per
# sequence with warm linter workers (DataForge's way) beside a naive baseline (a fresh linter process / a fresh
# C# compilation per check) and beside bench/reference_lintseq.py, a re-implementation of the reference
# sampler (pylint in-process, one process), on the seed programs and on top-level functions and whole modules
# taken from this machine's Python standard library at bench time.
# Usage: bench/lintseq-bench.sh [--quick] [extra options of bench/DataForge.Bench, e.g. --s 3 --stdlib-programs 100]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/dataforge-bench}/lintseq"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$WORK"

# Debian's pylint (2.16.2 on bookworm) and pyflakes, installed when missing.
if ! /usr/bin/python3 -c "import pylint, pyflakes" >/dev/null 2>&1; then
  echo "lintseq-bench: installing Debian's pylint and pyflakes3 (apt-get)..." >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y --no-install-recommends pylint pyflakes3 >&2 || true
fi
for module in pylint pyflakes; do
  if ! /usr/bin/python3 -c "import $module" >/dev/null 2>&1; then
    echo "lintseq-bench: Debian's /usr/bin/python3 cannot import $module; run: sudo apt-get install -y --no-install-recommends pylint pyflakes3" >&2
    exit 2
  fi
done

# Top-level functions of 20-120 lines from the standard library of /usr/bin/python3: files in sorted order,
# at most 3 functions per file (in file order, decorators included), so the corpus is the same on every run
# on the same Python; and whole modules (stdlib/*.py) of 100-600 lines, in sorted order (the bench takes an
# evenly spread subset). Written to temporary JSONL files; nothing is copied into the repository.
STDLIB_JSONL="$WORK/stdlib-functions.jsonl"
MODULES_JSONL="$WORK/stdlib-modules.jsonl"
/usr/bin/python3 - "$STDLIB_JSONL" "$MODULES_JSONL" <<'PY'
import ast, glob, json, os, sys, sysconfig
out, modules_out, per_file = sys.argv[1], sys.argv[2], 3
stdlib = sysconfig.get_paths()["stdlib"]
rows, modules = [], []
for path in sorted(glob.glob(os.path.join(stdlib, "*.py"))):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        tree = ast.parse(text)
    except (SyntaxError, UnicodeDecodeError, ValueError):
        continue
    lines = text.split("\n")
    if 100 <= len(lines) <= 600:
        modules.append({"instruction": os.path.basename(path), "output": text, "language": "python"})
    taken = 0
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        start = min([node.lineno] + [d.lineno for d in node.decorator_list])
        if not 20 <= node.end_lineno - start + 1 <= 120:
            continue
        source = "\n".join(lines[start - 1:node.end_lineno])
        rows.append({"instruction": f"{os.path.basename(path)}:{node.name}", "output": source, "language": "python"})
        taken += 1
        if taken == per_file:
            break
with open(out, "w", encoding="utf-8") as f:
    for row in rows:
        f.write(json.dumps(row) + "\n")
with open(modules_out, "w", encoding="utf-8") as f:
    for row in modules:
        f.write(json.dumps(row) + "\n")
with open(out + ".note", "w", encoding="utf-8") as f:
    f.write(f"stdlib functions: top-level functions of 20-120 lines from {stdlib} (Python {sys.version.split()[0]}), "
            f"at most {per_file} per file, files in sorted order, taken at bench time; {len(rows)} found, the first ones used (--stdlib-programs); "
            f"stdlib modules: the {len(modules)} files of 100-600 lines there, an evenly spread subset used (--stdlib-module-programs).")
mean = sum(r["output"].count("\n") + 1 for r in rows) / max(1, len(rows))
print(f"lintseq-bench: {len(rows)} stdlib functions (mean {mean:.0f} lines), {len(modules)} stdlib modules of 100-600 lines, from {stdlib}", file=sys.stderr)
PY

# Real C# files: a source-only NuGet package restored at bench time, the files that compile alone
# (bench/lintseq-csharp-corpus.sh); nothing is copied into the repository.
CSHARP_JSONL="$WORK/csharp-files.jsonl"
bash "$ROOT/bench/lintseq-csharp-corpus.sh" --corpus-only "$CSHARP_JSONL"

# Built into $WORK, so the run never touches the build folders of a concurrent test build.
echo "lintseq-bench: building bench/DataForge.Bench (Release)..." >&2
dotnet build "$ROOT/bench/DataForge.Bench/DataForge.Bench.csproj" -c Release --artifacts-path "$WORK/artifacts" -nologo -v quiet >&2
dotnet "$WORK/artifacts/bin/DataForge.Bench/release/DataForge.Bench.dll" \
  --python-seeds "$ROOT/seeds/programs/python.jsonl" \
  --csharp-seeds "$ROOT/seeds/programs/csharp.jsonl" \
  --stdlib "$STDLIB_JSONL" --stdlib-modules "$MODULES_JSONL" \
  --csharp-corpus "$CSHARP_JSONL" --note "$(cat "$CSHARP_JSONL.note")" \
  --reference-script "$ROOT/bench/reference_lintseq.py" --note "$(cat "$STDLIB_JSONL.note")" "$@"
