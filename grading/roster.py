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
imported and :class:`~grading.errors.RosterError` lists every bad line by its
number. Learners already in the gradebook are updated; learners missing from
the file are kept (they may have grades).

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
grading.errors.RosterError: roster.csv: 1 problem, nothing imported:
  line 2: id 'Mai Nguyen' is not valid: use lowercase ASCII letters, digits, '-' or '_', starting with a letter or digit (e.g. 'mai-nguyen')
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from grading.cohort import Cohort, open_cohort
from grading.errors import RosterError
from grading.workspace import atomic_write_text

__all__ = [
    "ID_PATTERN",
    "Learner",
    "RosterResult",
    "import_roster",
    "parse_roster",
    "read_roster",
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
class RosterResult:
    """What an import did, by learner id."""

    learners: tuple[Learner, ...]
    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]


def _key(header: str) -> str:
    text = unicodedata.normalize("NFD", header.strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("đ", "d")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _columns(header: list[str], where: str) -> dict[str, int]:
    found: dict[str, int] = {}
    problems = []
    for index, name in enumerate(header):
        key = _key(name)
        column = next((c for c, names in _ALIASES.items() if key in names), None)
        if column is None:
            problems.append((1, f"unknown column {name!r}; expected {', '.join(_COLUMNS)}"))
        elif column in found:
            problems.append((1, f"column {column!r} appears twice"))
        else:
            found[column] = index
    for column in ("id", "full_name"):
        if column not in found:
            problems.append((1, f"missing column {column!r} (header: {', '.join(header)})"))
    if problems:
        _refuse(where, problems)
    return found


def _refuse(where: str, problems: list[tuple[int, str]]) -> None:
    problems.sort()
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    lines = "\n".join(f"  line {line}: {message}" for line, message in problems)
    raise RosterError(f"{where}: {count}, nothing imported:\n{lines}", tuple(problems))


def _check_row(values: dict[str, str]) -> list[str]:
    problems = []
    learner_id = values["id"]
    if not learner_id:
        problems.append("the id is empty")
    elif not ID_PATTERN.match(learner_id):
        suggestion = re.sub(r"[^a-z0-9_-]+", "-", _key(learner_id).replace("_", "-")).strip("-")
        problems.append(
            f"id {learner_id!r} is not valid: use lowercase ASCII letters, digits, '-' or '_', "
            f"starting with a letter or digit (e.g. {suggestion or 'hv01'!r})"
        )
    if not values["full_name"]:
        problems.append("the full name is empty")
    if values["email"] and not _EMAIL.match(values["email"]):
        problems.append(f"e-mail {values['email']!r} is not an address")
    for column, value in values.items():
        if len(value) > 128:
            problems.append(f"{column} is longer than 128 characters")
    return problems


def parse_roster(text: str, *, where: str = _ROSTER_FILE) -> list[Learner]:
    """Learners of a roster CSV text, or :class:`RosterError` listing every bad line."""
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        _refuse(where, [(1, "the file is empty; expected a header row: id,full_name,email,group")])
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
                problems.append((line, f"{len(row)} values for {len(header)} columns"))
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
                    (line, f"id {values['id']!r} already used on line {seen[values['id']]}")
                )
                continue
            seen[values["id"]] = line
            learners.append(Learner(**values))
    except csv.Error as exc:
        problems.append((reader.line_num, f"unreadable CSV: {exc}"))
    if problems:
        _refuse(where, problems)
    if not learners:
        _refuse(where, [(2, "no learners in the file")])
    return learners


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RosterError(f"cannot read the roster {path}: {exc.strerror or exc}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RosterError(
            f"{path}: line {line} is not UTF-8 text; in Excel use "
            "File > Save As > 'CSV UTF-8 (Comma delimited)', nothing imported",
            ((line, "not UTF-8"),),
        ) from exc


def _write_details(cohort: Cohort, learners: Iterable[Learner]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_COLUMNS)
    for learner in sorted(learners, key=lambda x: x.id):
        writer.writerow([learner.id, learner.full_name, learner.email, learner.group])
    atomic_write_text(cohort.state_dir / _ROSTER_FILE, buffer.getvalue())


def read_roster(*, cohort: Cohort | None = None) -> list[Learner]:
    """The enrolled learners: gradebook students, with groups from the last import."""
    cohort = cohort or open_cohort()
    details: dict[str, Learner] = {}
    path = cohort.state_dir / _ROSTER_FILE
    if path.is_file():
        details = {
            learner.id: learner
            for learner in parse_roster(path.read_text(encoding="utf-8"), where=str(path))
        }
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
    learners = parse_roster(_read_text(path), where=str(path))
    cohort = cohort or open_cohort()
    from nbgrader.api import Student
    from sqlalchemy.exc import SQLAlchemyError

    details = cohort.state_dir / _ROSTER_FILE
    previous: dict[str, Learner] = {}
    if details.is_file():
        previous = {
            x.id: x for x in parse_roster(details.read_text(encoding="utf-8"), where=str(details))
        }
    added, updated, unchanged = [], [], []
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
                elif any(getattr(student, k) != v for k, v in fields.items()) or (
                    learner.id in previous and previous[learner.id].group != learner.group
                ):
                    for key, value in fields.items():
                        setattr(student, key, value)
                    updated.append(learner.id)
                else:
                    unchanged.append(learner.id)
            session.commit()
        except SQLAlchemyError as exc:
            session.rollback()
            raise RosterError(
                f"{path}: the gradebook refused the roster, nothing imported: {exc}"
            ) from exc
    previous.update({x.id: x for x in learners})
    _write_details(cohort, previous.values())
    return RosterResult(
        learners=tuple(learners),
        added=tuple(added),
        updated=tuple(updated),
        unchanged=tuple(unchanged),
    )
