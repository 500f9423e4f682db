"""hocso's nbgrader pipelines are stock nbgrader's with known steps swapped; defaults live once."""

from __future__ import annotations

import copy

from nbconvert.preprocessors import ClearMetadataPreprocessor

from grading.executor.preprocessor import (
    AUTOGRADE_PREPROCESSORS,
    SANITIZE_PREPROCESSORS,
    FastCheckCellMetadata,
    Handoff,
    SandboxedExecute,
)


def _stock(name: str) -> list:
    from nbgrader.converters import Autograde

    return getattr(Autograde, name).make_dynamic_default()


def test_autograde_pipeline_is_stock_with_execute_and_metadata_check_swapped():
    """If nbgrader changes its autograde steps, this fails instead of hocso silently diverging."""
    from nbgrader.preprocessors import CheckCellMetadata, Execute

    swapped = {Execute: SandboxedExecute, CheckCellMetadata: FastCheckCellMetadata}
    assert [swapped.get(s, s) for s in _stock("autograde_preprocessors")] == (
        AUTOGRADE_PREPROCESSORS
    )
    assert ClearMetadataPreprocessor in AUTOGRADE_PREPROCESSORS


def test_sanitize_pipeline_is_stock_with_overwrite_and_metadata_check_swapped():
    from nbgrader.preprocessors import CheckCellMetadata, OverwriteCells

    from grading.core.steps import QuietOverwriteCells
    from grading.executor.preprocessor import sanitize_steps

    swapped = {OverwriteCells: QuietOverwriteCells, CheckCellMetadata: FastCheckCellMetadata}
    from grading.executor._gradebook import TrustGradebookMetadata

    stock = [swapped.get(s, s) for s in _stock("sanitize_preprocessors")]
    # hocso adds one step first: the cells' nbgrader metadata as the gradebook recorded it
    assert [TrustGradebookMetadata, *stock] == SANITIZE_PREPROCESSORS
    for ours, theirs in swapped.items():
        assert issubclass(theirs, ours)
    # one list: hocso's sanitising steps are the ones the course config gives plain nbgrader
    assert sanitize_steps() == SANITIZE_PREPROCESSORS


def test_the_course_config_selects_both_pipelines(cohort):
    loaded = cohort.course.config()
    assert list(loaded.Autograde.autograde_preprocessors) == AUTOGRADE_PREPROCESSORS
    assert list(loaded.Autograde.sanitize_preprocessors) == SANITIZE_PREPROCESSORS
    assert list(cohort.config().Autograde.sanitize_preprocessors) == SANITIZE_PREPROCESSORS


def test_cell_timeout_default_is_nbgraders():
    from nbgrader.preprocessors import Execute

    from grading.classroom.cohort import DEFAULT_TIMEOUT
    from grading.executor import Limits

    assert Limits().cell_timeout == Execute.timeout.default_value == DEFAULT_TIMEOUT


def test_sandboxed_execute_defaults_are_the_limits_defaults():
    from grading.executor import Limits

    options = SandboxedExecute().options()
    assert options.limits == Limits()


def test_sandboxed_execute_takes_the_configured_execute_timeout():
    from traitlets.config import Config

    config = Config()
    config.Execute.timeout = 45
    assert SandboxedExecute(config=config).options().limits.cell_timeout == 45.0
    config.SandboxedExecute.timeout = 7
    assert SandboxedExecute(config=config).options().limits.cell_timeout == 7.0


def test_a_handoff_is_shared_not_copied_through_the_configuration():
    from traitlets.config import Config

    handoff = Handoff()
    assert copy.deepcopy(handoff) is handoff
    config = Config()
    config.SandboxedExecute.handoff = handoff
    assert SandboxedExecute(config=config).handoff is handoff
    assert SandboxedExecute().handoff is None


def test_cli_defaults_are_the_apis():
    from grading.classroom.cohort import open_cohort
    from grading.cli import build_parser
    from grading.verbs.autograde import autograde

    args = build_parser().parse_args(["autograde", "00-lam-quen"])
    assert args.workers == autograde.__kwdefaults__["workers"]
    assert args.parallel == autograde.__kwdefaults__["parallel"]
    assert args.timeout == open_cohort.__kwdefaults__["timeout"]
    assert build_parser().parse_args(["autograde", "x", "--serial"]).parallel is False


def test_workers_default_is_the_cpus(monkeypatch):
    from grading.core import defaults as config

    monkeypatch.setattr(config.os, "cpu_count", lambda: None)
    assert config.default_workers() == 1
    monkeypatch.setattr(config.os, "cpu_count", lambda: 8)
    assert config.default_workers() == 8


def _metadata_cases() -> list[tuple[str, dict]]:
    """(cell type, nbgrader metadata): valid cells and each kind of broken one."""
    good = {"grade": True, "solution": False, "locked": True, "points": 2, "grade_id": "t",
            "schema_version": 3}  # fmt: skip
    answer = {**good, "solution": True, "locked": False, "grade_id": "a"}
    return [
        ("code", good),
        ("markdown", answer),
        ("code", {**good, "points": "2"}),  # points as text
        ("code", {**good, "grade_id": 7}),
        ("code", {**good, "grade_id": ""}),
        ("code", {**good, "locked": "yes"}),
        ("code", {k: v for k, v in good.items() if k != "grade_id"}),
        ("code", {k: v for k, v in good.items() if k != "points"}),
        ("code", {**good, "schema_version": 1}),
        ("code", {**good, "schema_version": 9}),
        ("code", {**good, "extra": 1}),
        ("markdown", good),  # a markdown grade cell must be a solution cell too
        ("code", {**good, "task": True}),  # task cells are markdown
    ]


def test_the_compiled_metadata_check_agrees_with_stock_nbgrader_every_time():
    """Same verdict as nbgrader's own CheckCellMetadata, for valid and broken metadata,
    asked twice (the second answer comes from the cache of verdicts)."""
    import nbformat
    from nbgrader.preprocessors import CheckCellMetadata

    def verdict(step, case):
        kind, metadata = case
        new = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        nb = nbformat.v4.new_notebook(cells=[new("x = 1")])
        nb.cells[0].metadata["nbgrader"] = copy.deepcopy(metadata)
        try:
            step.preprocess(nb, {})
        except Exception as error:  # whatever stock raises
            return type(error).__name__
        return "accepted"

    stock, fast = CheckCellMetadata(), FastCheckCellMetadata()
    expected = [verdict(stock, m) for m in _metadata_cases()]
    assert {"accepted", "ValidationError", "SchemaTooOldError"} <= set(expected), expected
    for _ in range(2):
        assert [verdict(fast, m) for m in _metadata_cases()] == expected
