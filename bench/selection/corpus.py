"""Pre-training text for the selection bench's proxy: Debian documentation, nothing about Python.

Usage: corpus.py OUT_DIR MAX_BYTES PACKAGE...

Reads the files the named Debian packages installed (`dpkg -L`): man pages (roff, rendered to plain
text by a small macro stripper), `*.txt.gz` / `*.txt` documents (debian-reference's text edition,
debian-policy's documents). Each file is cut into documents of about 6 KB at paragraph breaks; a
document that mentions Python is dropped (the pool is made of Python standard-library code, the
proxy must not have read about it). Documents are taken up to MAX_BYTES and
written as OUT_DIR/NNNNN.txt in a fixed order of the files (a hash of the path), so the corpus depends only on the package versions. Prints one line
of JSON: files, documents, bytes, dropped_python.
"""
import gzip
import hashlib
import json
import os
import re
import subprocess
import sys

CHUNK = 6000
FONT = re.compile(r"\\f(\[[^\]]*\]|\(..|.)")
ESCAPES = [(r"\-", "-"), (r"\(em", "—"), (r"\(en", "–"), (r"\(aq", "'"), (r"\(dq", '"'), (r"\(lq", '"'),
           (r"\(rq", '"'), (r"\(bu", "*"), (r"\e", "\\"), (r"\&", ""), (r"\ ", " "), (r"\~", " "), (r"\|", ""),
           (r"\^", ""), (r"\:", ""), (r"\(co", "(c)"), (r"\(ga", "`"), (r"\(ti", "~"), (r"\(ha", "^")]


def render_roff(text):
    """Plain text of a man page: comments and layout requests dropped, font escapes removed."""
    out = []
    for line in text.splitlines():
        if line.startswith(('.\\"', "'\\\"", '.\\}')):
            continue
        if line.startswith((".", "'")):
            parts = line[1:].split(None, 1)
            if not parts:
                continue
            macro, rest = parts[0], (parts[1] if len(parts) > 1 else "")
            if macro in ("SH", "SS"):
                out.append("")
                out.append(rest.strip('"').upper() if macro == "SH" else rest.strip('"'))
            elif macro in ("B", "I", "SM", "SB"):
                out.append(rest.replace('"', ""))
            elif macro in ("BR", "BI", "IB", "IR", "RB", "RI"):
                out.append("".join(p.strip('"') for p in re.findall(r'"[^"]*"|\S+', rest)))
            elif macro in ("PP", "LP", "P", "TP", "IP", "sp", "br"):
                out.append("" if macro != "IP" else rest.split('"')[1] if rest.startswith('"') else rest)
            elif macro in ("TH", "so", "ad", "na", "nh", "hy", "ft", "ps", "in", "ti", "ne", "ta", "de", "ds", "nr",
                           "if", "ie", "el", "ce", "fi", "nf", "RS", "RE", "EX", "EE", "UR", "UE", "MT", "ME", "TS",
                           "TE", "T&", "ig", "PD", "HP", "ll", "cs", "tr", "rm", "ev", "mso", "Dd", "Dt", "Os"):
                continue
            else:
                out.append(rest)
        else:
            out.append(line)
    text = "\n".join(out)
    for old, new in ESCAPES:
        text = text.replace(old, new)
    text = FONT.sub("", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def chunks(text):
    """Documents of about CHUNK characters, cut at blank lines."""
    current = []
    size = 0
    for paragraph in re.split(r"\n\s*\n", text):
        if size + len(paragraph) > CHUNK and current:
            yield "\n\n".join(current) + "\n"
            current, size = [], 0
        current.append(paragraph.rstrip())
        size += len(paragraph) + 2
    if current:
        yield "\n\n".join(current) + "\n"


def files_of(packages):
    listed = subprocess.run(["dpkg", "-L", *packages], check=True, capture_output=True, text=True).stdout.splitlines()
    wanted = []
    for path in sorted(set(listed)):
        if not os.path.isfile(path) or os.path.islink(path):
            continue
        if re.search(r"/man/man[0-9][^/]*/[^/]+\.gz$", path) or path.endswith((".txt.gz", ".txt")):
            if "/_sources/" in path or "changelog" in path:
                continue
            wanted.append(path)
    # A fixed mix of the packages' files (by a hash of the path), so a byte cap takes from all of them.
    return sorted(wanted, key=lambda p: hashlib.sha256(p.encode()).hexdigest())


def main():
    out_dir, max_bytes, packages = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    documents = total = dropped = used_files = 0
    for path in files_of(packages):
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
            raw = handle.read()
        if raw.startswith(".so ") and raw.count("\n") <= 2:
            continue  # a man-page alias
        text = render_roff(raw) if "/man/man" in path else raw
        used_files += 1
        for doc in chunks(text):
            if len(doc.strip()) < 200:
                continue
            if "python" in doc.lower():
                dropped += 1
                continue
            size = len(doc.encode("utf-8"))
            if total + size > max_bytes:
                break
            with open(os.path.join(out_dir, f"{documents:05d}.txt"), "w", encoding="utf-8") as handle:
                handle.write(doc)
            documents += 1
            total += size
        if total >= max_bytes * 0.999:
            break
    print(json.dumps({"files": used_files, "documents": documents, "bytes": total, "dropped_python": dropped}))


if __name__ == "__main__":
    main()
