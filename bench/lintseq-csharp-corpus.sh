#!/usr/bin/env bash
# LintSeq on real C# files: restores a source-only NuGet package (Polyfill by default, MIT; its .cs files are
# open-source code written elsewhere) into the bench folder, keeps the distinct files of 20-163 lines with at
# least 10 candidate lines that compile alone with the implicit usings (checked with DataForge's Roslyn linter),
# writes them as JSONL (instruction = path in the package, output = the file, language = csharp) and runs the
# C# rows of bench/DataForge.Bench on them: sequences/s (wall), sequences per CPU-second (the whole process
# tree), checks per sequence and CPU ms per check. Nothing is copied into the repository.
# Usage: bench/lintseq-csharp-corpus.sh [extra options of bench/DataForge.Bench, e.g. --s 2 --naive-programs 1]
#        bench/lintseq-csharp-corpus.sh --corpus-only OUT.jsonl   (write the corpus and stop: bench/lintseq-bench.sh uses it)
# Environment: CSHARP_CORPUS_PACKAGE (default Polyfill), CSHARP_CORPUS_VERSION (default 11.4.5).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/dataforge-bench}/lintseq-csharp"
PACKAGE="${CSHARP_CORPUS_PACKAGE:-Polyfill}"
VERSION="${CSHARP_CORPUS_VERSION:-11.4.5}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$WORK/fetch"

# A throw-away project whose restore puts the package's files into $WORK/packages.
cat > "$WORK/fetch/fetch.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageReference Include="$PACKAGE" Version="$VERSION" /></ItemGroup>
</Project>
XML
echo "lintseq-csharp-corpus: restoring $PACKAGE $VERSION..." >&2
dotnet restore "$WORK/fetch/fetch.csproj" --packages "$WORK/packages" -nologo -v quiet >&2
SOURCES="$WORK/packages/$(echo "$PACKAGE" | tr '[:upper:]' '[:lower:]')/$VERSION"

echo "lintseq-csharp-corpus: building bench/DataForge.Bench (Release)..." >&2
dotnet build "$ROOT/bench/DataForge.Bench/DataForge.Bench.csproj" -c Release --artifacts-path "$WORK/artifacts" -nologo -v quiet >&2
BENCH="$WORK/artifacts/bin/DataForge.Bench/release/DataForge.Bench.dll"
CORPUS="$WORK/csharp-files.jsonl"
dotnet "$BENCH" --make-csharp-corpus "$SOURCES" "$CORPUS"
if [ "${1:-}" = --corpus-only ]; then
  cp "$CORPUS" "$2" && cp "$CORPUS.note" "$2.note"
  exit 0
fi

# Only the Roslyn rows: the seed programs (C#) first, then the real files. The Python inputs are required
# by the bench but not used with --linters roslyn.
: > "$WORK/no-stdlib.jsonl"
dotnet "$BENCH" \
  --python-seeds "$ROOT/seeds/programs/python.jsonl" \
  --csharp-seeds "$ROOT/seeds/programs/csharp.jsonl" \
  --stdlib "$WORK/no-stdlib.jsonl" --linters roslyn \
  --csharp-corpus "$CORPUS" --note "$(cat "$CORPUS.note")" "$@"
