"""The autograde ledger: never read as empty when broken, never loses an entry to a race."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from grading.classroom.ledger import LedgerEntry, read_ledger, record
from grading.core.errors import CohortError

REPO = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from pathlib import Path
from grading.classroom.ledger import LedgerEntry, record
state, who, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for i in range(count):
    record(state, "00-lam-quen", f"{who}-{i:03d}", LedgerEntry("failed", None, f"lý do {i}"))
"""


def test_entries_round_trip(tmp_path):
    entry = LedgerEntry("graded", "2026-03-01 08:00:00 UTC", "", ("kiem-tra-cau-1",), ())
    record(tmp_path, "00-lam-quen", "an-nguyen", entry)
    record(tmp_path, "01-anh-san-pham", "an-nguyen", LedgerEntry("failed", None, "hỏng"))
    ledger = read_ledger(tmp_path)
    assert ledger["00-lam-quen"]["an-nguyen"] == entry
    assert ledger["01-anh-san-pham"]["an-nguyen"].reason == "hỏng"
    assert read_ledger(tmp_path / "chua-co") == {}


def test_the_previous_version_is_kept_as_a_backup(tmp_path):
    record(tmp_path, "a", "x", LedgerEntry("graded"))
    assert not (tmp_path / "autograde.json.bak").exists()
    record(tmp_path, "a", "y", LedgerEntry("failed", reason="r"))
    backup = json.loads((tmp_path / "autograde.json.bak").read_text("utf-8"))
    assert set(backup["a"]) == {"x"}
    assert set(read_ledger(tmp_path)["a"]) == {"x", "y"}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"00-lam-quen": {"an": {"status": "gra', "broken JSON at line 1"),
        ("[1, 2]", "holds list, not an object"),
        ('{"00-lam-quen": {"an": "graded"}}', "an entry is str"),
        (b"\xff\xfe\x00", "can't decode"),
    ],
)
def test_a_corrupted_ledger_is_a_clear_error_and_is_left_alone(tmp_path, text, problem):
    record(tmp_path, "a", "x", LedgerEntry("graded"))
    record(tmp_path, "a", "y", LedgerEntry("graded"))  # now there is a backup
    path = tmp_path / "autograde.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(CohortError, match="is not a readable autograde ledger") as error:
        read_ledger(tmp_path)
    assert problem in str(error.value)
    assert "autograde.json.bak" in str(error.value)  # names the way back
    with pytest.raises(CohortError):
        record(tmp_path, "a", "z", LedgerEntry("graded"))  # never overwrites what it cannot read
    assert path.read_bytes() == before


def test_two_processes_recording_at_once_lose_nothing(tmp_path):
    env = {"PYTHONPATH": str(REPO)}
    count = 60
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), who, str(count)],
            env={**env, "PATH": ""},
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in ("p1", "p2")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
    learners = read_ledger(tmp_path)["00-lam-quen"]
    assert len(learners) == 2 * count
    assert learners["p2-059"].reason == "lý do 59"


def test_autograde_stops_on_a_corrupted_ledger(cohort, capsys):
    from grading.cli import main
    from grading.verbs.release import generate

    generate(cohort, "00-lam-quen")
    cohort.folder("submitted", "hv01", "00-lam-quen").mkdir(parents=True)  # one collected
    cohort.state_dir.mkdir(parents=True, exist_ok=True)
    (cohort.state_dir / "autograde.json").write_text("{ cut", encoding="utf-8")
    args = ["--course", str(cohort.root), "--exchange", str(cohort.exchange_root)]
    assert main([*args, "autograde", "00-lam-quen"]) == CohortError.exit_code
    assert "is not a readable autograde ledger" in capsys.readouterr().err
