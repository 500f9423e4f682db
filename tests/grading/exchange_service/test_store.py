"""The exchange service's storage: append-only, capped, checksummed, ids for folder names."""

from __future__ import annotations

import os
import stat

import pytest

from grading.core.files import Caps
from grading.exchange.store import ExchangeStore, FileRefused, StoreDamaged

NB = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def store(request, tmp_path):
    """A store on SQLite, and on PostgreSQL (a fresh course database each time)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'course.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
        import sqlalchemy as sa

        from grading.exchange.store import metadata

        engine = sa.create_engine(url)
        metadata.drop_all(engine)
        engine.dispose()
    made = ExchangeStore(tmp_path / "kho", url, caps=Caps(max_bytes=10_000, max_files=5,
                         max_depth=3, max_file_bytes=4_000), max_submissions=3)  # fmt: skip
    made.release("kds", "00-lam-quen", {"bai.ipynb": NB, "du-lieu/a.csv": b"x,y\n"}, by="gv")
    yield made
    made.close()


def test_root_is_private(store):
    assert stat.S_IMODE(os.stat(store.root).st_mode) == 0o700


def test_submissions_append_and_keep_every_version(store):
    first = store.submit("kds", "00-lam-quen", "hv01", {"bai.ipynb": NB})
    second = store.submit("kds", "00-lam-quen", "hv01", {"bai.ipynb": NB + b" "})
    assert second.id != first.id
    assert second.submitted_at >= first.submitted_at
    assert store.submission_files(first.id) == {"bai.ipynb": NB}
    assert store.submission_files(second.id) == {"bai.ipynb": NB + b" "}
    assert [s.id for s in store.submissions("kds", learner="hv01")] == [first.id, second.id]
    assert store.submissions("kds", learner="hv02") == []


def test_submission_cap_per_learner(store):
    for _ in range(3):
        store.submit("kds", "00-lam-quen", "hv01", {"bai.ipynb": NB})
    with pytest.raises(FileRefused, match="3 submissions"):
        store.submit("kds", "00-lam-quen", "hv01", {"bai.ipynb": NB})
    store.submit("kds", "00-lam-quen", "hv02", {"bai.ipynb": NB})  # others are not affected


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ({"../../etc/passwd": NB, "bai.ipynb": NB}, "plain relative path"),
        ({"/abs.ipynb": NB}, "plain relative path"),
        ({"a/./b.ipynb": NB, "bai.ipynb": NB}, "plain relative path"),
        ({"bai.ipynb": NB, "x\x00y": b""}, "control characters"),
        ({"bai.ipynb": b"x" * 4_001}, "cap 4000"),
        ({f"f{i}.ipynb": NB for i in range(6)}, "cap 5"),
        ({"a/b/c/d.ipynb": NB, "bai.ipynb": NB}, "deeper"),
        ({"data.csv": b"1"}, "no notebook"),
        ({"bai.ipynb": NB, "bai.ipynb/x": b""}, "both a file and a folder"),
    ],
)
def test_hostile_submissions_are_refused_whole(store, files, reason):
    with pytest.raises(FileRefused, match=reason):
        store.submit("kds", "00-lam-quen", "hv01", files)
    assert store.submissions("kds") == []
    assert not (store.root / "submission").exists() or not any(
        (store.root / "submission").iterdir()
    )


def test_unreleased_assignment_and_bad_ids_are_refused(store):
    with pytest.raises(FileRefused, match="not released"):
        store.submit("kds", "99-chua-phat", "hv01", {"bai.ipynb": NB})
    with pytest.raises(FileRefused, match="not a valid id"):
        store.submit("kds", "../x", "hv01", {"bai.ipynb": NB})


def test_files_on_disk_are_named_by_ids_only(store):
    record = store.submit("kds", "00-lam-quen", "hv01", {"bai.ipynb": NB})
    assert (store.root / "submission" / str(record.id) / "bai.ipynb").is_file()
    names = {p.name for p in store.root.rglob("*")}
    assert "hv01" not in names
    assert "kds" not in names


def test_a_changed_file_is_detected(store):
    record = store.submit("kds", "00-lam-quen", "hv01", {"bai.ipynb": NB})
    (store.root / "submission" / str(record.id) / "bai.ipynb").write_bytes(b"{}")
    with pytest.raises(StoreDamaged, match="checksum"):
        store.submission_files(record.id)


def test_newest_release_and_feedback_win(store):
    store.release("kds", "00-lam-quen", {"bai.ipynb": NB + b"\n"}, by="gv")
    assert store.release_files("kds", "00-lam-quen") == {"bai.ipynb": NB + b"\n"}
    assert store.release_files("kds", "khong-co") is None
    record = store.submit("kds", "00-lam-quen", "hv01", {"bai.ipynb": NB})
    assert store.feedback(record.id) is None
    store.put_feedback(record.id, {"bai.html": b"<p>1</p>"})
    store.put_feedback(record.id, {"bai.html": b"<p>2</p>"})
    assert store.feedback(record.id) == {"bai.html": b"<p>2</p>"}


def test_a_release_says_its_due_date(store):
    import json

    meta = {"hocso": {"due": "2099-12-20T16:59:00Z", "due_tz": "Asia/Ho_Chi_Minh"}}
    nb = json.dumps({"cells": [], "metadata": meta, "nbformat": 4, "nbformat_minor": 5})
    (first,) = store.releases("kds")
    assert store.release_due(first.id) is None  # released without a due date
    again = store.release("kds", "00-lam-quen", {"bai.ipynb": nb.encode()}, by="gv")
    assert store.release_due(again.id) == ("2099-12-20T16:59:00Z", "Asia/Ho_Chi_Minh")
    broken = nb.replace("2099-12-20T16:59:00Z", "soon").encode()
    later = store.release("kds", "00-lam-quen", {"bai.ipynb": broken}, by="gv")
    assert store.release_due(later.id) is None  # not a date: no due date shown
