"""nbgrader gradebooks share one engine per URL inside a batch, and only there."""

from __future__ import annotations

import nbgrader.api as nbgrader_api
from nbgrader.api import Gradebook

from grading.classroom.engines import shared_engines


def test_one_engine_per_url_inside_and_restored_after(tmp_path):
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    original = nbgrader_api.create_engine
    with shared_engines():
        with Gradebook(url) as first:
            first.add_student("an-nguyen", first_name="An")
            engine = first.engine
        with Gradebook(url) as second:  # the engine survives close() and still works
            assert second.engine is engine
            assert [s.id for s in second.students] == ["an-nguyen"]
        with shared_engines():  # re-entrant
            with Gradebook(url) as third:
                assert third.engine is engine
        assert nbgrader_api.create_engine is not original
    assert nbgrader_api.create_engine is original
    with Gradebook(url) as outside, Gradebook(url) as other:
        assert outside.engine is not other.engine
        assert [s.id for s in outside.students] == ["an-nguyen"]
