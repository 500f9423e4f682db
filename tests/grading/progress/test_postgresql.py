"""The same known answers from a PostgreSQL gradebook, on a local server.

The server is ``grading.classroom.database``'s (initdb/pg_ctl on loopback, a
private socket folder, as the ``postgres`` account when the tests run as root),
stopped afterwards. Skipped when PostgreSQL's server programs or psycopg2 are
missing, except under ``CI=true`` where that fails.
"""

from __future__ import annotations

import pytest

from .._postgres import local_postgres, new_database
from .conftest import NOW, build_cohort

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def postgres_url():
    with local_postgres() as url:
        yield new_database(url, "gradebook")


def test_postgresql_gives_the_same_tables_as_sqlite(postgres_url, tmp_path, progress):
    import pandas as pd

    from grading.progress.analytics import Thresholds
    from grading.progress.gradebook import build_progress

    cohort = build_cohort(tmp_path, db_url=postgres_url)
    assert cohort.db_url.startswith("postgresql+psycopg2://")
    on_pg = build_progress(cohort, Thresholds(min_responses=3), now=NOW)
    for name in ("questions", "learners", "question_stats", "groups", "trend", "at_risk"):
        pd.testing.assert_frame_equal(
            getattr(on_pg, name), getattr(progress, name), check_dtype=False, obj=name
        )
