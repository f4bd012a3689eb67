#!/usr/bin/env python3
"""Golden IFD and IC-IFD values for the qwen2-random checkpoint.

Computes, for 20 fixed (instruction, input, output) samples of mixed lengths,
independently of DataForge:

  * IFD as Cherry_LLM defines it, alpaca prompt format, max_length truncation:
    conditioned pass = answer tokens after the formatted prompt, direct pass =
    answer tokens after "### Response:", both means over the same first
    (max_length - prompt tokens) answer tokens; IFD = s(A|Q) / s(A).
  * IC-IFD as Evolution-Analysis defines it: q = instruction (+ "\\n" + input),
    one pass over q + "\\n" + output (tokens starting inside q give s(Q), the
    rest s(A|Q)), one pass over the output alone (first token unscored: no BOS)
    gives s(A); IFD = s(A|Q) / s(A), IC-IFD = IFD / s(Q).

Context and continuation are tokenized separately and concatenated (the
scoring definition DataForge documents). Tokenization re-implements the
checkpoint's tokenizer.json (Qwen2 split pattern, ASCII text only, byte-level
BPE from its merges); the forward pass is the float64 NumPy reference of
make_decoder_goldens.py on the weights as stored.

Requirements: Python 3 and NumPy (apt-get install -y --no-install-recommends
python3-numpy). Run from the repository root:
    python3 tools/reference/make_ifd_goldens.py
Writes tests/DataForge.Models.Tests/Data/Checkpoints/qwen2-random/ifd-goldens.json.
Not run in CI; tests read the committed file.
"""

import json
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_decoder_goldens as ref  # noqa: E402

FOLDER = os.path.join("tests", "DataForge.Models.Tests", "Data", "Checkpoints", "qwen2-random")
MAX_LENGTH = 240

# The Qwen2 split pattern restricted to ASCII (\p{L} -> [A-Za-z], \p{N} -> [0-9]); exact for ASCII text.
SPLIT = re.compile(
    r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\na-zA-Z0-9]?[a-zA-Z]+|[0-9]"
    r"| ?[^\sa-zA-Z0-9]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"
)

ALPACA_WITH_INPUT = (
    "Below is an instruction that describes a task, paired with an input that provides further context. "
    "Write a response that appropriately completes the request.\n\n"
    "### Instruction:\n{instruction}\n\n### Input:\n{input}\n\n### Response:"
)
ALPACA_NO_INPUT = (
    "Below is an instruction that describes a task. Write a response that appropriately completes the request.\n\n"
    "### Instruction:\n{instruction}\n\n### Response:"
)

SAMPLES = [
    ("name the colour of the sky", "", "the sky is blue on a clear day"),
    ("say hello", "", "hello there"),
    ("translate the word to french", "dog", "chien"),
    ("write one sentence about the sun", "", "the sun warms the quiet town in the morning"),
    ("summarize the text", "the fox jumps over the lazy dog while the other dogs sleep", "a fox jumps over a sleeping dog"),
    ("count to five", "", "1, 2, 3, 4, 5"),
    ("is this sentence happy or sad", "the cat watches them from the warm window", "happy"),
    ("explain why dogs sleep in the sun", "", "dogs sleep in the sun because the warm light helps them rest and keeps them comfortable for hours"),
    ("List three animals.", "", "Fox, dog and cat."),
    ("give the opposite word", "quick", "slow"),
    ("describe the brown fox in detail", "", "the quick brown fox has a warm coat, a long tail and quick legs; it jumps over the lazy dog and runs to the window where the cat watches the other dogs sleep in the sun all day long"),
    ("fix the spelling", "teh quikc fox", "the quick fox"),
    ("what does the cat do", "the cat watches them from the warm window", "the cat watches the dogs from the window"),
    ("write a title", "", "The Lazy Dog"),
    ("add the numbers", "2 and 3", "5"),
    ("rewrite the sentence in the past tense", "the dog jumps over the fox", "the dog jumped over the fox"),
    ("continue the story", "the quick brown fox", "jumps over the lazy dog, and the other dogs keep sleeping in the warm sun"),
    ("answer yes or no: is the sun warm", "", "yes"),
    ("make a short list of things in the sun", "", "- the dog\n- the cat\n- the warm window"),
    ("repeat the input twice", "sun", "sun sun"),
]


class Tokenizer:
    def __init__(self, path):
        data = json.load(open(path, encoding="utf-8"))
        self.vocab = data["model"]["vocab"]
        merges = data["model"]["merges"]
        pairs = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in merges]
        self.ranks = {p: i for i, p in enumerate(pairs)}

    def encode(self, text):
        """Token ids and each token's character offset (ASCII: one byte per character)."""
        ids, offsets = [], []
        for m in SPLIT.finditer(text):
            piece = m.group(0)
            pos = m.start()
            for tid in ref.bpe_encode_piece(piece, self.ranks, self.vocab):
                ids.append(tid)
                offsets.append(pos)
                pos += len(self.token_text(tid))
        assert pos == m.end() if text else True
        return ids, offsets

    def token_text(self, tid):
        if not hasattr(self, "_inverse"):
            self._inverse = {v: k for k, v in self.vocab.items()}
            self._u2b = {c: b for b, c in ref.BYTE_TO_UNICODE.items()}
        return bytes(self._u2b[c] for c in self._inverse[tid]).decode("utf-8")


def score(spec, W, tok, context, continuation):
    """Log-probabilities and offsets of the scored continuation tokens, and the context's token count."""
    ctx, _ = tok.encode(context)
    cont, offs = tok.encode(continuation)
    seq = ctx + cont
    lp = ref.log_softmax(ref.forward(spec, W, seq))
    first = max(len(ctx), 1)
    values = [lp[p - 1, seq[p]] for p in range(first, len(seq))]
    return values, offs[len(offs) - len(values):], len(ctx)


def cherry(spec, W, tok, instruction, inp, output):
    prompt = ALPACA_WITH_INPUT.format(instruction=instruction, input=inp) if inp else ALPACA_NO_INPUT.format(instruction=instruction)
    cond, _, n_prompt = score(spec, W, tok, prompt, output)
    direct, _, _ = score(spec, W, tok, "### Response:", output)
    assert n_prompt < MAX_LENGTH
    k = MAX_LENGTH - n_prompt
    cond, direct = cond[:k], direct[:k]
    if not cond or not direct:
        return {"reason": "no_answer_tokens"}
    s_aq = -float(np.mean(cond))
    s_a = -float(np.mean(direct))
    return {"ifd": s_aq / s_a, "conditioned": s_aq, "direct": s_a, "answer_tokens": len(cond), "prompt_tokens": n_prompt}


def evolution_analysis(spec, W, tok, instruction, inp, output):
    q = instruction + ("\n" + inp if inp else "")
    full, offs, _ = score(spec, W, tok, "", q + "\n" + output)
    answer, _, _ = score(spec, W, tok, "", output)
    split = sum(1 for o in offs if o < len(q))
    if split == 0:
        return {"reason": "instruction_too_short"}
    if split == len(full) or not answer:
        return {"reason": "no_answer_tokens"}
    s_q = -float(np.mean(full[:split]))
    s_aq = -float(np.mean(full[split:]))
    s_a = -float(np.mean(answer))
    ifd = s_aq / s_a
    return {"ifd": ifd, "ic_ifd": ifd / s_q, "conditioned": s_aq, "direct": s_a, "instruction": s_q}


def main():
    folder = FOLDER
    config = json.load(open(os.path.join(folder, "config.json")))
    spec = ref.Spec(config)
    W = ref.load_checkpoint(folder)
    tok = Tokenizer(os.path.join(folder, "tokenizer.json"))
    golden = json.load(open(os.path.join(folder, "goldens.json")))
    ids, _ = tok.encode(golden["encode"]["text"])
    assert ids == golden["encode"]["ids"], "tokenizer re-implementation disagrees with the committed encoding"
    rows = []
    truncated = 0
    for instruction, inp, output in SAMPLES:
        c = cherry(spec, W, tok, instruction, inp, output)
        e = evolution_analysis(spec, W, tok, instruction, inp, output)
        full_answer, _ = tok.encode(output)
        truncated += "answer_tokens" in c and c["answer_tokens"] < len(full_answer)
        rows.append({"instruction": instruction, "input": inp, "output": output, "cherry": c, "evolution_analysis": e})
    assert truncated >= 2, "pick samples so that max_length truncates some answers"
    invalid = sum("reason" in r["evolution_analysis"] for r in rows)
    assert 1 <= invalid <= 3, "keep one to three samples whose IC-IFD is undefined"
    out = {
        "meta": {
            "script": "tools/reference/make_ifd_goldens.py",
            "numpy": np.__version__,
            "max_length": MAX_LENGTH,
            "prompt_format": "alpaca",
            "description": "IFD (Cherry_LLM, alpaca, max_length) and IC-IFD (Evolution-Analysis) of each sample "
                           "under qwen2-random, float64 NumPy reference; context and continuation tokenized separately.",
        },
        "samples": rows,
    }
    path = os.path.join(folder, "ifd-goldens.json")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote %s: %d samples, %d truncated by max_length" % (path, len(rows), truncated))
    return 0


if __name__ == "__main__":
    sys.exit(main())
