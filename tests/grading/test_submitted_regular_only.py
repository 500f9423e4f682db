"""Every path into ``submitted/`` takes regular files only; hostile timestamps fail alone."""

from __future__ import annotations

import os

from grading.core.times import read_timestamp
from grading.verbs.autograde import autograde

A = "00-lam-quen"


def _never_run(api, assignment, learner):  # the execution step must not be reached
    raise AssertionError(f"{learner} was executed")


def test_a_hand_copied_link_to_the_gradebook_is_never_graded(cohort):
    with cohort.gradebook() as gradebook:
        gradebook.update_or_create_assignment(A)
    folder = cohort.folder("submitted", "hv-usb", A)
    folder.mkdir(parents=True)
    (folder / f"{A}.ipynb").write_text("{}", encoding="utf-8")
    os.symlink(cohort.root / "gradebook.db", folder / "diem.db")  # as `cp -r` from a USB stick
    linked = cohort.folder("submitted", "hv-link", A)
    linked.parent.mkdir(parents=True)
    os.symlink(folder, linked)  # the whole assignment folder a link
    result = autograde(A, cohort=cohort, execute=_never_run, parallel=False)
    rows = {r.learner: r for r in result.rows}
    assert rows["hv-usb"].status == "failed"
    assert "diem.db: a symbolic link" in rows["hv-usb"].reason
    assert rows["hv-link"].status == "failed"
    assert "symbolic link" in rows["hv-link"].reason
    assert not (cohort.root / "autograded").exists()
    assert not (cohort.root / "feedback").exists()


def test_a_garbage_timestamp_is_no_time_and_no_error(tmp_path):
    for content in (b"\xff\xfe\x00", b"9" * 200, b"2026-13-45 99:99", b"x" * 10_000):
        (tmp_path / "timestamp.txt").write_bytes(content)
        assert read_timestamp(tmp_path) is None
    (tmp_path / "timestamp.txt").unlink()
    os.mkfifo(tmp_path / "timestamp.txt")  # would block a plain read forever
    assert read_timestamp(tmp_path) is None
    (tmp_path / "timestamp.txt").unlink()
    os.symlink("/etc/hostname", tmp_path / "timestamp.txt")
    assert read_timestamp(tmp_path) is None


def test_one_garbage_inbound_timestamp_never_blocks_another_learners_collect(cohort):
    from grading.classroom.roster import import_roster
    from grading.verbs.collect import collect, inbound_submissions
    from grading.verbs.release import release

    roster = cohort.root.parent / "lop.csv"
    roster.write_text("id,họ và tên\nhv-bad,Lò Văn Ba\nhv-good,Lò Thị Tốt\n", encoding="utf-8")
    import_roster(roster, cohort=cohort)
    release(A, cohort=cohort)
    outbound = cohort.exchange_root / cohort.course_id / "outbound" / A
    inbound = cohort.exchange_root / cohort.course_id / "inbound"
    inbound.mkdir(parents=True, exist_ok=True)
    for learner, stamp in (("hv-bad", b"\xff\x00garbage"), ("hv-good", b"2026-01-01 08:00:00 UTC")):
        folder = inbound / f"{learner}+{A}+2026-01-01 08:00:00.000000 UTC+r1"
        folder.mkdir()
        for notebook in outbound.glob("*.ipynb"):
            (folder / notebook.name).write_bytes(notebook.read_bytes())
        (folder / "timestamp.txt").write_bytes(stamp)
    assert set(inbound_submissions(cohort, A)) == {"hv-bad", "hv-good"}
    result = collect(A, cohort=cohort)
    assert "hv-good" in {c.learner for c in result.rows}, result
    assert cohort.folder("submitted", "hv-good", A).is_dir()
    # the garbage one is no worse than any other: collected on the trusted time, or refused alone
    assert read_timestamp(cohort.folder("submitted", "hv-good", A)) is not None
