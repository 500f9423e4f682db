"""Malformed session logs given as DataFrames: one Vietnamese ValueError naming the row.

The tiny hand-built log of ``test_metrics_log.py`` is broken in one cell at a
row drawn by a seeded generator; :func:`session_metrics` and
:func:`minute_table` must refuse it naming the row (and the column where the
message is about a column), never a raw pandas or numpy error.
"""

from __future__ import annotations

import io
import zlib

import numpy as np
import pytest

from toolkit import livestream
from toolkit.livestream.log import read_log

from .test_metrics_log import TINY

BREAKS = {
    "time": ("not_time", "missing", "mixed_tz"),
    "price_vnd": ("negative", "text", "money_text"),
    "event": ("unknown",),
}


def _valid():
    frame = read_log(io.StringIO(TINY))
    frame["time"] = frame["time"].dt.strftime("%Y-%m-%d %H:%M:%S")
    return frame


def _break(frame, column: str, kind: str, row: int):
    out = frame.copy()
    out[column] = out[column].astype(object)
    out.iloc[row, out.columns.get_loc(column)] = {
        "not_time": "8 giờ tối",
        "missing": None,
        "mixed_tz": "2026-03-07T13:01:00Z",
        "negative": -166500,
        "text": "miễn phí",
        "money_text": "166.500đ",
        "unknown": "share",
    }[kind]
    return out


@pytest.mark.parametrize("function", [livestream.session_metrics, livestream.minute_table])
@pytest.mark.parametrize(("column", "kind"), [(c, k) for c, ks in BREAKS.items() for k in ks])
def test_malformed_log_cell_is_refused_naming_the_row(function, column, kind):
    valid = _valid()
    function(valid)
    rng = np.random.default_rng(zlib.crc32(f"{function.__name__}/{column}/{kind}".encode()))
    for row in rng.choice(np.arange(1, len(valid)), size=3, replace=False):
        broken = _break(valid, column, kind, int(row))
        with pytest.raises(ValueError, match=rf"dòng {row}\b") as caught:
            function(broken)
        assert "could not" not in str(caught.value)
