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
