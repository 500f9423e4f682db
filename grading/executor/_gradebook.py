"""The gradebook's record, applied to a submission before it is graded.

What a cell *is* comes from the gradebook, never from the submitted notebook;
:mod:`grading.core.record` decides how a submission differs from that record.
This module holds the autograde steps that act on that judgement:

- :class:`TrustGradebookMetadata`, the first sanitising step of autograde: it
  rewrites the nbgrader metadata of every cell from the gradebook
  (:func:`grading.core.record.apply_record`), drops metadata the gradebook does
  not know, keeps one copy of a duplicated id, makes learner content inert
  (:func:`inert_learner_content`) and reports each change (so later nbgrader
  steps never crash on forged metadata);
- :func:`sanitise`, the same rewriting for one notebook, which the parallel
  executions started ahead (:class:`grading.executor.batch.Prefetch`) apply so
  they execute exactly what nbgrader will.
"""

from __future__ import annotations

from typing import Any

from grading.core.cells import Delimiters
from grading.core.record import (
    Judgement,
    NotebookTruth,
    apply_record,
    judge,
    released_sources,
    truth_for,
)

__all__ = ["MAX_ATTACHMENT_BYTES", "TrustGradebookMetadata", "inert_learner_content", "sanitise"]


def sanitise(
    nb: Any,
    truth: NotebookTruth,
    released: dict[str, str] | None = None,
    delimiters: Delimiters | None = None,
) -> tuple[Judgement, list[str]]:
    """Rewrite ``nb`` from the record and make learner content inert, in place.

    Returns the judgement of the submitted notebook and every change made.
    """
    judgement = judge(nb.cells, truth, released, delimiters or Delimiters())
    apply_record(nb, judgement)
    return judgement, [*judgement.changes, *inert_learner_content(nb, truth)]


#: Bytes of cell attachments (images pasted into markdown) kept per notebook.
MAX_ATTACHMENT_BYTES = 2 << 20
_SAFE_ATTACHMENT = ("image/png", "image/jpeg", "image/gif", "image/webp")
_MARKER_WORDS = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def inert_learner_content(nb: Any, truth: NotebookTruth) -> list[str]:
    """Make what learners wrote inert where trainers and learners will render it.

    In every cell the gradebook does not lock: active HTML in markdown is
    removed (:func:`grading.core.html.sanitize_html`, only when some is found),
    ``javascript:`` links in markdown too, attachments keep inert image types
    within :data:`MAX_ATTACHMENT_BYTES` per notebook, and the hidden-test
    region markers are broken (so nbgrader's feedback step never mistakes a
    learner's comment for a hidden-test region).
    """
    import json
    import re

    from grading.core import html as _html

    changes: list[str] = []
    used = 0
    for index, cell in enumerate(nb.cells):
        meta = cell.get("metadata", {}).get("nbgrader")
        known = truth.get(meta.get("grade_id")) if isinstance(meta, dict) else None
        if known is not None and known.locked:
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        new = source
        for word in _MARKER_WORDS:
            new = new.replace(word, word.replace(" ", "\u2060 ", 1))
        if cell.get("cell_type") == "markdown" and _html.active_html(new):
            new = _html.sanitize_html(new)
            new = re.sub(r"(?i)\]\(\s*(?:javascript|vbscript|data)\s*:[^)]*\)", "](#)", new)
        if new != source:
            cell["source"] = new
            changes.append(f"cell {index}: active HTML or hidden-test markers made inert")
        attachments = cell.get("attachments")
        if isinstance(attachments, dict) and attachments:
            kept = {}
            for name, bundle in attachments.items():
                if not isinstance(bundle, dict):
                    continue
                bundle = {k: v for k, v in bundle.items() if k in _SAFE_ATTACHMENT}
                size = len(json.dumps(bundle))
                if bundle and used + size <= MAX_ATTACHMENT_BYTES:
                    used += size
                    kept[name] = bundle
            if len(kept) != len(attachments):
                changes.append(
                    f"cell {index}: {len(attachments) - len(kept)} attachment(s) dropped"
                )
            cell["attachments"] = kept
    return changes


def _preprocessor_base() -> type:
    from nbgrader.preprocessors import NbGraderPreprocessor

    return NbGraderPreprocessor


class TrustGradebookMetadata(_preprocessor_base()):  # type: ignore[misc]
    """First sanitising step: every cell's nbgrader metadata as the gradebook recorded it.

    The changes are logged (nbgrader's log, hence ``hocso autograde``'s) and
    kept in ``resources["nbgrader"]["metadata_tampering"]``.
    """

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        info = resources["nbgrader"]
        truth = truth_for(
            info["db_url"], info["assignment"], info["notebook"], str(info.get("course_id") or "")
        )
        from grading.core.steps import release_path

        released = released_sources(release_path(self.config, info))
        _, changes = sanitise(nb, truth, released, Delimiters.from_config(self.config))
        for change in changes:
            self.log.warning("%s", change)
        info["metadata_tampering"] = changes
        return nb, resources

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        return cell, resources
