"""The self-check and the grader agree on numbers: never ❌ where the grader gives marks."""

from __future__ import annotations

import math

import numpy as np
import pytest

from toolkit.checks import CheckFailed, compare_number
from toolkit.selfcheck import compare_self_check, make_spec


def _outcome(found, spec) -> str:
    try:
        compare_self_check(found, spec)
    except CheckFailed as failure:
        return getattr(failure, "outcome", "incorrect")
    return "correct"


def _grader(found, expected, rel, abs_) -> bool:
    try:
        compare_number(found, expected, rel=rel, abs=abs_)
    except CheckFailed:
        return False
    return True


@pytest.mark.parametrize("seed", range(4))
def test_correct_means_graded_right_and_wrong_means_graded_wrong(seed, capsys):
    rng = np.random.default_rng(seed)
    expected = float(rng.choice([1, -1]) * 10 ** rng.uniform(-3, 7))
    rel = float(10 ** rng.uniform(-6, -2))
    abs_ = float(10 ** rng.uniform(-9, -1))
    spec = make_spec("number", (expected,), {"rel": rel, "abs": abs_}, question="q", salt="ab12")
    tol = max(rel * abs(expected), abs_)
    # distances spread over 0..3 tolerances, both sides, many near the edge
    distances = np.concatenate([rng.uniform(0, 3, 40), rng.uniform(0.85, 1.15, 40)]) * tol
    for d in distances * rng.choice([-1, 1], len(distances)):
        found = expected + float(d)
        outcome, graded = _outcome(found, spec), _grader(found, expected, rel, abs_)
        if outcome == "correct":
            assert graded, (found, expected, tol)
        if outcome == "incorrect":
            assert not graded, (found, expected, tol)  # never ❌ where the grader gives marks
        if abs(d) < tol * 0.4:  # well inside: surely right, whatever the power of two
            assert outcome == "correct", (d / tol, outcome)
        if abs(d) > tol * 2.5:  # far outside: surely wrong
            assert outcome == "incorrect", (d / tol, outcome)
    capsys.readouterr()


def test_a_whole_dong_rounding_inside_the_tolerance_is_right(capsys):
    gpm = 123_456.789  # GPM per order, graded with rel=1e-4: ±12.3 ₫
    spec = make_spec("number", (gpm,), {"rel": 1e-4}, question="q", salt="cd34")
    assert _outcome(round(gpm), spec) == "correct"
    assert _grader(round(gpm), gpm, 1e-4, 1e-9)
    assert "✅" in capsys.readouterr().out


def test_a_too_coarse_rounding_says_almost_and_the_precision_wanted(capsys, monkeypatch):
    monkeypatch.setenv("HOCSO_LANG", "vi")
    roas = 25 / 3  # 8.333…, graded with rel=1e-4
    spec = make_spec("number", (roas,), {"rel": 1e-4}, question="q", salt="ef56")
    assert spec["precision"] == 3
    assert "8.3" not in str(spec)
    assert "8.33" not in str(spec)
    with pytest.raises(CheckFailed) as caught:
        compare_self_check(8.3, spec)
    message = str(caught.value)
    assert message.startswith("⚠️ Gần đúng")
    assert "1 chữ số thập phân" in message
    assert "ít nhất 3 chữ số thập phân" in message
    assert caught.value.outcome == "almost"
    assert "❌" not in message
    assert _outcome(8.333, spec) == "correct"
    assert _outcome(9.0, spec) == "incorrect"
    with pytest.raises(CheckFailed, match="ít nhất 3 chữ số thập phân"):  # ❌ says it too
        compare_self_check(9.0, spec)
    capsys.readouterr()


def test_the_spec_reveals_only_the_power_of_two_of_the_tolerance():
    # two answers with the same power of two of their tolerance: the same readable parts
    a = make_spec("number", (100.0,), {"rel": 0.01}, question="q", salt="0a")
    b = make_spec("number", (120.0,), {"rel": 0.01}, question="q", salt="0a")
    assert a["answer"]["target"] == b["answer"]["target"]
    assert len(a["answer"]["digests"]) == len(b["answer"]["digests"])


def test_almost_is_only_said_on_the_edge_of_the_tolerance(capsys):
    spec = make_spec("number", (100.0,), {"rel": 0.01}, question="q", salt="0a")
    outcomes = {d: _outcome(100.0 + d, spec) for d in (0.5, 0.85, 1.0, 1.2, 3.0)}
    assert outcomes[0.5] == outcomes[0.85] == "correct"
    assert outcomes[1.0] == "almost"
    assert outcomes[3.0] == "incorrect"
    assert math.isclose(100.0 + 1.0, 100.0, rel_tol=0.01)  # the grader accepts 101
    capsys.readouterr()
