#!/usr/bin/env bash
# Novelty filter (Rouge-L F > 0.7 against anything kept before) vs the plain pairwise rule, on real English
# instructions built at bench time from this machine's Python standard library: the first sentence of every
# docstring, as "Write a function that ..." requests, plus 10% near-duplicates (a word dropped or swapped).
# Usage: bench/novelty-bench.sh [N] [NAIVE_N]   (defaults 5000 and 1500; the naive time is extrapolated by n^2)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/dataforge-bench}/novelty"
N="${1:-5000}"
NAIVE_N="${2:-1500}"
mkdir -p "$WORK"
/usr/bin/python3 - "$WORK/instructions.jsonl" <<'PY'
import ast, glob, json, os, random, sys, sysconfig
rng = random.Random(11)
seen, rows = set(), []
for path in sorted(glob.glob(os.path.join(sysconfig.get_paths()["stdlib"], "**", "*.py"), recursive=True)):
    try:
        tree = ast.parse(open(path, encoding="utf-8").read())
    except Exception:
        continue
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            doc = ast.get_docstring(node)
            if not doc:
                continue
            first = " ".join(doc.strip().split("\n\n")[0].split())
            if 6 <= len(first.split()) <= 60 and first not in seen:
                seen.add(first)
                rows.append(f"Write a function `{node.name}`: {first}")
out = []
for text in rows:
    out.append(text)
    if rng.random() < 0.1:
        words = text.split()
        i = rng.randrange(len(words))
        if rng.random() < 0.5 and len(words) > 6:
            del words[i]
        else:
            j = rng.randrange(len(words))
            words[i], words[j] = words[j], words[i]
        out.append(" ".join(words))
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for text in out:
        f.write(json.dumps({"instruction": text}) + "\n")
print(f"{len(out)} instructions", file=sys.stderr)
PY
dotnet build "$ROOT/bench/DataForge.NoveltyBench/DataForge.NoveltyBench.csproj" -c Release -o "$WORK/bin" -nologo -v quiet >&2
dotnet "$WORK/bin/DataForge.NoveltyBench.dll" "$WORK/instructions.jsonl" "$N" "$NAIVE_N"
