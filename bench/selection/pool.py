"""The selection bench's candidate pool, with a planted truth, from this machine's Python standard library.

Usage: pool.py STDLIB_DIR OUT_DIR POOL_SIZE EVAL_COUNT SEED

Every function or method of 4-40 lines and at most 1,500 characters that has a docstring becomes a pair:
instruction "Write a Python function `NAME` that does this: FIRST SENTENCE OF THE DOCSTRING" and the
function's source (dedented) as the response. A record's family is its top-level module or package.

- target family ("mail": the email package, mailbox, imaplib, smtplib, poplib, nntplib): 5% of the pool; 8 examples (one subtask) go
  to LESS as its target set (less-target.jsonl); EVAL_COUNT others are the held-out set (heldout.jsonl).
- off-target family ("turtle", "lib2to3", "pydoc": graphics, a code translator, a doc server): 8%.
- planted defects, on records of the other families: 10% swapped (responses exchanged between two
  records of different families), 10% truncated (the response cut after 30-60% of its lines), 10%
  near-duplicates (a second copy of a clean record, instruction reworded, response identical).
- the rest (57%) are clean records of the other families.

Writes pool.jsonl (instruction, input, output only: what the selectors see), truth.jsonl (the same
records with family and kind, for the bench alone), heldout.jsonl, less-target.jsonl and pool.json
(counts, rates, budgets). The order and every choice come from SEED.
"""
import ast
import json
import os
import random
import re
import sys
import textwrap

TARGET = {"email", "mailbox", "imaplib", "smtplib", "poplib", "nntplib"}
OFF_TARGET = {"turtle", "lib2to3", "pydoc"}
RATES = {"target": 0.05, "off_target": 0.08, "swapped": 0.10, "truncated": 0.10, "near_duplicate": 0.10}
SKIP = {"site-packages", "dist-packages", "test", "tests", "__pycache__", "idlelib", "tkinter", "ensurepip"}
LESS_TARGETS = 8
REWORDINGS = ["Please write a Python function `{name}` that does this: {sentence}",
              "Implement `{name}` in Python. It should do this: {sentence}",
              "Write Python code for a function `{name}` that does this: {sentence}"]


def first_sentence(doc):
    text = " ".join(doc.strip().split("\n\n")[0].split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = (match.group(1) if match else text).strip()
    return sentence if 12 <= len(sentence) <= 300 else None


def functions(stdlib):
    for folder, subfolders, files in os.walk(stdlib):
        relative = os.path.relpath(folder, stdlib)
        parts = [] if relative == "." else relative.split(os.sep)
        if any(p in SKIP or p.startswith("config-") for p in parts):
            subfolders[:] = []
            continue
        subfolders.sort()
        for name in sorted(files):
            if not name.endswith(".py") or name.startswith("test"):
                continue
            family = parts[0] if parts else name[:-3]
            try:
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    source = handle.read()
                tree = ast.parse(source)
            except (SyntaxError, UnicodeDecodeError, ValueError):
                continue
            lines = source.splitlines()
            for node in ast.walk(tree):
                if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or node.name.startswith("test"):
                    continue
                doc = ast.get_docstring(node)
                count = node.end_lineno - node.lineno + 1
                if not doc or not 4 <= count <= 40:
                    continue
                body = textwrap.dedent("\n".join(lines[node.lineno - 1:node.end_lineno])).rstrip() + "\n"
                sentence = first_sentence(doc)
                if sentence and len(body) <= 1500 and "\t" not in body:
                    yield {"family": family, "name": node.name, "sentence": sentence, "output": body}


def record(fn, kind, instruction=None, output=None):
    text = instruction or f"Write a Python function `{fn['name']}` that does this: {fn['sentence']}"
    return {"instruction": text, "input": "", "output": output or fn["output"], "family": fn["family"], "kind": kind}


def truncate(output, rng):
    lines = output.rstrip("\n").split("\n")
    keep = max(2, int(len(lines) * rng.uniform(0.3, 0.6)))
    return "\n".join(lines[:keep]) + "\n"


def write(path, rows, keys):
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps({k: row[k] for k in keys}, ensure_ascii=False) + "\n")


def main():
    stdlib, out, size, eval_count, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    rng = random.Random(seed)
    seen, target, off, general = set(), [], [], []
    for fn in functions(stdlib):
        key = (fn["name"], fn["sentence"])
        if key in seen or fn["output"] in seen:
            continue  # same name and sentence, or the same code: keep the first
        seen.update([key, fn["output"]])
        (target if fn["family"] in TARGET else off if fn["family"] in OFF_TARGET else general).append(fn)
    for group in (target, off, general):
        rng.shuffle(group)
    count = {kind: round(size * rate) for kind, rate in RATES.items()}
    count["swapped"] -= count["swapped"] % 2
    count["clean"] = size - sum(count.values())
    needed = count["target"] + LESS_TARGETS + eval_count
    base = count["clean"] + count["swapped"] + count["truncated"]
    if len(target) < needed or len(off) < count["off_target"] or len(general) < base:
        sys.exit(f"pool.py: not enough functions in {stdlib}: target {len(target)}/{needed}, off-target {len(off)}/{count['off_target']}, other {len(general)}/{base}")

    pool = [record(fn, "target") for fn in target[:count["target"]]]
    less = [record(fn, "target") for fn in target[count["target"]:count["target"] + LESS_TARGETS]]
    held = [record(fn, "target") for fn in target[count["target"] + LESS_TARGETS:needed]]
    pool += [record(fn, "off_target") for fn in off[:count["off_target"]]]
    clean = general[:count["clean"]]
    pool += [record(fn, "clean") for fn in clean]
    swapped = general[count["clean"]:count["clean"] + count["swapped"]]
    swapped.sort(key=lambda fn: fn["family"])  # pair across families: i with i + half
    half = len(swapped) // 2
    for i in range(half):
        a, b = swapped[i], swapped[i + half]
        pool += [record(a, "swapped", output=b["output"]), record(b, "swapped", output=a["output"])]
    start = count["clean"] + count["swapped"]
    pool += [record(fn, "truncated", output=truncate(fn["output"], rng)) for fn in general[start:start + count["truncated"]]]
    for fn in rng.sample(clean, count["near_duplicate"]):
        wording = rng.choice(REWORDINGS).format(name=fn["name"], sentence=fn["sentence"])
        pool.append(record(fn, "near_duplicate", instruction=wording))
    rng.shuffle(pool)

    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "pool.jsonl"), pool, ["instruction", "input", "output"])
    write(os.path.join(out, "truth.jsonl"), pool, ["instruction", "input", "output", "family", "kind"])
    write(os.path.join(out, "heldout.jsonl"), held, ["instruction", "input", "output", "family"])
    for row in less:
        row["subtask"] = "mail"
    write(os.path.join(out, "less-target.jsonl"), less, ["subtask", "instruction", "input", "output"])
    info = {"pool": len(pool), "kinds": {k: sum(r["kind"] == k for r in pool) for k in [*RATES, "clean"]},
            "families": len({r["family"] for r in pool}), "heldout": len(held), "less_targets": len(less),
            "budgets": {"5%": round(size * 0.05), "10%": round(size * 0.10)}, "seed": seed,
            "available": {"target": len(target), "off_target": len(off), "other": len(general)}}
    with open(os.path.join(out, "pool.json"), "w", encoding="utf-8") as handle:
        json.dump(info, handle, indent=2)
    print(json.dumps(info))


if __name__ == "__main__":
    main()
