"""``hocso roster import``: enrol learners from a CSV file, all or nothing.

The file has a header row and one learner per line:

======================  ==========================================================
column                  content
======================  ==========================================================
``id``                  the learner's id: lowercase ASCII letters, digits, ``-``
                        and ``_``, starting with a letter or digit
                        (``mai-nguyen``, ``hv07``); it names their folders
``full_name``           the full Vietnamese name, family name first
                        (``Nguyễn Thị Mai``)
``email`` (optional)    an e-mail address
``group`` (optional)    a class, commune or province (``Lào Cai``)
======================  ==========================================================

Vietnamese headers work too (``mã``, ``họ và tên``, ``nhóm``, ``tỉnh``…).
Excel's "CSV UTF-8" (with a byte-order mark) and ``;``-separated files are
accepted. Names are stored in Unicode NFC with single spaces.

Every line is checked before anything is written; on any problem nothing is
imported and :class:`~grading.core.errors.RosterError` lists every bad line by its
number. Learners already in the gradebook are updated; learners missing from
the file are kept (they may have grades). A column missing from the file keeps
the values already enrolled (a file without ``group`` does not wipe the groups);
what changed is reported field by field.

``hocso roster remove`` and ``hocso roster rename`` change one learner: a learner
with submissions is removed only on request (their folders are kept aside in
``.hocso/removed/``), and a rename moves the gradebook entries, folders, autograde
notes, attempt logs and waiting submissions to the new id, so grades stay with
the learner. Both revoke the id's shared-account enrolment
(:mod:`grading.classroom.enrolments`): its submission token stops working.

Examples
--------
>>> learners = parse_roster("id,họ và tên,tỉnh\\nmai-nguyen,Nguyễn  Thị Mai,Lào Cai\\n")
>>> learners[0]
Learner(id='mai-nguyen', full_name='Nguyễn Thị Mai', email='', group='Lào Cai')
>>> learners[0].family_name, learners[0].given_names
('Nguyễn', 'Thị Mai')
>>> parse_roster("id,full_name\\nMai Nguyen,Nguyễn Thị Mai\\n")
Traceback (most recent call last):
...
grading.core.errors.RosterError: roster.csv: 1 lỗi, chưa nhập gì:
  dòng 2: mã 'Mai Nguyen' không hợp lệ: chỉ dùng chữ thường không dấu, chữ số, '-' hoặc '_', bắt đầu bằng chữ hoặc số (ví dụ 'mai-nguyen')
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from grading.classroom.cohort import Cohort, open_cohort
from grading.classroom.enrolments import revoke
from grading.classroom.ledger import rename_in_ledger
from grading.classroom.state import FileState
from grading.core.errors import RosterError
from grading.core.messages import say
from grading.core.safety import clean_text

__all__ = [
    "ID_PATTERN",
    "Learner",
    "RosterChange",
    "RosterResult",
    "import_roster",
    "parse_roster",
    "read_roster",
    "remove_learner",
    "rename_learner",
    "roster_details",
]

#: A learner id: it becomes a folder name and part of exchange file names
#: (where ``+`` separates fields), so it stays plain ASCII.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ROSTER_FILE = "roster.csv"
_COLUMNS = ("id", "full_name", "email", "group")
_ALIASES = {
    "id": {"id", "ma", "ma_hoc_vien", "ma_hv", "student_id", "username"},
    "full_name": {"full_name", "name", "ho_ten", "ho_va_ten", "hoten", "ten", "fullname"},
    "email": {"email", "e_mail", "mail", "thu_dien_tu"},
    "group": {"group", "province", "nhom", "lop", "tinh", "tinh_thanh", "don_vi"},
}


@dataclass(frozen=True)
class Learner:
    """One enrolled learner."""

    id: str
    full_name: str
    email: str = ""
    group: str = ""

    @property
    def family_name(self) -> str:
        """The first word of the name (họ): nbgrader's ``last_name``."""
        return self.full_name.split(" ", 1)[0]

    @property
    def given_names(self) -> str:
        """Middle and given names (tên đệm và tên): nbgrader's ``first_name``."""
        parts = self.full_name.split(" ", 1)
        return parts[1] if len(parts) > 1 else ""


@dataclass(frozen=True)
class RosterChange:
    """One field of one enrolled learner changed by an import."""

    learner: str
    field: str  # "full_name", "email" or "group"
    old: str
    new: str


@dataclass(frozen=True)
class RosterResult:
    """What an import did, by learner id."""

    learners: tuple[Learner, ...]
    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    changes: tuple[RosterChange, ...] = ()
    kept_columns: tuple[str, ...] = ()  # columns absent from the file, values kept


def _key(header: str) -> str:
    text = unicodedata.normalize("NFD", header.strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("đ", "d")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _clean(text: str) -> str:
    """A roster text cleaned once, at the door (:func:`grading.core.safety.clean_text`)."""
    return clean_text(text)


def _columns(header: list[str], where: str) -> dict[str, int]:
    found: dict[str, int] = {}
    problems = []
    for index, name in enumerate(header):
        key = _key(name)
        column = next((c for c, names in _ALIASES.items() if key in names), None)
        if column is None:
            problems.append(
                (
                    1,
                    say(
                        "hocso.error.roster_unknown_column", name=name, expected=", ".join(_COLUMNS)
                    ),
                )
            )
        elif column in found:
            problems.append((1, say("hocso.error.roster_column_twice", column=column)))
        else:
            found[column] = index
    for column in ("id", "full_name"):
        if column not in found:
            problems.append(
                (
                    1,
                    say(
                        "hocso.error.roster_missing_column", column=column, header=", ".join(header)
                    ),
                )
            )
    if problems:
        _refuse(where, problems)
    return found


def _refuse(where: str, problems: list[tuple[int, str]]) -> None:
    problems.sort()
    lines = "\n".join(
        say("hocso.error.roster_line", line=line, message=message) for line, message in problems
    )
    raise RosterError(
        say("hocso.error.roster_refused", where=where, count=len(problems), lines=lines),
        tuple(problems),
    )


def _check_row(values: dict[str, str]) -> list[str]:
    problems = []
    learner_id = values["id"]
    if not learner_id:
        problems.append(say("hocso.error.roster_empty_id"))
    elif not ID_PATTERN.match(learner_id):
        suggestion = re.sub(r"[^a-z0-9_-]+", "-", _key(learner_id).replace("_", "-")).strip("-")
        problems.append(
            say(
                "hocso.error.roster_bad_id_suggest",
                value=learner_id,
                suggestion=suggestion or "hv01",
            )
        )
    if not values["full_name"]:
        problems.append(say("hocso.error.roster_empty_name"))
    if values["email"] and not _EMAIL.match(values["email"]):
        problems.append(say("hocso.error.roster_bad_email", value=values["email"]))
    for column, value in values.items():
        if len(value) > 128:
            problems.append(say("hocso.error.roster_too_long", column=column))
    return problems


def parse_roster(text: str, *, where: str = _ROSTER_FILE) -> list[Learner]:
    """Learners of a roster CSV text, or :class:`RosterError` listing every bad line."""
    return _parse(text, where=where)[0]


def _parse(text: str, *, where: str) -> tuple[list[Learner], frozenset[str]]:
    """Learners and the columns the file has."""
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        _refuse(where, [(1, say("hocso.error.roster_empty_file"))])
    columns = _columns(header, where)
    learners: list[Learner] = []
    seen: dict[str, int] = {}
    problems: list[tuple[int, str]] = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
                problems.append(
                    (
                        line,
                        say(
                            "hocso.error.roster_too_many_values",
                            values=len(row),
                            columns=len(header),
                        ),
                    )
                )
                continue
            values = {
                column: _clean(row[columns[column]])
                if column in columns and columns[column] < len(row)
                else ""
                for column in _COLUMNS
            }
            values["email"] = values["email"].replace(" ", "")
            row_problems = _check_row(values)
            problems.extend((line, message) for message in row_problems)
            if row_problems:
                continue
            if values["id"] in seen:
                problems.append(
                    (
                        line,
                        say(
                            "hocso.error.roster_id_twice",
                            value=values["id"],
                            first=seen[values["id"]],
                        ),
                    )
                )
                continue
            seen[values["id"]] = line
            learners.append(Learner(**values))
    except csv.Error as exc:
        problems.append((reader.line_num, say("hocso.error.roster_unreadable_csv", detail=exc)))
    if problems:
        _refuse(where, problems)
    if not learners:
        _refuse(where, [(2, say("hocso.error.roster_no_learners"))])
    return learners, frozenset(columns)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RosterError(
            say("hocso.error.roster_unreadable", path=path, detail=exc.strerror or exc)
        ) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RosterError(
            say("hocso.error.roster_not_utf8", path=path, line=line),
            ((line, "not UTF-8"),),
        ) from exc


def _write_details(cohort: Cohort, learners: Iterable[Learner]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_COLUMNS)
    for learner in sorted(learners, key=lambda x: x.id):
        writer.writerow([learner.id, learner.full_name, learner.email, learner.group])
    cohort.state.write(_ROSTER_FILE, buffer.getvalue())


def _read_details(cohort: Cohort) -> dict[str, Learner]:
    """Names and groups of the last imports (``roster.csv`` of the state, maybe header only)."""
    state = cohort.state
    text = state.read(_ROSTER_FILE)
    if text is None or len(text.strip().splitlines()) < 2:  # none yet, or everybody removed
        return {}
    return {x.id: x for x in parse_roster(text, where=state.where(_ROSTER_FILE))}


def roster_details(cohort: Cohort) -> dict[str, Learner]:
    """Id -> learner as last imported (names, e-mails, groups); ``{}`` for an empty class."""
    return _read_details(cohort)


def read_roster(*, cohort: Cohort | None = None) -> list[Learner]:
    """The enrolled learners: gradebook students, with groups from the last import."""
    cohort = cohort or open_cohort()
    details = _read_details(cohort)
    learners = []
    with cohort.gradebook() as gradebook:
        for student in gradebook.students:
            known = details.get(student.id)
            name = _clean(" ".join(filter(None, [student.last_name, student.first_name])))
            learners.append(
                Learner(
                    id=student.id,
                    full_name=name or (known.full_name if known else ""),
                    email=student.email or "",
                    group=known.group if known else "",
                )
            )
    return sorted(learners, key=lambda x: x.id)


def import_roster(path: str | Path, *, cohort: Cohort | None = None) -> RosterResult:
    """Check every line of ``path``, then enrol all learners in one transaction.

    Raises
    ------
    RosterError
        If the file is unreadable or any line is bad; nothing is written then.
    CohortError
        If the gradebook cannot be opened.
    """
    path = Path(path)
    parsed, columns = _parse(_read_text(path), where=str(path))
    cohort = cohort or open_cohort()
    from nbgrader.api import Student
    from sqlalchemy.exc import SQLAlchemyError

    previous = _read_details(cohort)
    enrolled = {x.id: x for x in read_roster(cohort=cohort)}
    kept = tuple(c for c in ("email", "group") if c not in columns)
    learners = []
    for learner in parsed:
        before = enrolled.get(learner.id) or previous.get(learner.id)
        if before is not None and kept:
            learner = replace(learner, **{c: getattr(before, c) for c in kept})
        learners.append(learner)
    added, updated, unchanged, changes = [], [], [], []
    with cohort.gradebook() as gradebook:
        session = gradebook.db
        existing = {s.id: s for s in session.query(Student).all()}
        try:
            for learner in learners:
                fields = {
                    "first_name": learner.given_names,
                    "last_name": learner.family_name,
                    "email": learner.email or None,
                }
                student = existing.get(learner.id)
                if student is None:
                    session.add(Student(id=learner.id, **fields))
                    added.append(learner.id)
                    continue
                before = enrolled.get(learner.id) or Learner(learner.id, "")
                if learner.id in previous:
                    before = replace(before, group=previous[learner.id].group)
                diff = [
                    RosterChange(learner.id, name, getattr(before, name), getattr(learner, name))
                    for name in ("full_name", "email", "group")
                    if getattr(before, name) != getattr(learner, name)
                ]
                if diff or any(getattr(student, k) != v for k, v in fields.items()):
                    for key, value in fields.items():
                        setattr(student, key, value)
                    updated.append(learner.id)
                    changes.extend(diff)
                else:
                    unchanged.append(learner.id)
            session.commit()
        except SQLAlchemyError as exc:
            session.rollback()
            raise RosterError(
                say("hocso.error.roster_gradebook_refused", path=path, detail=exc)
            ) from exc
    previous.update({x.id: x for x in learners})
    _write_details(cohort, previous.values())
    return RosterResult(
        learners=tuple(learners),
        added=tuple(added),
        updated=tuple(updated),
        unchanged=tuple(unchanged),
        changes=tuple(changes),
        kept_columns=kept,
    )


_STEPS = ("submitted", "autograded", "feedback")


@dataclass(frozen=True)
class RosterEdit:
    """What ``roster remove`` or ``roster rename`` did."""

    learner: str
    new_id: str | None  # None for a removal
    submissions: tuple[str, ...]  # assignments with a gradebook submission
    moved: tuple[Path, ...]  # folders and files moved (or set aside)


def _known(cohort: Cohort, learner_id: str, gradebook) -> None:
    from nbgrader.api import MissingEntry

    try:
        gradebook.find_student(learner_id)
    except MissingEntry:
        ids = ", ".join(sorted(s.id for s in gradebook.students)) or "-"
        raise RosterError(
            say("hocso.error.roster_unknown", learner=learner_id, course=cohort.course_id, ids=ids)
        ) from None


def _learner_files(cohort: Cohort, learner_id: str) -> list[Path]:
    found = [cohort.root / step / learner_id for step in _STEPS]
    if isinstance(cohort.state, FileState):
        found += sorted((cohort.state_dir / "attempts").glob(f"*/{learner_id}.jsonl"))
    inbound = cohort.exchange_root / cohort.course_id / "inbound"
    if inbound.is_dir():
        found += sorted(inbound.glob(f"{learner_id}+*"))
    return [p for p in found if p.exists()]


def _rename_state(cohort: Cohort, old: str, new: str | None) -> None:
    """Autograde notes and, in a database, attempt logs move with the learner.

    A removed learner's logs are kept aside (``removed/<id>/<assignment>.jsonl``).
    """
    rename_in_ledger(cohort.state, old, new)
    state = cohort.state
    if isinstance(state, FileState):
        return  # attempt log files moved with the learner's other files
    for name in state.names("attempts/"):
        if name.endswith(f"/{old}.jsonl"):
            text = state.read(name)
            if text is not None:
                assignment = name.split("/")[1]
                kept = (
                    f"attempts/{assignment}/{new}.jsonl"
                    if new
                    else f"removed/{old}/{assignment}.jsonl"
                )
                state.write(kept, text)
            state.delete(name)


def _aside_folder(cohort: Cohort, learner_id: str) -> Path:
    """``.hocso/removed/<id>/``, or ``<id>-2``, ``<id>-3``… when an earlier removal is there."""
    base = cohort.state_dir / "removed"
    target, n = base / learner_id, 1
    while target.exists():
        n += 1
        target = base / f"{learner_id}-{n}"
    return target


def _move_all(plan: list[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
    """Move every ``(source, target)``; on any failure move back what moved and raise."""
    moved: list[tuple[Path, Path]] = []
    try:
        for source, target in plan:
            if target.exists():
                raise RosterError(say("hocso.error.roster_exists", target=target))
            target.parent.mkdir(parents=True, exist_ok=True)
            source.rename(target)
            moved.append((source, target))
    except (OSError, RosterError) as exc:
        _move_back(moved)
        raise RosterError(say("hocso.error.roster_move_failed", detail=exc)) from exc
    return moved


def _move_back(moved: list[tuple[Path, Path]]) -> None:
    for source, target in reversed(moved):
        with contextlib.suppress(OSError):
            source.parent.mkdir(parents=True, exist_ok=True)
            target.rename(source)


def remove_learner(
    learner_id: str, *, cohort: Cohort | None = None, with_submissions: bool = False
) -> RosterEdit:
    """Take ``learner_id`` off the roster.

    A learner with submissions (graded or waiting) is removed only with
    ``with_submissions``: their gradebook entries are deleted (so class grades
    and counts stay consistent) and their folders are moved to
    ``.hocso/removed/<id>/``, never deleted.

    Raises
    ------
    RosterError
        If the learner is unknown, or has submissions and ``with_submissions``
        is false (the message lists them).
    """
    cohort = cohort or open_cohort()
    with cohort.gradebook() as gradebook:
        _known(cohort, learner_id, gradebook)
        student = gradebook.find_student(learner_id)
        submissions = tuple(sorted(s.assignment.name for s in student.submissions))
        files = _learner_files(cohort, learner_id)
        if (submissions or files) and not with_submissions:
            what = ", ".join(submissions) or f"{len(files)} file(s)"
            raise RosterError(
                say(
                    "hocso.error.roster_has_submissions",
                    learner=learner_id,
                    what=what,
                    kept=cohort.state_dir / "removed" / learner_id,
                )
            )
        aside = _aside_folder(cohort, learner_id)
        plan = [
            (
                path,
                aside
                / path.relative_to(
                    cohort.root if path.is_relative_to(cohort.root) else cohort.exchange_root
                ),
            )
            for path in files
        ]
        moved = _move_all(plan)  # every file set aside, or none (RosterError)
        try:
            gradebook.remove_student(learner_id)
        except Exception as exc:
            _move_back(moved)
            raise RosterError(
                say("hocso.error.roster_remove_failed", learner=learner_id, detail=exc)
            ) from exc
    _rename_state(cohort, learner_id, None)
    revoke(cohort.state, learner_id)  # their submission token stops working
    details = _read_details(cohort)
    details.pop(learner_id, None)
    _write_details(cohort, details.values())
    return RosterEdit(learner_id, None, submissions, tuple(target for _, target in moved))


def _move_student(session, old: str, new: str) -> list[str]:
    """Give the gradebook's student ``old`` the id ``new`` (submissions follow), committed."""
    from nbgrader.api import Student

    student = session.get(Student, old)
    replacement = Student(
        id=new,
        first_name=student.first_name,
        last_name=student.last_name,
        email=student.email,
        lms_user_id=student.lms_user_id,
    )
    session.add(replacement)
    session.flush()
    submissions = []
    for submission in list(student.submissions):
        submission.student = replacement
        submissions.append(submission.assignment.name)
    session.flush()
    session.expire(student)
    session.delete(student)
    session.commit()
    return submissions


def rename_learner(old: str, new: str, *, cohort: Cohort | None = None) -> RosterEdit:
    """Give learner ``old`` the id ``new``, moving their grades and files with them.

    The gradebook's submissions (with every grade and comment), the folders
    ``submitted/``, ``autograded/`` and ``feedback/``, autograde notes, attempt
    logs and submissions still waiting in the exchange all move to ``new``.

    Raises
    ------
    RosterError
        If ``old`` is unknown, ``new`` is not a valid id or is already used, or a
        folder for ``new`` already exists (nothing is changed then).
    """
    cohort = cohort or open_cohort()
    if not ID_PATTERN.match(new):
        raise RosterError(say("hocso.error.roster_bad_id", value=new))
    from nbgrader.api import Student

    with cohort.gradebook() as gradebook:
        _known(cohort, old, gradebook)
        session = gradebook.db
        if session.get(Student, new) is not None:
            raise RosterError(say("hocso.error.roster_id_taken", value=new))
        files = _learner_files(cohort, old)
        targets = []
        for path in files:
            # submitted/<old>, attempts/<a>/<old>.jsonl, inbound/<old>+<a>+<time>
            target = path.with_name(new + path.name[len(old) :])
            if target.exists():
                raise RosterError(say("hocso.error.roster_target_exists", target=target))
            targets.append(target)
        moved = _move_all(list(zip(files, targets, strict=True)))
        try:
            submissions = _move_student(session, old, new)
        except Exception as exc:
            session.rollback()
            _move_back(moved)
            raise RosterError(
                say("hocso.error.roster_rename_failed", learner=old, detail=exc)
            ) from exc
    _rename_state(cohort, old, new)
    revoke(cohort.state, old)  # the old id's token stops working; the new id needs its own
    details = _read_details(cohort)
    if old in details:
        details[new] = replace(details.pop(old), id=new)
        _write_details(cohort, details.values())
    return RosterEdit(old, new, tuple(sorted(submissions)), tuple(targets))
