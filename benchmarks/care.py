"""Customer-care benchmark: the KPI table on 1 000 000 tickets, tagging 200 000 reviews.

Builds its inputs in memory (seeded), then times

- ``care.kpi_table`` (first response median/P90, resolution with pauses, SLA
  breach, FCR per week) on 1 000 000 tickets and their messages, against a
  straightforward loop over tickets on a 20 000-ticket subsample, scaled up;
- ``care.tag_reviews`` (normalisation, sentiment, topics) on 200 000 reviews,
  against a straightforward loop (one regular expression per lexicon word and
  review) on a 5 000-review subsample, scaled up.

Peak memory is the process's maximum resident set size. The last line gives
the ratios (loop time ÷ vectorised time).

Run: ``nice -n 10 python benchmarks/care.py`` (``--tickets`` / ``--reviews`` to change sizes).
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import time
from collections import defaultdict

import numpy as np
import pandas as pd

from toolkit import care, vn
from toolkit import data as toolkit_data
from toolkit.care import lexicon as lex


def make_tickets(n: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tickets and messages shaped like the shipped data, built with numpy."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2025-09-01T00:00:00", "s")
    created = start + rng.integers(0, 180 * 86400, n).astype("timedelta64[s]")
    reply = created + (np.exp(rng.normal(np.log(2400), 1.2, n)) + 30).astype("timedelta64[s]")
    answered = rng.random(n) >= 0.04
    asks = rng.random(n) < 0.5
    back = reply + (np.exp(rng.normal(np.log(9000), 1.1, n)) + 60).astype("timedelta64[s]")
    second = back + (np.exp(rng.normal(np.log(2400), 1.2, n)) + 30).astype("timedelta64[s]")
    last = np.where(asks, second, reply)
    resolved = last + rng.integers(0, 5400, n).astype("timedelta64[s]")
    reopen = answered & (rng.random(n) < 0.06)
    again = resolved + rng.integers(20 * 3600, 120 * 3600, n).astype("timedelta64[s]")
    answer = again + (np.exp(rng.normal(np.log(2400), 1.2, n)) + 30).astype("timedelta64[s]")
    final = np.where(
        reopen, answer + rng.integers(300, 14400, n).astype("timedelta64[s]"), resolved
    )
    nat = np.datetime64("NaT", "s")
    ids = np.char.add("T", np.arange(n).astype(str))
    tickets = pd.DataFrame(
        {
            "ticket_id": ids,
            "created": created,
            "first_resolved": np.where(answered, resolved, nat),
            "reopened": np.where(reopen, again, nat),
            "resolved": np.where(answered, final, nat),
        }
    )
    parts = [
        (np.ones(n, bool), created, "customer"),
        (
            rng.random(n) < 0.45,
            created + rng.integers(20, 300, n).astype("timedelta64[s]"),
            "customer",
        ),
        (rng.random(n) < 0.7, created + rng.integers(1, 9, n).astype("timedelta64[s]"), "bot"),
        (answered, reply, "seller"),
        (answered & asks, back, "customer"),
        (answered & asks, second, "seller"),
        (reopen, again, "customer"),
        (reopen, answer, "seller"),
    ]
    messages = pd.DataFrame(
        {
            "ticket_id": np.concatenate([ids[m] for m, _, _ in parts]),
            "sent": np.concatenate([t[m] for m, t, _ in parts]),
            "author": np.concatenate([np.full(m.sum(), a) for m, _, a in parts]),
        }
    )
    return tickets, messages


def loop_kpis(tickets: pd.DataFrame, messages: pd.DataFrame, sla: float = 24.0) -> dict:
    """The same KPIs, written as a plain loop over tickets (the baseline)."""
    by_ticket = defaultdict(list)
    for tid, sent, author in zip(
        messages["ticket_id"], messages["sent"], messages["author"], strict=True
    ):
        by_ticket[tid].append((sent, author))
    weeks = defaultdict(lambda: {"frt": [], "res": [], "breach": 0, "n": 0, "fc": 0, "resolved": 0})
    for row in tickets.itertuples(index=False):
        msgs = sorted(by_ticket[row.ticket_id])
        first = next((s for s, a in msgs if a == "customer"), row.created)
        reply = next((s for s, a in msgs if a == "seller" and s >= first), None)
        week = (row.created - pd.Timedelta(days=row.created.weekday())).normalize()
        w = weeks[week]
        w["n"] += 1
        if reply is not None:
            w["frt"].append((reply - first).total_seconds() / 3600)
        res = None
        if not pd.isna(row.resolved):
            total, state, since = 0.0, True, row.created
            events = [(s, a == "customer") for s, a in msgs if a != "bot"]
            if not pd.isna(row.reopened):
                events += [(row.first_resolved, False), (row.reopened, True)]
            for when, counting in sorted(events):
                when = min(max(when, row.created), row.resolved)
                if not pd.isna(row.reopened) and row.first_resolved <= when < row.reopened:
                    counting = False
                if state:
                    total += (when - since).total_seconds()
                state, since = counting, when
            if state:
                total += (row.resolved - since).total_seconds()
            res = total / 3600
            w["res"].append(res)
            w["resolved"] += 1
            replies = sum(a == "seller" for _, a in msgs)
            w["fc"] += replies <= 1 and pd.isna(row.reopened)
        w["breach"] += res is None or res > sla
    return {
        week: (
            statistics.median(w["frt"]) if w["frt"] else None,
            statistics.median(w["res"]) if w["res"] else None,
            w["breach"] / w["n"],
        )
        for week, w in weeks.items()
    }


def loop_tags(texts: list[str]) -> list[tuple[float, str]]:
    """Sentiment and topics per review with one regex per lexicon word (the baseline)."""
    weights = {**lex.POSITIVE, **lex.NEGATIVE}
    negators = "|".join(lex.NEGATORS)
    word_patterns = [
        (re.compile(rf"(?<!\w)(?:({negators})\s+)?{re.escape(w)}(?!\w)"), w, v)
        for w, v in weights.items()
    ]
    topic_patterns = [
        (name, [re.compile(rf"(?<!\w){re.escape(w)}(?!\w)") for w in words])
        for name, words in lex.TOPICS.items()
    ]
    teen = {k: v for k, v in lex.TEENCODE.items()}
    out = []
    for text in texts:
        text = vn.nfc(text).lower()
        text = " ".join(teen.get(word, word) for word in text.split())
        score = 0.0
        for pattern, _, weight in word_patterns:
            for match in pattern.finditer(text):
                score += -weight if match.group(1) else weight
        topics = ";".join(
            name for name, pats in topic_patterns if any(p.search(text) for p in pats)
        )
        out.append((score, topics))
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--reviews", type=int, default=200_000)
    parser.add_argument("--loop-tickets", type=int, default=20_000)
    parser.add_argument("--loop-reviews", type=int, default=5_000)
    args = parser.parse_args()

    t0 = time.perf_counter()
    tickets, messages = make_tickets(args.tickets)
    print(
        f"built {len(tickets):,} tickets, {len(messages):,} messages in {time.perf_counter() - t0:.1f} s"
    )
    base_mb = peak_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    table = care.kpi_table(tickets, messages, by="week")
    kpi_s, kpi_cpu = time.perf_counter() - t0, time.process_time() - c0
    kpi_mb = peak_mb()
    print(
        f"kpi_table: {kpi_s:.2f} s wall, {kpi_cpu:.2f} s CPU for {len(tickets):,} tickets ({len(table)} weeks), peak RSS {kpi_mb:.0f} MB (inputs {base_mb:.0f} MB)"
    )

    sub = tickets.sample(args.loop_tickets, random_state=1)
    sub_msgs = messages.loc[messages["ticket_id"].isin(sub["ticket_id"])]
    t0, c0 = time.perf_counter(), time.process_time()
    loop_kpis(sub, sub_msgs)
    scale = len(tickets) / len(sub)
    loop_s, loop_cpu = (time.perf_counter() - t0) * scale, (time.process_time() - c0) * scale
    print(
        f"row loop KPIs: {loop_s:.1f} s wall, {loop_cpu:.1f} s CPU scaled from {len(sub):,} tickets"
    )

    shipped = pd.concat(
        [toolkit_data.load("reviews")["text"], toolkit_data.load("review_labels")["text"]]
    )
    rng = np.random.default_rng(3)
    # two shipped reviews joined: realistic length, (almost) every text distinct
    pool = shipped.to_numpy()
    first = pool[rng.integers(0, len(pool), args.reviews)]
    second = pool[rng.integers(0, len(pool), args.reviews)]
    reviews = pd.DataFrame({"text": [f"{a} {b}" for a, b in zip(first, second, strict=True)]})
    distinct = reviews["text"].nunique()
    t0, c0 = time.perf_counter(), time.process_time()
    tagged = care.tag_reviews(reviews)
    tag_s, tag_cpu = time.perf_counter() - t0, time.process_time() - c0
    tag_mb = peak_mb()
    print(
        f"tag_reviews: {tag_s:.2f} s wall, {tag_cpu:.2f} s CPU for {len(tagged):,} reviews ({distinct:,} distinct, "
        f"{len(tagged) / tag_s:,.0f}/s), peak RSS {tag_mb:.0f} MB"
    )
    t0, c0 = time.perf_counter(), time.process_time()
    loop_tags(reviews["text"].head(args.loop_reviews).tolist())
    scale = len(reviews) / args.loop_reviews
    loop_tag_s, loop_tag_cpu = (
        (time.perf_counter() - t0) * scale,
        (time.process_time() - c0) * scale,
    )
    print(
        f"row loop tagging: {loop_tag_s:.1f} s wall, {loop_tag_cpu:.1f} s CPU scaled from {args.loop_reviews:,} reviews"
    )
    print(
        f"care: kpi_table {kpi_cpu:.1f} s CPU / {len(tickets) // 1000}k tickets, tag_reviews "
        f"{tag_cpu:.1f} s CPU / {len(reviews) // 1000}k reviews, peak {max(kpi_mb, tag_mb):.0f} MB; "
        f"ratio loop/vectorised (CPU) KPIs {loop_cpu / kpi_cpu:.1f}, tagging {loop_tag_cpu / tag_cpu:.1f}"
    )


if __name__ == "__main__":
    main()
