"""Cohort settings: one place, a clear order, and nbgrader's configuration traps handled."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from grading.classroom.cohort import default_exchange_root, learner_config_text, open_cohort
from grading.cli import main
from grading.core.errors import CohortError
from grading.verbs.release import write_learner_config

POSTGRES = "postgresql+psycopg2://giang-vien:mat-khau@csdl.tinh.vn:5432/hocso_lao_cai"


def _append(course: Path, text: str) -> None:
    path = course / "nbgrader_config.py"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


def test_exchange_order_argument_env_config_default(course_copy, tmp_path, monkeypatch):
    monkeypatch.delenv("HOCSO_EXCHANGE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert open_cohort(course_copy).exchange_root == tmp_path / "data" / "hocso" / "exchange"
    assert default_exchange_root() == tmp_path / "data" / "hocso" / "exchange"
    _append(course_copy, f"c.Exchange.root = {str(tmp_path / 'from-config')!r}")
    assert open_cohort(course_copy).exchange_root == tmp_path / "from-config"
    monkeypatch.setenv("HOCSO_EXCHANGE", str(tmp_path / "from-env"))
    assert open_cohort(course_copy).exchange_root == tmp_path / "from-env"
    explicit = open_cohort(course_copy, exchange=tmp_path / "from-arg")
    assert explicit.exchange_root == tmp_path / "from-arg"
    assert explicit.config().Exchange.root == str(tmp_path / "from-arg")


def test_default_gradebook_is_sqlite_in_the_course(cohort):
    assert cohort.db_url == f"sqlite:///{cohort.root / 'gradebook.db'}"


def test_postgresql_url_is_passed_to_nbgrader_unchanged(course_copy, tmp_path, monkeypatch):
    monkeypatch.delenv("HOCSO_DB_URL", raising=False)
    from nbgrader.coursedir import CourseDirectory

    cohort = open_cohort(course_copy, exchange=tmp_path / "ex", db_url=POSTGRES)
    assert cohort.db_url == POSTGRES
    assert CourseDirectory(config=cohort.config()).db_url == POSTGRES
    assert cohort.api().coursedir.db_url == POSTGRES  # no connection is made to build the API

    _append(course_copy, f"c.CourseDirectory.db_url = {POSTGRES!r}")
    assert open_cohort(course_copy, exchange=tmp_path / "ex").db_url == POSTGRES
    monkeypatch.setenv("HOCSO_DB_URL", "sqlite:////tmp/khac.db")
    assert open_cohort(course_copy, exchange=tmp_path / "ex").db_url == "sqlite:////tmp/khac.db"


def test_unreachable_gradebook_is_a_typed_error(course_copy, tmp_path, capsys):
    args = ["--course", str(course_copy), "--exchange", str(tmp_path / "ex"), "--db-url", POSTGRES]
    assert main([*args, "status"]) == CohortError.exit_code == 11
    err = capsys.readouterr().err
    from grading.classroom.database import redact_url

    assert redact_url(POSTGRES) in err  # names the database…
    assert "mat-khau" not in err  # …never its password


def test_timeout_set_on_execute_is_what_nbgrader_uses(cohort):
    from nbgrader.preprocessors import Execute

    assert cohort.timeout == 60  # courses/kinh-doanh-so/nbgrader_config.py
    assert Execute(config=cohort.config()).timeout == 60
    assert open_cohort(cohort.course, timeout=5).timeout == 5


def test_timeout_set_only_on_execute_preprocessor_is_used(course_copy):
    from nbgrader.preprocessors import Execute

    path = course_copy / "nbgrader_config.py"
    text = path.read_text(encoding="utf-8").replace("c.Execute.timeout = 60", "")
    path.write_text(text + "\nc.ExecutePreprocessor.timeout = 7\n", encoding="utf-8")
    cohort = open_cohort(course_copy)
    assert cohort.timeout == 7
    assert Execute(config=cohort.config()).timeout == 7


def test_stock_nbgrader_silently_prefers_execute_timeout():
    """The trap: with both set, Execute (a subclass) wins and nothing says so."""
    from nbgrader.preprocessors import Execute
    from traitlets.config import Config

    config = Config()
    config.Execute.timeout = 60
    config.ExecutePreprocessor.timeout = 120
    assert Execute(config=config).timeout == 60


def test_contradicting_timeouts_are_refused(course_copy, tmp_path, capsys):
    _append(course_copy, "c.ExecutePreprocessor.timeout = 120")
    with pytest.raises(CohortError, match=r"Hãy xoá dòng ExecutePreprocessor\.timeout"):
        open_cohort(course_copy)
    args = ["--course", str(course_copy), "--exchange", str(tmp_path / "ex")]
    assert main([*args, "status"]) == 11
    assert "nbgrader_config.py đặt ExecutePreprocessor.timeout = 120" in capsys.readouterr().err


def test_hocso_steps_are_stock_nbgrader_with_known_steps_swapped():
    """If nbgrader changes its pipelines, this fails instead of hocso silently diverging."""
    from nbgrader.converters import Autograde, GenerateFeedback
    from nbgrader.preprocessors import CheckCellMetadata, GetGrades, OverwriteCells

    from grading.core.steps import HideHiddenTests, QuietOverwriteCells, feedback_steps
    from grading.executor._gradebook import TrustGradebookMetadata
    from grading.executor.preprocessor import FastCheckCellMetadata, sanitize_steps

    swapped = {OverwriteCells: QuietOverwriteCells, CheckCellMetadata: FastCheckCellMetadata}
    stock = Autograde.sanitize_preprocessors.make_dynamic_default()
    assert [TrustGradebookMetadata, *(swapped.get(s, s) for s in stock)] == sanitize_steps()
    assert issubclass(FastCheckCellMetadata, CheckCellMetadata)
    stock = GenerateFeedback.preprocessors.make_dynamic_default()
    expected = [
        *stock[: stock.index(GetGrades) + 1],
        HideHiddenTests,
        *stock[stock.index(GetGrades) + 1 :],
    ]
    assert feedback_steps() == expected


def test_learner_config_points_a_jupyterlab_at_the_exchange(cohort, tmp_path):
    text = learner_config_text(cohort, "mai-nguyen")
    assert "c.CourseDirectory.course_id = 'kinh-doanh-so'" in text
    assert f"c.Exchange.root = {str(cohort.exchange_root)!r}" in text
    assert "c.CourseDirectory.student_id = 'mai-nguyen'" in text
    folder = tmp_path / "may-hoc-vien"
    folder.mkdir()
    written = write_learner_config(cohort, folder)
    assert written.read_text(encoding="utf-8") == learner_config_text(cohort)
    assert write_learner_config(cohort, folder) == written  # ours: may be rewritten
    written.write_text("c = get_config()\nc.Exchange.root = '/khac'\n", encoding="utf-8")
    with pytest.raises(CohortError, match="không do hocso viết"):
        write_learner_config(cohort, folder)
    assert "/khac" in written.read_text(encoding="utf-8")


def test_optional_rfc3987_grammar_is_not_imported():
    """jsonschema's optional rfc3987_syntax costs seconds per process; hocso skips it."""
    code = (
        "import sys, time\n"
        "from grading.core.nbgrader_env import skip_slow_optional_imports\n"
        "skip_slow_optional_imports()\n"
        "import nbgrader.apps, nbformat\n"
        "assert sys.modules['rfc3987_syntax'] is None\n"
        "nb = nbformat.v4.new_notebook()\n"
        "nbformat.validate(nb)\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
