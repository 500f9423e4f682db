"""The session log format: one CSV row per event of a livestream.

A log is what a seller can export (or copy by hand) after a LIVE: who came
in and left, product clicks, orders and comments, with their time. Our format
(UTF-8 CSV, one header row, written by :func:`write_log`):

==============  ========  ==================================================
column          kind      meaning
==============  ========  ==================================================
``session_id``  text      the session, e.g. ``LIVE-20260307``
``time``        datetime  ``YYYY-MM-DD HH:MM:SS`` (whole seconds)
``view_id``     text      one entry of one person (``L00001``); empty on
                          ``start`` and ``end`` rows
``viewer_id``   text      the person (``N00001``); one person may make
                          several views
``event``       label     ``start``, ``join`` (vào xem), ``click`` (nhấp
                          sản phẩm), ``order`` (đặt hàng), ``comment``
                          (bình luận), ``leave`` (rời phiên), ``end``
``product_id``  text      product of a click or order (``SP001``), else empty
``price_vnd``   integer   price paid for an order (whole đồng), else 0
``text``        text      a comment's text, else empty
==============  ========  ==================================================

Rules: exactly one ``start`` and one ``end`` row (the session's length is
their difference); every view has one ``join`` and at most one ``leave`` (a
view still watching at the end leaves at ``end``); a view's other events lie
between its join and leave. :func:`read_log` refuses a file that breaks them,
naming the line.

Examples
--------
>>> from toolkit import livestream
>>> run = livestream.simulate(livestream.LiveParams(duration_min=30, flash_start_min=20), seed=1)
>>> log = to_log(run, start="2026-03-07 20:00:00")
>>> list(log.columns)
['session_id', 'time', 'view_id', 'viewer_id', 'event', 'product_id', 'price_vnd', 'text']
>>> livestream.session_metrics(log) == {k: run.metrics[k] for k in livestream.METRICS}
True
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from toolkit.i18n import t
from toolkit.livestream import _messages  # noqa: F401  (registers the messages)
from toolkit.livestream.metrics import presence
from toolkit.livestream.simulation import EVENT_KINDS, N_COMMENT_TEXTS, LiveRun
from toolkit.vn import local_times

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "COMMENT_TEXTS",
    "LOG_COLUMNS",
    "LOG_PATH",
    "LogArrays",
    "load_log",
    "log_arrays",
    "read_log",
    "to_log",
    "write_log",
]

LOG_COLUMNS = {
    "session_id": "str",
    "time": "datetime",
    "view_id": "str",
    "viewer_id": "str",
    "event": EVENT_KINDS,
    "product_id": "str",
    "price_vnd": "int",
    "text": "str",
}
"""Columns of a log and their kinds (the ``SCHEMAS`` convention of ``_datasets``)."""

LOG_PATH = Path(__file__).with_name("data") / "livestream_events.csv"
"""The bundled log of chị Lan's Saturday session (see :mod:`toolkit.livestream._datasets`)."""

COMMENT_TEXTS = (
    "Chào shop ạ",
    "Mật ong này có nguyên chất không shop?",
    "Giá bao nhiêu vậy shop?",
    "Ship về Hà Nội mất mấy ngày?",
    "Có freeship không ạ?",
    "Cho xem gần hũ mật ong với",
    "Mình lấy 1 hũ nhé",
    "Chốt đơn cho mình",
    "Còn hàng không shop?",
    "Hạn sử dụng bao lâu vậy?",
    "Shop ở Hưng Yên à?",
    "Mật ong hoa nhãn thơm quá",
    "Có chứng nhận OCOP không shop?",
    "Mua 2 hũ có giảm thêm không?",
    "Nhà mình dùng rồi, ngon lắm",
    "Flash sale lúc mấy giờ vậy?",
    "Thanh toán khi nhận hàng được không?",
    "Đóng gói có chắc chắn không shop?",
    "Mật ong để tủ lạnh được không?",
    "Trà Tân Cương còn không chị?",
    "Chị Lan nói vui quá",
    "Hôm qua đặt rồi, mong hàng về",
    "Hết hàng chưa shop?",
    "Cảm ơn shop nhé",
)
assert len(COMMENT_TEXTS) == N_COMMENT_TEXTS

_REQUIRED = ("time", "event", "view_id", "viewer_id", "price_vnd")
_VIEW_EVENTS = ("join", "click", "order", "comment", "leave")


def to_log(
    run: LiveRun,
    *,
    start: str = "2026-03-07 20:00:00",
    session_id: str | None = None,
) -> pd.DataFrame:
    """Export a per-viewer run as a session log (the format of this module).

    Parameters
    ----------
    run : LiveRun
        A run of ``simulate(..., mode="viewer")``.
    start : str, default "2026-03-07 20:00:00"
        Clock time of the start.
    session_id : str, optional
        Defaults to ``LIVE-YYYYMMDD`` of ``start``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LOG_COLUMNS`, rows in time order.
    """
    import pandas as pd

    if not isinstance(run, LiveRun) or run.events is None:
        raise TypeError(t("livestream.error.log_type", found=type(run).__name__))
    events = run.events
    begin = pd.Timestamp(start)
    if session_id is None:
        session_id = f"LIVE-{begin:%Y%m%d}"
    view = events["view"].to_numpy()
    viewer = events["viewer"].to_numpy()
    kind = events["event"].astype(str).to_numpy()
    has_view = view >= 0
    view_id = np.where(has_view, np.char.add("L", np.char.zfill((view + 1).astype(str), 5)), "")
    viewer_id = np.where(has_view, np.char.add("N", np.char.zfill((viewer + 1).astype(str), 5)), "")
    product = np.where(np.isin(kind, ("click", "order")), run.params.product_id, "")
    texts = np.array(COMMENT_TEXTS, dtype=object)
    text_id = events["text_id"].to_numpy()
    text = np.where(text_id >= 0, texts[np.maximum(text_id, 0)], "")
    frame = pd.DataFrame(
        {
            "session_id": session_id,
            "time": begin + pd.to_timedelta(events["second"].to_numpy(), unit="s"),
            "view_id": view_id.astype(object),
            "viewer_id": viewer_id.astype(object),
            "event": pd.Categorical(kind, categories=list(EVENT_KINDS)),
            "product_id": product.astype(object),
            "price_vnd": events["price_vnd"].to_numpy().astype(np.int64),
            "text": text.astype(object),
        }
    )
    return _typed(frame)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Give ``frame`` the dtypes of :data:`LOG_COLUMNS` (columns already checked)."""
    import pandas as pd

    columns = {}
    for column, kind in LOG_COLUMNS.items():
        values = frame[column]
        if isinstance(kind, tuple):
            columns[column] = pd.Categorical(values.astype(str), categories=list(kind))
        elif kind == "int":
            columns[column] = values.astype("int64")
        elif kind == "datetime":
            columns[column] = values.astype("datetime64[ns]")
        else:
            columns[column] = values.astype(str)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(frame)))


def write_log(log: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write ``log`` as CSV in the exact bytes of the format (see :func:`log_bytes`)."""
    target = Path(path)
    target.write_bytes(log_bytes(log))
    return target


def log_bytes(log: pd.DataFrame) -> bytes:
    """The CSV bytes of a log: UTF-8, ``\\n`` line ends, times ``YYYY-MM-DD HH:MM:SS``."""
    from toolkit.data._generate import to_csv_bytes

    frame = _typed(log[list(LOG_COLUMNS)])
    return to_csv_bytes(frame)


def read_log(path: str | os.PathLike[str] | io.IOBase) -> pd.DataFrame:
    """Read and check a session log CSV.

    Parameters
    ----------
    path : path or file object

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LOG_COLUMNS` with their dtypes, in file order.

    Raises
    ------
    ValueError
        A missing column, an unknown event kind, an unreadable time or price,
        or a broken rule (see the module docstring); the Vietnamese message
        names the file and the line.
    """
    import pandas as pd

    name = Path(path).name if isinstance(path, (str, os.PathLike)) else "nhật ký"
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    frame = _parse(raw, name=name, first_line=2)
    log_arrays(frame, name=name, first_line=2)
    return frame


def load_log() -> pd.DataFrame:
    """The bundled log of chị Lan's Saturday livestream (``livestream_events``).

    Examples
    --------
    >>> log = load_log()
    >>> int((log["event"] == "join").sum()), int((log["event"] == "order").sum())
    (2485, 15)
    """
    return read_log(LOG_PATH)


def _where(name: str, first_line: int | None, position: int, index: Any) -> Any:
    return position + first_line if first_line is not None else index


def _parse(raw: pd.DataFrame, *, name: str, first_line: int | None) -> pd.DataFrame:
    """Check columns, event kinds, times and prices of a log; return it typed."""
    import pandas as pd

    missing = [c for c in LOG_COLUMNS if c not in raw.columns]
    required_missing = [c for c in _REQUIRED if c in missing]
    if required_missing:
        raise ValueError(
            t(
                "livestream.error.log_columns",
                name=name,
                missing=", ".join(required_missing),
                expected=", ".join(LOG_COLUMNS),
            )
        )
    frame = raw.copy()
    for column in missing:  # optional columns
        frame[column] = 0 if column == "price_vnd" else ""
    kind = frame["event"].astype(str)
    bad = ~kind.isin(EVENT_KINDS)
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise ValueError(
            t(
                "livestream.error.log_event",
                name=name,
                row=_where(name, first_line, pos, frame.index[pos]),
                found=kind.iloc[pos],
                options=", ".join(EVENT_KINDS),
            )
        )
    time = frame["time"]
    # naive text is the shop's local time; +07:00 / Z text is converted to it
    named = time if first_line is None else time.set_axis(np.arange(len(time)) + first_line)
    parsed = local_times(named, column="time", format="ISO8601").set_axis(time.index)
    if parsed.isna().any():
        pos = int(np.flatnonzero(parsed.isna().to_numpy())[0])
        raise ValueError(
            t(
                "livestream.error.log_time",
                name=name,
                row=_where(name, first_line, pos, frame.index[pos]),
                found=time.iloc[pos],
            )
        )
    frame["time"] = parsed
    price = frame["price_vnd"]
    if not pd.api.types.is_integer_dtype(price) or (price < 0).any():
        text = price.astype(str).str.strip().replace("", "0")
        ok = text.str.fullmatch(r"\d+")
        if not ok.all():
            pos = int(np.flatnonzero(~ok.to_numpy())[0])
            raise ValueError(
                t(
                    "livestream.error.log_number",
                    name=name,
                    row=_where(name, first_line, pos, frame.index[pos]),
                    column="price_vnd",
                    found=price.iloc[pos],
                )
            )
        frame["price_vnd"] = text.astype("int64")
    return _typed(frame)


@dataclass(frozen=True)
class LogArrays:
    """A checked log as arrays: seconds since ``start`` and per-view join/leave."""

    duration_s: int
    join_s: np.ndarray
    leave_s: np.ndarray
    viewer: np.ndarray
    click_s: np.ndarray
    order_s: np.ndarray
    order_price: np.ndarray
    comment_s: np.ndarray

    def core(self) -> dict[str, Any]:
        """Arguments of :func:`~toolkit.livestream.metrics.core_metrics`."""
        return {
            "duration_s": self.duration_s,
            "join_s": self.join_s,
            "leave_s": self.leave_s,
            "viewer": self.viewer,
            "clicks": int(self.click_s.size),
            "orders": int(self.order_s.size),
            "gmv_vnd": int(self.order_price.sum()),
            "comments": int(self.comment_s.size),
        }

    def minutes(self) -> pd.DataFrame:
        """The minute table (see :func:`~toolkit.livestream.minute_table`)."""
        import pandas as pd

        n_min = max(1, -(-self.duration_s // 60))

        def per_minute(seconds: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
            minute = np.minimum(seconds // 60, n_min - 1)
            return np.bincount(minute, weights=weights, minlength=n_min)[:n_min]

        present = presence(self.duration_s, self.join_s, self.leave_s)
        padded = np.zeros(n_min * 60)
        padded[: present.size] = present
        seconds_in = np.minimum(60, self.duration_s - 60 * np.arange(n_min))
        return pd.DataFrame(
            {
                "minute": np.arange(n_min),
                "new_viewers": per_minute(self.join_s).astype(np.int64),
                "viewers": padded.reshape(n_min, 60).sum(axis=1) / seconds_in,
                "product_clicks": per_minute(self.click_s).astype(np.int64),
                "orders": per_minute(self.order_s).astype(np.int64),
                "gmv_vnd": per_minute(self.order_s, self.order_price.astype(float))
                .round()
                .astype(np.int64),
                "comments": per_minute(self.comment_s).astype(np.int64),
            }
        )


def log_arrays(
    log: pd.DataFrame, *, name: str = "nhật ký", first_line: int | None = None
) -> LogArrays:
    """Check the rules of a log and turn it into :class:`LogArrays`.

    ``first_line`` is the file line of the first row (2 below a header) for
    messages; without it rows are named by their index label.
    """
    import pandas as pd

    if not isinstance(log, pd.DataFrame):
        raise TypeError(t("livestream.error.log_type", found=type(log).__name__))
    frame = _parse(log, name=name, first_line=first_line)
    kind = frame["event"].astype(str).to_numpy()
    time = frame["time"]
    starts, ends = np.flatnonzero(kind == "start"), np.flatnonzero(kind == "end")
    if starts.size != 1 or ends.size != 1:
        raise ValueError(
            t("livestream.error.log_start_end", name=name, starts=starts.size, ends=ends.size)
        )
    begin, finish = time.iloc[starts[0]], time.iloc[ends[0]]
    seconds = ((time - begin).dt.total_seconds()).to_numpy().round().astype(np.int64)
    duration_s = int(seconds[ends[0]])
    outside = (seconds < 0) | (seconds > duration_s)
    if outside.any():
        pos = int(np.flatnonzero(outside)[0])
        raise ValueError(
            t(
                "livestream.error.log_outside",
                name=name,
                row=_where(name, first_line, pos, frame.index[pos]),
                found=str(time.iloc[pos]),
                start=str(begin),
                end=str(finish),
            )
        )
    on_view = np.isin(kind, _VIEW_EVENTS)
    view_id = frame["view_id"].to_numpy()
    positions = np.flatnonzero(on_view)
    codes, views = pd.factorize(view_id[on_view])
    n_views = len(views)
    view_kind = kind[on_view]
    view_sec = seconds[on_view]

    def problem(local: int, key: str) -> ValueError:
        pos = int(positions[local])
        return ValueError(
            t(
                "livestream.error.log_view",
                name=name,
                row=_where(name, first_line, pos, frame.index[pos]),
                view=view_id[pos],
                problem=t(key),
            )
        )

    is_join, is_leave = view_kind == "join", view_kind == "leave"
    join_count = np.bincount(codes[is_join], minlength=n_views)
    leave_count = np.bincount(codes[is_leave], minlength=n_views)
    if (join_count == 0).any():
        local = int(np.flatnonzero(join_count[codes] == 0)[0])
        raise problem(local, "livestream.problem.no_join")
    if (join_count > 1).any():
        local = int(np.flatnonzero(is_join & (join_count[codes] > 1))[1])
        raise problem(local, "livestream.problem.two_joins")
    if (leave_count > 1).any():
        local = int(np.flatnonzero(is_leave & (leave_count[codes] > 1))[1])
        raise problem(local, "livestream.problem.two_leaves")
    join_s = np.zeros(n_views, dtype=np.int64)
    join_s[codes[is_join]] = view_sec[is_join]
    leave_s = np.full(n_views, duration_s, dtype=np.int64)
    leave_s[codes[is_leave]] = view_sec[is_leave]
    before = view_sec < join_s[codes]
    if before.any():
        raise problem(int(np.flatnonzero(before)[0]), "livestream.problem.before_join")
    after = view_sec > leave_s[codes]
    if after.any():
        raise problem(int(np.flatnonzero(after)[0]), "livestream.problem.after_leave")
    viewer_of_view = np.empty(n_views, dtype=object)
    viewer_of_view[codes[is_join]] = frame["viewer_id"].to_numpy()[on_view][is_join]
    is_order = kind == "order"
    return LogArrays(
        duration_s=duration_s,
        join_s=join_s,
        leave_s=leave_s,
        viewer=pd.factorize(viewer_of_view)[0],
        click_s=seconds[kind == "click"],
        order_s=seconds[is_order],
        order_price=frame["price_vnd"].to_numpy()[is_order],
        comment_s=seconds[kind == "comment"],
    )
