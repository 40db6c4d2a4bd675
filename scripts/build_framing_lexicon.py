"""Calibrate the hand-written framing lexicons on the calibration half of a PTC-style file.

    python scripts/build_framing_lexicon.py /work/shared/benchmarks/framing/ptc-dev.jsonl

Runs the framing stage with every lexicon entry switched on over the articles of the
*calibration* half (split by a hash of the article id, see ``flashpoint.eval.framing``), counts
for each entry of OUR lexicons how often its spans overlap a gold loaded-language or
name-calling span, and writes those statistics to ``src/flashpoint/data/framing/calibration.tsv``
(entry, kind, hits, precision). Nothing of the corpus (no text, no spans) is written: only
counts about our own entries. The stage drops entries whose precision is below its
``min_precision`` setting. The script then prints the span scores of both halves.

``--cache DIR`` keeps the parsed documents (a spaCy DocBin) between runs.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from spacy.tokens import DocBin  # noqa: E402

from flashpoint import data  # noqa: E402
from flashpoint.eval.framing import DEFAULT_TECHNIQUES, load_ptc, merge_intervals, score_spans  # noqa: E402
from flashpoint.model import Article  # noqa: E402
from flashpoint.stages.framing import LOADED_KINDS, Framing  # noqa: E402
from flashpoint.stages.nlp import NLP  # noqa: E402

OUT = ROOT / "src" / "flashpoint" / "data" / "framing" / "calibration.tsv"


def parsed(articles, cache: Path | None):
    nlp = NLP()
    file = cache / "ptc.spacy" if cache else None
    if file and file.exists():
        docs = list(DocBin().from_disk(file).get_docs(nlp.nlp.vocab))
    else:
        docs = list(nlp.nlp.pipe((a.text for a in articles), batch_size=16))
        if file:
            cache.mkdir(parents=True, exist_ok=True)
            DocBin(docs=docs).to_disk(file)
    out = []
    for a, doc in zip(articles, docs):
        out.append(nlp._attach(Article(id=a.id, text=a.text), doc))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("file", type=Path)
    ap.add_argument("--cache", type=Path, default=None, help="folder for the parsed documents")
    ap.add_argument("--dry-run", action="store_true", help="print, do not write calibration.tsv")
    args = ap.parse_args()

    ptc = load_ptc(args.file)
    arts = parsed(ptc, args.cache)
    gold = {a.id: merge_intervals(a.gold(DEFAULT_TECHNIQUES)) for a in ptc}
    half = {a.id: a.half for a in ptc}

    # 1. statistics of every entry on the calibration half, all entries on
    stage = Framing(min_precision=0.0)
    hits: Counter[tuple[str, str]] = Counter()
    good: Counter[tuple[str, str]] = Counter()
    for art in arts:
        if half[art.id] != "calibration":
            continue
        doc = art.spacy
        for kind, s, e, entry in stage.widened_hits(doc):
            if kind not in LOADED_KINDS:
                continue
            start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
            hits[(kind, entry)] += 1
            if any(gs < end and start < ge for gs, ge in gold[art.id]):
                good[(kind, entry)] += 1
    rows = sorted(hits, key=lambda k: (k[0], k[1]))
    lines = ["# Precision of each lexicon entry on the calibration half of PTC (SemEval-2020 Task 11",
             "# training articles with an even first byte of sha1(id)): hits = spans the entry",
             "# produced, precision = share of them overlapping a gold Loaded_Language or",
             "# Name_Calling,Labeling span. Counts only; built by scripts/build_framing_lexicon.py.",
             "kind\tentry\thits\tprecision"]
    lines += [f"{k}\t{e}\t{hits[(k, e)]}\t{good[(k, e)] / hits[(k, e)]:.3f}" for k, e in rows]
    if not args.dry_run:
        OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {OUT} ({len(rows)} entries)")

    # 2. scores of the stage on both halves, with the entries below min_precision dropped
    for min_p in (0.0, 0.15, 0.25, 0.35):
        st = Framing(min_precision=min_p)
        keep = {tuple(ln.split("\t", 1)) for ln in data.lines("framing", "keep.txt")}
        st.lexicon = {k: {e: v for e, v in ents.items()
                          if k not in LOADED_KINDS or (k, e) in keep
                          or not (hits[(k, e)] >= st.min_hits and good[(k, e)] / hits[(k, e)] < min_p)}
                      for k, ents in stage.lexicon.items()}
        for which in ("calibration", "test"):
            pred = {a.id: [(f.span.start, f.span.end) for f in st.find(a, a.spacy) if f.kind in LOADED_KINDS]
                    for a in arts if half[a.id] == which}
            r = score_spans(pred, {k: v for k, v in gold.items() if half[k] == which})
            print(f"min_precision {min_p:.2f} {which:<11} P {r['precision']:.3f} R {r['recall']:.3f} "
                  f"F1 {r['f1']:.3f} (predicted {r['predicted']}, gold {r['gold']})")

if __name__ == "__main__":
    main()
