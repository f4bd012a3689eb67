"""Scores by planted kind: reads each selector run's inspection.jsonl (written by DataForge.SelectionBench).

Usage: scores_by_kind.py RUN_FOLDER...

For every run folder prints, per planted kind, the records the selector saw, how many it kept, and the
median and mean of its score (IFD, IC-IFD, LESS; S2L has clusters, not scores), with the drop reasons of
the records it never ranked (IFD > 1, too long, ...). A Markdown table per run.
"""
import collections
import json
import os
import statistics
import sys

KINDS = ["target", "off_target", "swapped", "truncated", "near_duplicate", "clean"]


def main():
    for run in sys.argv[1:]:
        path = os.path.join(run, "inspection.jsonl")
        if not os.path.exists(path):
            continue
        rows = [json.loads(line) for line in open(path, encoding="utf-8")]
        name = os.path.basename(run.rstrip("/"))
        score = next((s for p, s in (("ic-ifd", "ic_ifd"), ("ifd", "ifd"), ("less", "less")) if name.startswith(p)), None)
        print(f"\n{name} ({len(rows)} records; score: {score or 'none'})\n")
        print("| kind | records | kept | score median | score mean | not ranked (reason: count) |")
        print("|---|---:|---:|---:|---:|---|")
        for kind in KINDS + ["unmatched"]:
            group = [r for r in rows if r["kind"] == kind]
            if not group:
                continue
            values = [r[score] for r in group if score and r.get(score) is not None]
            reasons = collections.Counter(r["reason"] for r in group if not r["kept"] and r["reason"] not in ("below_budget", None))
            median = f"{statistics.median(values):.3f}" if values else "–"
            mean = f"{statistics.fmean(values):.3f}" if values else "–"
            other = ", ".join(f"{k}: {v}" for k, v in reasons.most_common()) or "–"
            print(f"| {kind} | {len(group)} | {sum(r['kept'] for r in group)} | {median} | {mean} | {other} |")


if __name__ == "__main__":
    main()
