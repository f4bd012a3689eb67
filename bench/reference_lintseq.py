"""A re-implementation of the reference LintSeq sampling procedure, for timing beside DataForge.

This is NOT the reference code (github.com/upiterbarg/pylintseq is not copied here); it re-does what
docs/algorithms.md#lintseq and the conformance vectors' README describe the reference doing, the way
the reference does it: one process, pylint run in-process (pylint.lint.Run) on a fresh temporary
.py file for every state, categories C and R disabled (every other checker runs), the counted
messages (every E and F, W0311, W0231) picked out afterwards, the E0001 "on line N" rule; then the
driver's loop: one seed line per round drawn by weight among the remaining candidates, deleted
with its indentation children and every line pylint flags (and their children) until the rest lints
clean, until no candidate is left or 512 rounds.

The random draws use DataForge's generator (xoshiro256** seeded by SHA-256 of "run seed, id, step"),
so for a program and k this samples the same deletion sets as DataForge's sampler wherever pylint
agrees, and the lint calls of both can be compared sequence by sequence. That changes nothing in
what a sequence costs: the reference draws the same way from numpy's generator.

Usage: python3 reference_lintseq.py PROGRAMS.jsonl S RUN_SEED > RESULTS.jsonl
  PROGRAMS.jsonl: {"id": ..., "program": ...} per line.
Writes one JSON line per sequence ({"program", "k", "lint_calls", "fingerprint", "seconds"}) and a
last line {"total": true, "wall_seconds", "cpu_seconds", "startup_seconds"}; CPU seconds are this
process's user + system time over the timed part (pylint's import and one warm-up run excluded).
"""

import hashlib
import io
import json
import os
import resource
import struct
import sys
import tempfile
import time
import warnings

MASK = (1 << 64) - 1
COUNTED_WARNINGS = ("W0311", "W0231")


class Xoshiro:
    """xoshiro256** seeded through SplitMix64, as DataForge.Core.Steps.DeterministicRandom."""

    def __init__(self, run_seed, record_id, step):
        digest = hashlib.sha256(f"{run_seed}\x1f{record_id}\x1f{step}".encode("utf-8")).digest()
        seed = struct.unpack("<Q", digest[:8])[0]
        self.s = []
        for _ in range(4):
            seed = (seed + 0x9E3779B97F4A7C15) & MASK
            z = seed
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(z ^ (z >> 31))

    @staticmethod
    def _rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK

    def next_double(self):
        s0, s1, s2, s3 = self.s
        result = (self._rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = self._rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return (result >> 11) * (1.0 / (1 << 53))


def structure(lines):
    """Candidates, weights (indent bias factor 1) and indentation children, as the reference computes them."""
    indents, previous = [], 0
    for line in lines:
        indent = len(line) - len(line.lstrip()) if len(line.strip()) > 1 else previous
        indents.append(indent)
        previous = indent
    tab_width = next((i for i in indents if i != 0), None)
    candidates, closing = [], None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        right = line.rstrip()
        if closing is not None:
            if right.endswith(closing):
                closing = None
            continue
        candidates.append(i)
        if "=" in line and right and right[-1] in "([" and line[: line.index("=")].replace(" ", "").isupper():
            closing = ")" if right[-1] == "(" else "]"
    weights = [0.0] * len(lines)
    for i in candidates:
        weights[i] = 1.0 if indents[i] == 0 else indents[i] / tab_width
    children = []
    for i in range(len(lines)):
        run, j = [], i + 1
        while j < len(lines) and indents[j] > indents[i]:
            run.append(j)
            j += 1
        children.append(run)
    return candidates, weights, children


class ReferencePylint:
    """pylint.lint.Run per state on a fresh temporary file, C and R disabled, as the reference does."""

    def __init__(self):
        # pylint: disable=import-outside-toplevel
        from pylint.lint import Run
        from pylint.reporters import CollectingReporter

        self._run = Run
        self._reporter = CollectingReporter
        self.calls = 0

    def errors(self, program):
        """1-based lines of the counted messages (E0001 "on line N" taken as N)."""
        self.calls += 1
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8") as handle:
            handle.write(program)
            path = handle.name
        try:
            reporter = self._reporter()
            self._run([path, "--disable=C,R", "--unsafe-load-any-extension=y", "--generated-members=cv2.*",
                       "--persistent=n", "--rcfile=/dev/null"], reporter=reporter, exit=False)
        finally:
            os.unlink(path)
        lines = []
        for m in reporter.messages:
            if m.category not in ("error", "fatal") and m.msg_id not in COUNTED_WARNINGS:
                continue
            line = m.line
            if m.msg_id == "E0001" and "on line" in m.msg:
                token = m.msg[: m.msg.rfind("(")].split()[-1:]
                if token and token[0].isdigit():
                    line = int(token[0])
            lines.append(line)
        return lines


def close(lines, children, deleted, seed, pylint):
    """The deletion fix-point from one seed line; returns (deleted lines, lint calls)."""
    edit, affected, calls = set(), {seed}, 0
    while True:
        for line in list(affected):
            affected.update(children[line])
        edit |= affected
        surviving = [i for i in range(len(lines)) if i not in edit and i not in deleted]
        errors = pylint.errors("\n".join(lines[i] for i in surviving))
        calls += 1
        if not errors:
            return edit, calls
        if not surviving:
            raise RuntimeError("errors on the empty program")
        affected = {surviving[min(max(e, 1), len(surviving)) - 1] for e in errors}


def draw(remaining, weights, rng):
    total = sum(weights[i] for i in remaining)
    if total <= 0:
        return remaining[0]
    target, last = rng.next_double() * total, remaining[0]
    for i in remaining:
        if weights[i] <= 0:
            continue
        last = i
        target -= weights[i]
        if target < 0:
            return i
    return last


def sample(lines, rng, pylint, max_rounds=512):
    candidates, weights, children = structure(lines)
    deleted, remaining, deletions, calls = set(), list(candidates), [], 0
    while remaining and len(deletions) < max_rounds:
        seed = draw(remaining, weights, rng)
        edit, used = close(lines, children, deleted, seed, pylint)
        calls += used
        deletions.append(sorted(edit))
        deleted |= edit
        remaining = [i for i in remaining if i not in edit]
    return deletions, calls


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    path, sequences, run_seed = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    out = sys.stdout
    sys.stdout = io.StringIO()  # pylint's Run may print; keep the result stream clean
    warnings.simplefilter("ignore")
    started = time.perf_counter()
    pylint = ReferencePylint()
    pylint.errors("import os\nprint(os.getcwd())\n")
    startup = time.perf_counter() - started
    with open(path, encoding="utf-8") as handle:
        programs = [json.loads(line) for line in handle if line.strip()]
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    for index, record in enumerate(programs):
        lines = record["program"].split("\n")
        for k in range(sequences):
            begin = time.perf_counter()
            deletions, calls = sample(lines, Xoshiro(run_seed, f"{record['id']}/{k}", "lintseq"), pylint)
            fingerprint = ";".join(",".join(str(i) for i in d) for d in deletions)
            out.write(json.dumps({"program": index, "k": k, "lint_calls": calls, "fingerprint": fingerprint,
                                  "seconds": time.perf_counter() - begin}) + "\n")
            out.flush()
            sys.stdout = io.StringIO()
    out.write(json.dumps({"total": True, "wall_seconds": time.perf_counter() - wall0,
                          "cpu_seconds": cpu_seconds() - cpu0, "startup_seconds": startup}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
