#!/usr/bin/env bash
# Re-checks the seed programs in python.jsonl and csharp.jsonl.
#
#   Python: pyflakes must print nothing, and
#           pylint --disable=all --enable=E,F,W0311,W0231 must report nothing.
#   C#:     every program must compile on its own (net10.0, ImplicitUsings and
#           Nullable enabled). Files with a `namespace` declaration are built as
#           a class library, the others as top-level-statement console programs.
#
# Prints one line per failing program and exits non-zero if any fail.
#
# Options / environment:
#   --python-only        skip the C# compile checks
#   -v, --verbose        also show C# compiler warnings
#   PYTHON=/path         interpreter with pyflakes and pylint (default /usr/bin/python3)
#   SEEDCHECK_REQUIRE_DOTNET=1   fail instead of skipping when dotnet is missing
set -u

HERE="$(cd "$(dirname "$0")/programs" && pwd)"
PY="${PYTHON:-/usr/bin/python3}"
if [ -z "${PYTHON:-}" ] && [ ! -x "$PY" ]; then PY=python3; fi
CHECK_CS=1
VERBOSE=0
for arg in "$@"; do
    case "$arg" in
        --python-only) CHECK_CS=0 ;;
        -v|--verbose) VERBOSE=1 ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "unknown option: $arg" >&2; exit 2 ;;
    esac
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/seedcheck.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
failures=0
checked=0

fail() {
    echo "FAIL $1"
    failures=$((failures + 1))
}

# 1. Split the JSONL files into one source file per record.
if ! "$PY" - "$HERE" "$WORK" <<'PYEOF'
import json, os, sys
here, work = sys.argv[1], sys.argv[2]
ok = True
for lang, ext, prefix in (("python", "py", "p"), ("csharp", "cs", "c")):
    src = os.path.join(here, lang + ".jsonl")
    out_dir = os.path.join(work, lang)
    os.makedirs(out_dir)
    with open(src, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                rec = json.loads(line)
                assert rec["language"] == lang and rec["instruction"] and rec["output"]
            except (ValueError, KeyError, AssertionError) as exc:
                print(f"FAIL {lang}.jsonl:{n}: bad record ({exc!r})")
                ok = False
                continue
            path = os.path.join(out_dir, f"{prefix}{n:03d}.{ext}")
            with open(path, "w", encoding="utf-8", newline="\n") as out:
                out.write(rec["output"])
sys.exit(0 if ok else 1)
PYEOF
then
    failures=$((failures + 1))
fi

# 2. Python: pyflakes + pylint (errors, fatals, bad indentation, missing super().__init__).
if ! "$PY" -m pyflakes --version >/dev/null 2>&1 || ! "$PY" -m pylint --version >/dev/null 2>&1; then
    echo "FAIL python checks: pyflakes/pylint not available for $PY"
    failures=$((failures + 1))
else
    # One pyflakes run and one pylint run over all files; messages start with "pNNN.py:".
    (cd "$WORK/python" && "$PY" -m pyflakes ./*.py >"$WORK/pyflakes.log" 2>&1)
    (cd "$WORK/python" && "$PY" -m pylint --disable=all --enable=E,F,W0311,W0231 \
        --persistent=n --score=n --reports=n ./*.py >"$WORK/pylint.log" 2>&1)
    for f in "$WORK"/python/*.py; do
        [ -e "$f" ] || continue
        base="$(basename "$f")"
        n=$((10#$(basename "$f" .py | tr -d 'p')))
        checked=$((checked + 1))
        msg="$(grep -E "^(\./)?$base:" "$WORK/pyflakes.log")"
        if [ -n "$msg" ]; then
            fail "python.jsonl:$n pyflakes: $(echo "$msg" | head -n 1 | sed -E "s|^(\./)?$base:||")"
            continue
        fi
        msg="$(grep -E "^(\./)?$base:[0-9]+:[0-9]+: [EFW][0-9]{4}" "$WORK/pylint.log")"
        if [ -n "$msg" ]; then
            fail "python.jsonl:$n pylint: $(echo "$msg" | head -n 1 | sed -E "s|^(\./)?$base:||")"
        fi
    done
    # Anything pylint/pyflakes printed that is not tied to a file (e.g. a crash) also fails.
    unexpected="$(cat "$WORK/pyflakes.log" "$WORK/pylint.log" \
        | grep -vE '^(\./)?p[0-9]{3}\.py:|^\*{13} Module |^[[:space:]]*$|^[[:space:]]|^-+$')"
    if [ -n "$unexpected" ]; then
        echo "FAIL python checks: unexpected linter output:"
        echo "$unexpected" | head -n 5
        failures=$((failures + 1))
    fi
fi

# 3. C#: compile each program alone.
if [ "$CHECK_CS" = 1 ]; then
    if ! command -v dotnet >/dev/null 2>&1; then
        echo "SKIP csharp checks: dotnet not found on PATH"
        if [ "${SEEDCHECK_REQUIRE_DOTNET:-0}" = 1 ]; then failures=$((failures + 1)); fi
    else
        export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
        for kind in Exe Library; do
            proj="$WORK/cs-$kind"
            mkdir -p "$proj"
            cat > "$proj/SeedCheck.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>$kind</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <RootNamespace>SeedCheck</RootNamespace>
    <GenerateDocumentationFile>false</GenerateDocumentationFile>
  </PropertyGroup>
</Project>
EOF
            if ! (cd "$proj" && dotnet restore -v q >"$proj/restore.log" 2>&1); then
                echo "FAIL csharp: could not restore scratch $kind project"
                sed -n '1,20p' "$proj/restore.log"
                failures=$((failures + 1))
            fi
        done
        for f in "$WORK"/csharp/*.cs; do
            [ -e "$f" ] || continue
            n=$((10#$(basename "$f" .cs | tr -d 'c')))
            checked=$((checked + 1))
            if grep -qE '^namespace [A-Za-z_]' "$f"; then kind=Library; else kind=Exe; fi
            proj="$WORK/cs-$kind"
            rm -f "$proj"/*.cs
            cp "$f" "$proj/Program.cs"
            log="$proj/build.log"
            if ! (cd "$proj" && dotnet build --no-restore -nologo -clp:NoSummary -v q >"$log" 2>&1); then
                fail "csharp.jsonl:$n ($kind): $(grep -m 1 -E 'error [A-Z]+[0-9]+' "$log" | sed -e 's|.*Program.cs||' -e 's| \[.*\]$||')"
            elif [ "$VERBOSE" = 1 ] && grep -qE 'warning [A-Z]+[0-9]+' "$log"; then
                grep -E 'warning [A-Z]+[0-9]+' "$log" | sort -u | sed -e "s|.*Program.cs|warn csharp.jsonl:$n |" -e "s| \\[.*\\]\$||"
            fi
        done
    fi
fi

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s) in $checked checked program(s)"
    exit 1
fi
echo "OK: $checked program(s) checked, no failures"
