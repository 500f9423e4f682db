"""Sentiment benchmark: held-out accuracy, macro-F1, negative recall, confusion matrices.

Inputs (both kept in the repository, nothing downloaded):

- ``toolkit/care/data/sentiment_corpus.csv``: 609 hand-labelled reviews with
  their guidelines (``sentiment_guidelines.md``), split train/dev/test *before*
  the lexicon was tuned; the lexicon was tuned on ``train`` (errors read) and
  ``dev`` (thresholds checked); ``test`` is reported, never tuned on. One
  person wrote the reviews and tuned the lexicon, so ``test`` is held out but
  not independent.
- ``review_labels`` (``data.load("review_labels")``): 118 reviews written by
  another author before the first lexicon and never used to tune either
  version: the most independent figure here.

Compares the current lexicon (:mod:`toolkit.care.text`) with the lexicon as it
was before issue 25 (frozen in ``benchmarks/_sentiment_baseline.py``) on the
same texts, reports service-topic recall (đổi, trả, hoàn tiền, gửi bù, bảo hành)
and accuracy per linguistic phenomenon of the corpus, and times both taggers.

Run: ``python benchmarks/sentiment.py`` (``--split dev`` to look at another split).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit import care
from toolkit import data as toolkit_data

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _sentiment_baseline as baseline

CORPUS = Path(care.__file__).resolve().parent / "data" / "sentiment_corpus.csv"
LABELS = ("tích cực", "trung tính", "tiêu cực")
GOALS = {"accuracy": 0.80, "macro_f1": 0.75, "negative_recall": 0.75, "service_recall": 0.80}


def scores(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """Accuracy, macro-F1 over the three classes and the recall of each class."""
    g, p = np.asarray(gold), np.asarray(predicted)
    out = {"accuracy": float((g == p).mean())}
    f1s = []
    for label in LABELS:
        tp = float(((g == label) & (p == label)).sum())
        precision = tp / max((p == label).sum(), 1)
        recall = tp / max((g == label).sum(), 1)
        f1s.append(0.0 if tp == 0 else 2 * precision * recall / (precision + recall))
        out[f"recall {label}"] = recall
    out["macro_f1"] = float(np.mean(f1s))
    out["negative_recall"] = out["recall tiêu cực"]
    return out


def confusion(gold: list[str], predicted: list[str]) -> pd.DataFrame:
    table = pd.crosstab(
        pd.Categorical(gold, categories=LABELS),
        pd.Categorical(predicted, categories=LABELS),
        rownames=["nhãn \\ dự đoán"],
        colnames=[""],
        dropna=False,
    )
    return table


def service_recall(texts: pd.Series, topics: pd.Series, flags: np.ndarray) -> float:
    gold = topics.str.contains("Phục vụ").to_numpy()
    return float((flags & gold).sum() / max(gold.sum(), 1))


def report(name: str, frame: pd.DataFrame) -> dict[str, dict[str, float]]:
    texts, gold = frame["text"], frame["sentiment"].tolist()
    new = care.sentiment_label(texts).astype(str).tolist()
    old = baseline.labels(texts)
    _, old_flags = baseline.analyse(texts)
    new_flags = care.topic_flags(texts)["Phục vụ"].to_numpy()
    old_flags = old_flags[:, baseline.TOPIC_NAMES.index("Phục vụ")]
    result = {}
    print(f"\n== {name}: {len(frame)} reviews ==")
    for who, predicted, flags in (("old lexicon", old, old_flags), ("lexicon now", new, new_flags)):
        s = scores(gold, predicted)
        s["service_recall"] = service_recall(texts, frame["topics"], flags)
        result[who] = s
        print(
            f"{who:12s} accuracy {s['accuracy']:.3f}  macro-F1 {s['macro_f1']:.3f}  "
            f"negative recall {s['negative_recall']:.3f}  neutral recall {s['recall trung tính']:.3f}  "
            f"positive recall {s['recall tích cực']:.3f}  service-topic recall {s['service_recall']:.3f}"
        )
        print(confusion(gold, predicted).to_string())
        negatives = np.asarray(gold) == "tiêu cực"
        praise = float((np.asarray(predicted)[negatives] == "tích cực").mean())
        print(f"  negative reviews read as praise: {praise:.3f}")
    return result


def by_tag(frame: pd.DataFrame) -> None:
    if "tags" not in frame:
        return
    new = np.asarray(care.sentiment_label(frame["text"]).astype(str))
    old = np.asarray(baseline.labels(frame["text"]))
    gold = frame["sentiment"].to_numpy()
    tags = frame["tags"].str.split(";")
    print("\naccuracy by phenomenon (old → now, n):")
    for tag in sorted({t for ts in tags for t in ts if t}):
        mask = tags.map(lambda ts, tag=tag: tag in ts).to_numpy()
        print(
            f"  {tag:11s} {(old[mask] == gold[mask]).mean():.2f} → {(new[mask] == gold[mask]).mean():.2f}"
            f"  (n = {mask.sum()})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=("train", "dev", "test"))
    args = parser.parse_args()
    corpus = pd.read_csv(CORPUS, keep_default_na=False)
    held = corpus.loc[corpus["split"] == args.split].reset_index(drop=True)
    main_result = report(f"corpus, split {args.split!r}", held)
    by_tag(held)
    report("review_labels (other author, never tuned on)", toolkit_data.load("review_labels"))
    # distinct texts (a number appended), so the one-pass-per-distinct-text cache does not help
    texts = pd.Series([f"{t} #{k}" for k in range(20) for t in corpus["text"]])
    t0 = time.process_time()
    care.sentiment_label(texts)
    now_s = time.process_time() - t0
    t0 = time.process_time()
    baseline.labels(texts)
    old_s = time.process_time() - t0
    now = main_result["lexicon now"]
    met = all(now[k] >= v for k, v in GOALS.items())
    print(
        f"\nsentiment ({args.split}): accuracy {now['accuracy']:.3f}, macro-F1 {now['macro_f1']:.3f}, "
        f"negative recall {now['negative_recall']:.3f}, service recall {now['service_recall']:.3f} "
        f"(goals {'met' if met else 'NOT met'}); {len(texts) / now_s:,.0f} reviews/s; "
        f"ratio now/old accuracy {now['accuracy'] / main_result['old lexicon']['accuracy']:.2f}, "
        f"time now/old {now_s / old_s:.2f}"
    )


if __name__ == "__main__":
    main()
