"""Reference numbers of written questions, computed from the course data at build time.

``hocso build`` calls :func:`build_references` for each assignment: the
source notebook (the trainer's version, solutions and hidden tests in place)
runs once in a Jupyter kernel, in its own folder, and what each reference cell
(``tham-chieu-*``, :func:`grading.core.cells.is_reference`) printed is kept on
the trainer's side (:mod:`grading.core.references`), with the executed copy
beside it. The learner's copy is untouched: its reference cells are scratch
cells (``so_lieu = ...``) and their text never leaves the trainer's folder.

Nothing is typed by hand: the model answers are f-strings over the data, so
a change of the data changes the numbers here at the next build.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grading.core import cells
from grading.core.course import Course
from grading.core.errors import BuildError
from grading.core.messages import say
from grading.core.references import trainer_copy_path, write_references
from grading.core.safety import atomic_write_text

__all__ = ["REFERENCE_TIMEOUT", "References", "build_references", "reference_texts"]

#: Seconds one cell of a source notebook may run while the references are computed.
REFERENCE_TIMEOUT = 300


@dataclass(frozen=True)
class References:
    """The reference texts of one notebook and where they were kept."""

    notebook: str
    path: Path
    trainer_copy: Path
    texts: dict[str, str]  # reference cell id -> what it printed


def reference_texts(nb: Any) -> dict[str, str]:
    """``reference cell id -> printed text`` of an executed notebook (stdout streams only).

    Examples
    --------
    >>> nb = {"cells": [{"cell_type": "code", "source": "print(1)",
    ...     "metadata": {"nbgrader": {"solution": True, "grade_id": "tham-chieu-cau-9"}},
    ...     "outputs": [{"output_type": "stream", "name": "stdout", "text": "SỐ LIỆU 1\\n"},
    ...                 {"output_type": "stream", "name": "stderr", "text": "warning"}]}]}
    >>> reference_texts(nb)
    {'tham-chieu-cau-9': 'SỐ LIỆU 1\\n'}
    """
    texts = {}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and cells.is_reference(cell):
            texts[str(cells.grade_id(cell))] = "".join(
                "".join(out["text"]) if isinstance(out["text"], list) else out["text"]
                for out in cell.get("outputs", [])
                if out.get("output_type") == "stream" and out.get("name") == "stdout"
            )
    return texts


def _execute(path: Path, *, timeout: int) -> Any:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    nb = nbformat.read(str(path), as_version=4)
    kernel = (nb.metadata.get("kernelspec") or {}).get("name", "python3")
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel,
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as exc:
        raise _failed(path, str(exc)[-2000:]) from exc
    # the toolkit's friendly error handler keeps the kernel's reply "ok": read the outputs
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                where = cells.grade_id(cell) or f"cell {index}"
                raise _failed(path, f"{where}: {out.get('ename')}: {out.get('evalue')}")
    return nb


def _failed(path: Path, detail: str) -> BuildError:
    return BuildError(
        f"{path}: the trainer's version failed while computing the reference numbers "
        f"(fix the notebook so it runs top to bottom):\n{detail}"
    )


def build_references(
    course: Course, assignment: str, *, timeout: int = REFERENCE_TIMEOUT
) -> list[References]:
    """Run each source notebook of ``assignment`` that has reference cells; keep their text.

    A notebook without reference cells is not run. Each reference cell must
    print something: an empty reference is a broken one.

    Raises
    ------
    BuildError
        If the source notebook fails to run, or a reference cell prints nothing.
    """
    import nbformat

    kept = []
    for path in course.source_notebooks(assignment):
        source = nbformat.read(str(path), as_version=4)
        if not any(c.cell_type == "code" and cells.is_reference(c) for c in source.cells):
            continue
        executed = _execute(path, timeout=timeout)
        texts = reference_texts(executed)
        empty = sorted(ref for ref, text in texts.items() if not text.strip())
        if empty:
            raise BuildError(say("hocso.error.reference_empty", path=path, refs=empty))
        copy_path = trainer_copy_path(course.root, assignment, path.name)
        atomic_write_text(copy_path, nbformat.writes(executed))
        kept.append(
            References(
                notebook=path.name,
                path=write_references(course.root, assignment, path.name, texts),
                trainer_copy=copy_path,
                texts=texts,
            )
        )
    return kept
