"""``hocso certificates`` and ``hocso verify``: PDF certificates with a verification code.

A learner earns a certificate by the course's completion rule
(:class:`CompletionRule`): every assignment submitted (by default) and at least
``min_overall`` of the course's points, or, with ``per_skill`` set, at least
that share in every skill area. The PDF shows the full name (Unicode NFC,
rendered with the DejaVu Sans font that matplotlib ships, which covers every
Vietnamese letter and is embedded in the file), the course, the date, the
skills mastered and a verification code.

The code is ``HS-<YYYYMMDD>-<learner id>-<16 base32 letters>``: the letters
are an HMAC-SHA256 over the certificate's fields (course, learner, full name,
date, percentage, skills) with a per-course secret kept in
``<course>/.hocso/certificate-secret`` (created on first use, readable only by
its owner; whoever has it can issue certificates). :func:`verify` recomputes
the fields from the gradebook and compares: a code whose letters, date or
learner were changed, or a learner whose grades no longer give the same
certificate, does not verify.

Examples
--------
>>> fields = CertificateFields("kinh-doanh-so", "Kinh doanh số", "an", "Nguyễn Văn An",
...                            "2026-03-10", 86, ("marketing",))
>>> code = certificate_code(fields, b"secret")
>>> code[:15], len(code)
('HS-20260310-an-', 31)
>>> parse_code(code)[:2]
('2026-03-10', 'an')
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import math
import re
import unicodedata
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from grading.core.errors import CertificateError, VerificationFailed
from grading.core.messages import say
from grading.core.safety import atomic_write_bytes

if TYPE_CHECKING:  # pragma: no cover
    from grading.classroom.cohort import Cohort
    from grading.progress.analytics import Progress, Thresholds

__all__ = [
    "CertificateError",
    "CertificateFields",
    "CertificateResult",
    "CompletionRule",
    "Verification",
    "VerificationFailed",
    "certificate_code",
    "certificates",
    "eligible",
    "parse_code",
    "render_pdf",
    "verify",
]

SECRET_FILE = "certificate-secret"
_CODE = re.compile(r"^HS-(\d{8})-([a-z0-9][a-z0-9_-]{0,63})-([A-Z2-7]{16})$")


@dataclass(frozen=True)
class CompletionRule:
    """Who earns a certificate.

    ``min_overall``: share of the points of the assignments released to the
    class (unsubmitted released work counts 0; work never released is not counted).
    ``per_skill``: when set, every skill area needs this share instead.
    """

    min_overall: float = 0.7
    per_skill: float | None = None
    require_all_submitted: bool = True

    def describe(self) -> str:
        """The rule in Vietnamese, for the trainer's summary."""
        from grading.progress.report import percent

        parts = ["nộp đủ mọi bài đã phát"] if self.require_all_submitted else []
        if self.per_skill is None:
            parts.append(f"đạt từ {percent(self.min_overall)} số điểm các bài đã phát")
        else:
            parts.append(f"đạt từ {percent(self.per_skill)} điểm ở mỗi kỹ năng")
        return " và ".join(parts)


@dataclass(frozen=True)
class CertificateFields:
    """What a certificate states; the verification code signs exactly these."""

    course_id: str
    course_title: str
    learner: str
    full_name: str
    issued: str  # YYYY-MM-DD
    percent: int
    skills: tuple[str, ...]
    assignments: tuple[str, ...] = ()  #: the released assignments the certificate covers

    def canonical(self) -> bytes:
        data = asdict(self)
        data["skills"] = list(self.skills)
        if self.assignments:
            data["assignments"] = list(self.assignments)
        else:  # certificates of courses counted whole, before releases were recorded
            del data["assignments"]
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return unicodedata.normalize("NFC", text).encode("utf-8")


@dataclass(frozen=True)
class Verification:
    """The outcome of :func:`verify`: ``fields`` as the gradebook has them now."""

    valid: bool
    reason: str
    fields: CertificateFields | None = None


@dataclass(frozen=True)
class CertificateResult:
    """Certificates written, and who did not meet the rule."""

    issued: tuple[tuple[CertificateFields, str, Path], ...]  # fields, code, pdf
    not_eligible: tuple[tuple[str, str], ...]  # learner, why
    rule: CompletionRule


def certificate_code(fields: CertificateFields, secret: bytes) -> str:
    """``HS-<date>-<learner>-<MAC>`` for ``fields`` under ``secret``."""
    digest = hmac.new(secret, fields.canonical(), hashlib.sha256).digest()
    mac = base64.b32encode(digest[:10]).decode("ascii")
    return f"HS-{fields.issued.replace('-', '')}-{fields.learner}-{mac}"


def parse_code(code: str) -> tuple[str, str, str]:
    """``(issued YYYY-MM-DD, learner, mac)`` of a code, or ``ValueError``.

    Examples
    --------
    >>> parse_code("hs-20260310-an-abcdefghijklmnop")
    ('2026-03-10', 'an', 'ABCDEFGHIJKLMNOP')
    >>> parse_code("HS-2026-an-X")
    Traceback (most recent call last):
    ...
    ValueError: not a certificate code: expected HS-YYYYMMDD-<learner id>-<16 letters>
    """
    text = code.strip()
    if len(text) > 100:
        raise ValueError("not a certificate code: too long")
    head, _, mac = text.rpartition("-")
    prefix, _, rest = head.partition("-")
    match = _CODE.match(f"{prefix.upper()}-{rest.lower()}-{mac.upper()}")
    if not match:
        raise ValueError("not a certificate code: expected HS-YYYYMMDD-<learner id>-<16 letters>")
    day = match.group(1)
    try:
        issued = dt.date(int(day[:4]), int(day[4:6]), int(day[6:])).isoformat()
    except ValueError:
        raise ValueError(f"not a certificate code: {day} is not a date") from None
    return issued, match.group(2), match.group(3)


def course_secret(root: Path, *, create: bool = True) -> bytes:
    """The course's signing secret (``<course>/.hocso/certificate-secret``), made once.

    Raises
    ------
    CertificateError
        If it is missing (and ``create`` is False) or unreadable.
    """
    from grading.core.safety import secret_file

    path = Path(root) / ".hocso" / SECRET_FILE
    try:
        text = secret_file(path, create=create)
        if text is None:
            raise FileNotFoundError(f"{path} does not exist")
        secret = bytes.fromhex(text)
    except (OSError, ValueError) as exc:
        raise CertificateError(
            say("hocso.error.certificate_secret_unreadable", path=path, detail=exc)
        ) from exc
    if len(secret) < 16:
        raise CertificateError(say("hocso.error.certificate_secret_short", path=path))
    return secret


def eligible(progress: Progress, rule: CompletionRule) -> dict[str, str]:
    """Learner id -> ``""`` when they meet ``rule``, else why not (Vietnamese)."""
    from grading.progress.report import percent

    skills = progress.skills
    out = {}
    for row in progress.learners.itertuples(index=False):
        why = []
        if rule.require_all_submitted and row.submitted < row.assignments:
            why.append(f"mới nộp {row.submitted}/{row.assignments} bài đã phát")
        if rule.per_skill is None:
            share = 0.0 if row.share != row.share else float(row.share)
            if share < rule.min_overall:
                why.append(
                    f"đạt {percent(share)} số điểm các bài đã phát, cần {percent(rule.min_overall)}"
                )
        else:
            mine = skills[skills["learner"] == row.learner]
            low = mine[mine["share"].fillna(0.0) < rule.per_skill]["skill"].tolist()
            if low:
                why.append(f"chưa đạt {percent(rule.per_skill)} ở: {', '.join(low)}")
        out[row.learner] = "; ".join(why)
    return out


def _fields(progress: Progress, learner: str, issued: str, title: str) -> CertificateFields:
    from grading.progress.analytics import skill_order

    row = progress.learners[progress.learners["learner"] == learner].iloc[0]
    skills = progress.skills
    mastered = skills[(skills["learner"] == learner) & skills["mastered"]]["skill"]
    share = 0.0 if row["share"] != row["share"] else float(row["share"])
    return CertificateFields(
        course_id=progress.course_id,
        course_title=title,
        learner=learner,
        full_name=unicodedata.normalize("NFC", str(row["full_name"]) or learner),
        issued=issued,
        percent=math.floor(share * 100 + 0.5),
        skills=tuple(s for s in skill_order(progress.questions) if s in set(mastered)),
        assignments=progress.released,
    )


#: How an employer checks a certificate: no address, no command (Vietnamese).
VERIFY_LINE = (
    "Để xác minh giấy chứng nhận này, hãy gửi mã xác minh cho đơn vị tổ chức lớp học "
    "(Đoàn Thanh niên hoặc Bưu điện nơi cấp)."
)


def assignment_names(assignments: tuple[str, ...]) -> str:
    """The assignments a certificate covers, as a trainer names them.

    Examples
    --------
    >>> assignment_names(("02-marketing", "04-livestream"))
    'Bài 2 (marketing), Bài 4 (livestream)'
    """
    from grading.progress.analytics import skill_of

    parts = []
    for name in assignments:
        head = name.partition("-")[0]
        number = str(int(head)) if head.isdigit() else name
        parts.append(f"Bài {number} ({skill_of(name)})")
    return ", ".join(parts)


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def render_pdf(fields: CertificateFields, code: str) -> bytes:
    """One A4 landscape certificate, DejaVu Sans embedded (full Vietnamese coverage)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_creation_date(dt.datetime.fromisoformat(fields.issued).replace(tzinfo=dt.timezone.utc))
    pdf.set_title(f"Chứng nhận — {fields.full_name}")
    pdf.set_author("Học Số")
    pdf.set_auto_page_break(False)
    fonts = _font_dir()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    width = pdf.w
    pdf.set_draw_color(31, 111, 235)
    pdf.set_line_width(1.5)
    pdf.rect(10, 10, width - 20, pdf.h - 20)
    pdf.set_line_width(0.4)
    pdf.rect(14, 14, width - 28, pdf.h - 28)

    def line(text: str, size: float, y: float, style: str = "", color=(31, 35, 40)) -> None:
        pdf.set_font("DejaVu", style, size)
        while pdf.get_string_width(text) > width - 50 and size > 10:
            size -= 1
            pdf.set_font("DejaVu", style, size)
        pdf.set_text_color(*color)
        pdf.set_xy(25, y)
        pdf.cell(width - 50, size * 0.5, text, align="C")

    line("HỌC SỐ", 14, 26, "B", (31, 111, 235))
    line("GIẤY CHỨNG NHẬN HOÀN THÀNH KHÓA HỌC", 24, 40, "B")
    line("Chứng nhận học viên", 14, 62)
    line(fields.full_name, 32, 74, "B", (26, 127, 55))
    line(f"đã hoàn thành khóa học «{fields.course_title}»", 16, 96)
    covered = assignment_names(fields.assignments)
    if covered:
        line(f"gồm {len(fields.assignments)} bài: {covered}", 12, 106)
        line(f"với kết quả {fields.percent} % số điểm của các bài này.", 14, 116)
    else:
        line(f"với kết quả {fields.percent} % tổng số điểm.", 14, 112)
    skills = ", ".join(fields.skills) if fields.skills else "—"
    line(f"Kỹ năng thành thạo: {skills}", 14, 128)
    day = dt.date.fromisoformat(fields.issued)
    line(f"Ngày cấp: {day.day:02d}/{day.month:02d}/{day.year}", 13, 146)
    line(f"Mã xác minh: {code}", 12, 164, "B")
    line(VERIFY_LINE, 10, 174, "", (87, 96, 106))
    return bytes(pdf.output())


def _progress(cohort: Cohort, thresholds: Thresholds | None) -> Progress:
    from grading.progress.gradebook import build_progress

    return build_progress(cohort, thresholds)


def certificates(
    out: str | Path,
    *,
    cohort: Cohort | None = None,
    rule: CompletionRule | None = None,
    issued: dt.date | None = None,
    learners: list[str] | None = None,
    thresholds: Thresholds | None = None,
) -> CertificateResult:
    """Write ``<out>/<learner>.pdf`` for every learner who meets ``rule``."""
    from grading.classroom.cohort import open_cohort
    from grading.progress.report import course_title

    cohort = cohort or open_cohort()
    rule = rule or CompletionRule()
    day = (issued or dt.date.today()).isoformat()
    progress = _progress(cohort, thresholds)
    secret = course_secret(cohort.root)
    title = course_title(cohort.root)
    status = eligible(progress, rule)
    out = Path(out)
    done, refused = [], []
    for learner, why in sorted(status.items()):
        if learners is not None and learner not in learners:
            continue
        if why:
            refused.append((learner, why))
            continue
        try:  # one learner's certificate never stops the others'
            fields = _fields(progress, learner, day, title)
            code = certificate_code(fields, secret)
            path = out / f"{learner}.pdf"
            atomic_write_bytes(path, render_pdf(fields, code))
        except Exception as exc:
            refused.append((learner, f"không tạo được tệp PDF: {type(exc).__name__}: {exc}"))
            continue
        done.append((fields, code, path))
    return CertificateResult(tuple(done), tuple(refused), rule)


def verify(
    code: str,
    *,
    cohort: Cohort | None = None,
    thresholds: Thresholds | None = None,
) -> Verification:
    """Check a certificate code against the gradebook (never raises for a bad code).

    Valid when the gradebook today gives the same certificate fields for that
    learner and date (name, percentage, skills) under the course's secret.

    Raises
    ------
    CertificateError
        If the course has no certificate secret.
    """
    from grading.classroom.cohort import open_cohort
    from grading.progress.report import course_title

    try:
        issued, learner, mac = parse_code(code)
    except ValueError as exc:
        return Verification(False, str(exc))
    cohort = cohort or open_cohort()
    secret = course_secret(cohort.root, create=False)
    progress = _progress(cohort, thresholds)
    if learner not in set(progress.learners["learner"]):
        return Verification(False, f"no learner {learner!r} in the gradebook of {cohort.course_id}")
    fields = _fields(progress, learner, issued, course_title(cohort.root))
    expected = certificate_code(fields, secret).rsplit("-", 1)[1]
    # a certificate issued before released assignments were named on it signed no list
    legacy = certificate_code(replace(fields, assignments=()), secret).rsplit("-", 1)[1]
    if hmac.compare_digest(legacy, mac):
        return Verification(True, "valid", replace(fields, assignments=()))
    if not hmac.compare_digest(expected, mac):
        return Verification(
            False,
            "the code does not match the gradebook: it was altered, or the learner's name "
            "or grades changed since it was issued",
            fields,
        )
    return Verification(True, "valid", fields)
