"""``hocso feedback``: feedback HTML for each graded learner, checked, then returned.

Per learner, so one problem never blocks the others:

1. a submission whose written answers still wait for manual grading is held
   back (``include_pending=True`` returns it anyway, with the score so far);
2. nbgrader's ``GenerateFeedback`` renders it, with hidden tests removed from
   the cells and from the tracebacks that would quote them
   (:class:`grading.core.steps.HideHiddenTests`, nbgrader issue 917);
3. the HTML is scanned for any hidden-test line of the assignment; if one is
   found the file is deleted and never returned (:class:`FeedbackLeakError`);
4. it is returned through the exchange, where the learner's *Assignments* tab
   fetches it. A submission that did not come through the exchange (no
   ``timestamp.txt`` / ``submission_secret.txt``, e.g. copied from a USB stick)
   cannot be returned there: stock ``release_feedback`` would crash on it and
   stop the learners after it, so it is skipped with the file to hand over.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grading.classroom.cohort import Cohort, open_cohort
from grading.classroom.database import redact_url
from grading.core.errors import CohortError
from grading.core.leaks import MARKERS
from grading.core.messages import say
from grading.core.nbgrader_env import quiet_nbgrader
from grading.core.progressbar import progress

__all__ = ["FeedbackResult", "FeedbackRow", "feedback", "hidden_text_in"]

_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class FeedbackRow:
    """One learner's feedback."""

    learner: str
    status: str  # "released", "generated" (not returned), "waiting" or "failed"
    files: tuple[Path, ...] = ()
    reason: str = ""
    leak: bool = False


@dataclass(frozen=True)
class FeedbackResult:
    assignment: str
    rows: tuple[FeedbackRow, ...]

    @property
    def failed(self) -> tuple[FeedbackRow, ...]:
        return tuple(r for r in self.rows if r.status == "failed")

    @property
    def leaks(self) -> tuple[FeedbackRow, ...]:
        return tuple(r for r in self.rows if r.leak)


def _secrets(cohort: Cohort, assignment: str) -> dict[str, set[str]]:
    """Hidden-test lines of each notebook that nothing public contains.

    The gradebook stores each locked cell with its hidden tests; what learners
    legitimately see is that text with the hidden regions removed (a hidden line
    such as ``aov_dep,`` is also part of a public check, so it proves nothing).
    """
    from grading.core.steps import hidden_lines, strip_hidden

    result = {}
    with cohort.gradebook() as gradebook:
        for nb in gradebook.find_assignment(assignment).notebooks:
            sources = [c.source for c in nb.source_cells]
            public = "\n".join(strip_hidden(src) for src in sources)
            result[nb.name] = {
                line for src in sources for line in hidden_lines(src) if line not in public
            }
    return result


_BASE64 = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")
_HEX = re.compile(r"(?:[0-9a-fA-F]{2}[\s:]?){8,}")
_MAX_DECODED = 8 << 20


def _decoded_views(text: str) -> list[str]:
    """``text`` and what it may hide: reversed, and every base64 / hex run decoded.

    Examples
    --------
    >>> import base64
    >>> views = _decoded_views("x " + base64.b64encode(b"expect.integer(x, 42)").decode())
    >>> any("expect.integer(x, 42)" in v for v in views)
    True
    """
    import base64
    import binascii

    views = [text, text[::-1]]
    budget = _MAX_DECODED
    for match in _BASE64.finditer(text):
        run = match.group(0)
        if budget <= 0:
            break
        budget -= len(run)
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                data = decode(run + "=" * (-len(run) % 4))
            except (binascii.Error, ValueError):
                continue
            decoded = data.decode("utf-8", "ignore")
            views += [decoded, decoded[::-1]]
    for match in _HEX.finditer(text):
        digits = re.sub(r"[\s:]", "", match.group(0))
        try:
            decoded = bytes.fromhex(digits[: len(digits) // 2 * 2]).decode("utf-8", "ignore")
        except ValueError:
            continue
        views += [decoded, decoded[::-1]]
    return views


def hidden_text_in(page: str, secrets: Iterable[str], allowed: str = "") -> list[str]:
    """Hidden-test lines (or region markers) found in the text of an HTML page.

    Tags are dropped first (syntax highlighting splits code into many
    ``<span>``) and entities unescaped. Text hidden in outputs the way a
    learner's code could print it (base64, hex, reversed) is decoded and
    searched too. Lines that occur in ``allowed`` (what the learner wrote
    themselves) do not count.

    Examples
    --------
    >>> page = '<pre><span class="n">expect</span><span class="o">.</span>integer(x, 42)</pre>'
    >>> hidden_text_in(page, {"expect.integer(x, 42)"})
    ['expect.integer(x, 42)']
    >>> hidden_text_in("<p>✅ Chính xác!</p>", {"expect.integer(x, 42)"})
    []
    >>> hidden_text_in("<pre>)24 ,x(regetni.tcepxe</pre>", {"expect.integer(x, 42)"})
    ['expect.integer(x, 42)']
    """
    text = html.unescape(_TAG.sub("", page))
    views = _decoded_views(text)
    found = [
        line
        for line in sorted(secrets)
        if line not in allowed and any(line in view for view in views)
    ]
    found += [m for m in MARKERS["hidden test"] if m not in allowed and any(m in v for v in views)]
    return found


def _learner_text(cohort: Cohort, assignment: str, learner: str) -> str:
    import json

    from grading.core.cells import is_locked, source

    parts = []
    for path in cohort.folder("submitted", learner, assignment).glob("*.ipynb"):
        try:
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            continue
        for cell in cells:
            if is_locked(cell):
                continue  # locked cells are ours, whatever the learner did to them
            parts.append(source(cell))
    return "\n".join(parts)


def _release(api: Any, assignment: str, learner: str) -> dict:
    """``NbGraderAPI.release_feedback`` for one learner, without its typo.

    nbgrader 0.9.6 passes ``authentictor=`` to the exchange, which traitlets
    reports with a DeprecationWarning (and ignores, so the authenticator is lost).
    """
    from nbgrader.utils import capture_log, temp_attrs

    with quiet_nbgrader(), temp_attrs(api.coursedir, assignment_id=assignment, student_id=learner):
        app = api.exchange.ReleaseFeedback(
            coursedir=api.coursedir, authenticator=api.authenticator, parent=api
        )
        return capture_log(app)


def _one(
    cohort: Cohort,
    api: object,
    assignment: str,
    learner: str,
    secrets: dict[str, set[str]],
    *,
    include_pending: bool,
    release: bool,
) -> FeedbackRow:
    from nbgrader.api import MissingEntry

    with cohort.gradebook() as gradebook:
        try:
            submission = gradebook.find_submission(assignment, learner)
        except MissingEntry:
            return FeedbackRow(learner, "failed", reason="not autograded yet")
        pending = bool(submission.needs_manual_grade)
    if pending and not include_pending:
        return FeedbackRow(
            learner, "waiting", reason="written answers wait for manual grading (Formgrader)"
        )
    # markdown and outputs rendered without active HTML (nbconvert's bleach step)
    api.config.HTMLExporter.sanitize_html = True  # type: ignore[attr-defined]
    with quiet_nbgrader():
        outcome = api.generate_feedback(assignment, learner, force=True)  # type: ignore[attr-defined]
    folder = cohort.folder("feedback", learner, assignment)
    files = tuple(sorted(folder.glob("*.html")))
    if not outcome.get("success") or not files:
        tail = ((outcome.get("log") or "") + (outcome.get("error") or "")).strip().splitlines()
        return FeedbackRow(learner, "failed", reason=tail[-1] if tail else "nbgrader failed")
    own = _learner_text(cohort, assignment, learner)
    for page in files:
        found = hidden_text_in(page.read_text(encoding="utf-8"), secrets.get(page.stem, set()), own)
        if found:
            for path in files:
                path.unlink()
            return FeedbackRow(
                learner,
                "failed",
                reason=f"withheld: {page.name} showed hidden-test text {found[0]!r}",
                leak=True,
            )
    if not release:
        return FeedbackRow(learner, "generated", files)
    missing = [n for n in ("timestamp.txt", "submission_secret.txt") if not (folder / n).is_file()]
    if missing:
        return FeedbackRow(
            learner,
            "generated",
            files,
            reason=f"not submitted through the exchange (no {' / '.join(missing)}): "
            f"hand over {files[0]}",
        )
    outcome = _release(api, assignment, learner)
    if not outcome.get("success"):
        tail = ((outcome.get("log") or "") + (outcome.get("error") or "")).strip().splitlines()
        return FeedbackRow(learner, "failed", files, reason=tail[-1] if tail else "release failed")
    return FeedbackRow(learner, "released", files)


def feedback(
    assignment: str,
    *,
    cohort: Cohort | None = None,
    learners: Iterable[str] | None = None,
    include_pending: bool = False,
    release: bool = True,
) -> FeedbackResult:
    """Generate, check and return feedback for the graded submissions of ``assignment``.

    Raises
    ------
    CohortError
        If the assignment is not in the gradebook.
    """
    cohort = cohort or open_cohort()
    from nbgrader.api import MissingEntry

    try:
        secrets = _secrets(cohort, assignment)
    except MissingEntry:
        raise CohortError(
            say(
                "hocso.error.feedback_not_in_gradebook",
                assignment=assignment,
                gradebook=redact_url(cohort.db_url),
            )
        ) from None
    wanted = (
        sorted(set(learners))
        if learners is not None
        else cohort.learners_in("autograded", assignment)
    )
    api = cohort.api()
    rows = []
    for learner in progress(wanted, desc=f"feedback {assignment}", total=len(wanted)):
        try:
            row = _one(
                cohort,
                api,
                assignment,
                learner,
                secrets,
                include_pending=include_pending,
                release=release,
            )
        except Exception as exc:  # one learner's problem never blocks the others
            row = FeedbackRow(learner, "failed", reason=f"{type(exc).__name__}: {exc}")
        rows.append(row)
    return FeedbackResult(assignment, tuple(rows))
