"""Support-ticket KPIs: first response, resolution, SLA, backlog, chat response, FCR.

Two tables describe the shop's customer care (see ``data.load("tickets")``
and ``data.load("chat_messages")``):

- **tickets**, one row per conversation: ``ticket_id``, ``created``,
  ``resolved`` (empty while open) and, for a ticket the customer reopened,
  ``first_resolved`` and ``reopened``;
- **messages**, one row per chat message: ``ticket_id``, ``sent`` and
  ``author``, one of ``"customer"``, ``"bot"`` (an automatic reply) or
  ``"seller"`` (a person of the shop).

Every function works on whole columns (no loop over rows) and checks its
input first: a bad timestamp, a ticket resolved before it was created or a
message from an unknown author raises :class:`CareDataError` with a
Vietnamese message naming the ticket.

Examples
--------
>>> import pandas as pd
>>> tickets = pd.DataFrame({
...     "ticket_id": ["T1", "T2"],
...     "created": ["2026-01-05 08:00:00", "2026-01-05 09:00:00"],
...     "resolved": ["2026-01-05 12:00:00", None],
... })
>>> messages = pd.DataFrame({
...     "ticket_id": ["T1", "T1", "T1", "T2"],
...     "sent": ["2026-01-05 08:00:00", "2026-01-05 08:00:05", "2026-01-05 10:00:00",
...              "2026-01-05 09:00:00"],
...     "author": ["customer", "bot", "seller", "customer"],
... })

The bot's reply after five seconds does not stop the clock; the seller's does:

>>> first_response_hours(tickets, messages).tolist()
[2.0, nan]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from toolkit.care import _messages  # noqa: F401  (registers the care.* messages)
from toolkit.care.hours import BusinessHours, business_hours, calendar_hours
from toolkit.care.rules import ChatRule, get_chat_rule
from toolkit.i18n import t

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AUTHORS",
    "CareDataError",
    "backlog",
    "chat_response_detail",
    "chat_response_rate",
    "check_messages",
    "check_tickets",
    "fcr",
    "first_response_hours",
    "kpi_table",
    "median_p90",
    "resolution_hours",
    "sla_breach_rate",
    "slowest_tickets",
]

AUTHORS = ("customer", "bot", "seller")
"""Who can write a chat message: the customer, an automatic reply, a person of the shop."""

_TIME_COLUMNS = ("created", "first_resolved", "reopened", "resolved")


class CareDataError(ValueError):
    """Ticket or message data that cannot be measured (the message names the ticket)."""


def _require(frame: pd.DataFrame, table: str, columns: tuple[str, ...]) -> None:
    for column in columns:
        if column not in frame.columns:
            raise CareDataError(
                t(
                    "care.error.missing_column",
                    table=table,
                    column=column,
                    required=", ".join(columns),
                )
            )


def _parse_times(values: pd.Series, ids: pd.Series, column: str) -> pd.Series:
    """Times as the shop's naive local time (aware times converted, see :func:`toolkit.vn.local_times`)."""
    import pandas as pd

    from toolkit.vn import local_times

    parsed = local_times(values, column=column, error=CareDataError)
    if pd.api.types.is_datetime64_any_dtype(values):
        return parsed
    text = values.astype("string").str.strip()
    bad = parsed.isna() & values.notna() & (text != "")
    if bad.any():
        row = bad.to_numpy().nonzero()[0][0]
        raise CareDataError(
            t("care.error.bad_time", ticket=ids.iloc[row], column=column, value=values.iloc[row])
        )
    return parsed.astype("datetime64[ns]")


def _moment(value: object, name: str) -> pd.Timestamp:
    """A reference time as the shop's local time (aware values converted), or a CareDataError."""
    import pandas as pd

    from toolkit.vn import local_time

    try:
        stamp = local_time(value)
    except (TypeError, ValueError):
        stamp = pd.NaT
    if stamp is pd.NaT:
        raise CareDataError(t("care.error.bad_moment", name=name, value=value))
    return stamp


def check_tickets(tickets: pd.DataFrame) -> pd.DataFrame:
    """Validate a tickets table and return a copy with parsed times.

    Parameters
    ----------
    tickets : pandas.DataFrame
        Needs ``ticket_id``, ``created`` and ``resolved``; ``first_resolved``
        and ``reopened`` are optional (a missing column means "never
        reopened"). Times may be text (``"2026-01-05 08:30:00"``) or datetimes.

    Returns
    -------
    pandas.DataFrame
        A copy with every time column as ``datetime64[ns]``, including
        ``first_resolved`` and ``reopened``.

    Raises
    ------
    CareDataError
        Naming the ticket: a time that is not a time, an empty ``created``,
        a resolution before creation, times out of order, a duplicate id.

    Examples
    --------
    >>> import pandas as pd
    >>> bad = pd.DataFrame({"ticket_id": ["T9"], "created": ["2026-01-05 10:00:00"],
    ...                     "resolved": ["2026-01-05 09:00:00"]})
    >>> check_tickets(bad)
    Traceback (most recent call last):
    ...
    toolkit.care.tickets.CareDataError: Phiếu T9: thời điểm 'resolved' (2026-01-05 09:00:00) lại sớm hơn lúc tạo phiếu (2026-01-05 10:00:00). Hãy kiểm tra lại dữ liệu của phiếu này.
    """
    import pandas as pd

    _require(tickets, "tickets", ("ticket_id", "created", "resolved"))
    frame = tickets.copy()
    ids = frame["ticket_id"].astype(str)
    duplicated = ids.duplicated()
    if duplicated.any():
        raise CareDataError(t("care.error.duplicate_ticket", ticket=ids[duplicated].iloc[0]))
    for column in _TIME_COLUMNS:
        if column not in frame.columns:
            frame[column] = pd.NaT
        frame[column] = _parse_times(frame[column], ids, column)
    missing = frame["created"].isna()
    if missing.any():
        raise CareDataError(
            t("care.error.missing_time", ticket=ids[missing].iloc[0], column="created")
        )
    for column in ("first_resolved", "reopened", "resolved"):
        early = frame[column] < frame["created"]
        if early.any():
            row = early.to_numpy().nonzero()[0][0]
            raise CareDataError(
                t(
                    "care.error.resolved_before_created",
                    ticket=ids.iloc[row],
                    column=column,
                    resolved=frame[column].iloc[row],
                    created=frame["created"].iloc[row],
                )
            )
    reopened = frame["reopened"].notna()
    disorder = reopened & (
        frame["first_resolved"].isna()
        | (frame["reopened"] < frame["first_resolved"])
        | (frame["resolved"] < frame["reopened"])
    )
    if disorder.any():
        raise CareDataError(t("care.error.reopen_order", ticket=ids[disorder].iloc[0]))
    return frame


def check_messages(messages: pd.DataFrame, tickets: pd.DataFrame | None = None) -> pd.DataFrame:
    """Validate a chat-messages table and return a copy with parsed times.

    Parameters
    ----------
    messages : pandas.DataFrame
        Needs ``ticket_id``, ``sent`` and ``author`` (one of :data:`AUTHORS`,
        case and spaces ignored).
    tickets : pandas.DataFrame, optional
        When given, every message must belong to one of its tickets.

    Returns
    -------
    pandas.DataFrame
        A copy with ``sent`` as ``datetime64[ns]`` and ``author`` in lower case.

    Raises
    ------
    CareDataError
        Naming the ticket: an unknown author, a bad or empty time, a ticket
        that is not in ``tickets``.

    Examples
    --------
    >>> import pandas as pd
    >>> odd = pd.DataFrame({"ticket_id": ["T3"], "sent": ["2026-01-05 08:00:00"],
    ...                     "author": ["admin"]})
    >>> check_messages(odd)
    Traceback (most recent call last):
    ...
    toolkit.care.tickets.CareDataError: Phiếu T3: tin nhắn có người gửi 'admin' không rõ là ai. Người gửi phải là một trong: customer, bot, seller.
    """
    frame, _ = _check_messages(messages, tickets)
    return frame


def _check_messages(
    messages: pd.DataFrame, tickets: pd.DataFrame | None
) -> tuple[pd.DataFrame, object]:
    """Validated messages and, with ``tickets``, each message's row number in ``tickets``."""
    import numpy as np
    import pandas as pd

    _require(messages, "chat_messages", ("ticket_id", "sent", "author"))
    frame = messages.copy()
    ids = frame["ticket_id"]
    if not (pd.api.types.is_string_dtype(ids) or isinstance(ids.dtype, pd.CategoricalDtype)):
        ids = ids.astype(str)
    # normalise the few distinct author labels, not every row
    codes, labels = pd.factorize(frame["author"], use_na_sentinel=True)
    clean = pd.Index(labels).astype("string").str.strip().str.lower()
    known = np.append(clean.isin(AUTHORS), False)  # the last entry is for missing labels
    unknown = ~known[codes]
    if unknown.any():
        row = unknown.nonzero()[0][0]
        raise CareDataError(
            t(
                "care.error.unknown_author",
                ticket=ids.iloc[row],
                author=frame["author"].iloc[row],
                allowed=", ".join(AUTHORS),
            )
        )
    frame["author"] = pd.Categorical.from_codes(
        pd.Index(AUTHORS).get_indexer(clean)[codes], categories=list(AUTHORS)
    )
    frame["sent"] = _parse_times(frame["sent"], ids, "sent")
    missing = frame["sent"].isna()
    if missing.any():
        raise CareDataError(
            t("care.error.missing_time", ticket=ids[missing].iloc[0], column="sent")
        )
    where = None
    if tickets is not None:
        where = pd.Index(tickets["ticket_id"].astype(str)).get_indexer(ids.astype(str))
        if (where < 0).any():
            raise CareDataError(
                t("care.error.unknown_ticket", ticket=ids.iloc[(where < 0).nonzero()[0][0]])
            )
    frame["ticket_id"] = (
        ids.astype(str) if tickets is None else tickets["ticket_id"].astype(str).to_numpy()[where]
    )
    return frame.reset_index(drop=True), where


def _checked(tickets: pd.DataFrame, messages: pd.DataFrame):
    """(tickets, messages, message → ticket row) validated once, tickets re-indexed 0..n-1."""
    tix = check_tickets(tickets).reset_index(drop=True)
    msgs, where = _check_messages(messages, tix)
    return tix, msgs, where


def _hours(start: pd.Series, end: pd.Series, hours: BusinessHours | None) -> pd.Series:
    return calendar_hours(start, end) if hours is None else business_hours(start, end, hours)


def _group_min(values, where, n: int):
    """Per-ticket minimum of datetime ``values`` (``NaT`` where a ticket has none)."""
    import numpy as np
    import pandas as pd

    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    if len(values):
        first = pd.Series(values).groupby(where).min()
        out[first.index.to_numpy()] = first.to_numpy()
    return out


def _start_and_reply(tix, msgs, where, authors: tuple[str, ...]):
    """First customer message (``created`` when none) and first reply by ``authors`` after it."""
    import numpy as np

    n = len(tix)
    author = msgs["author"].to_numpy()
    sent = msgs["sent"].to_numpy()
    customer = author == "customer"
    start = _group_min(sent[customer], where[customer], n)
    start = np.where(np.isnat(start), tix["created"].to_numpy(), start)
    reply = np.isin(author, authors) & (sent >= start[where])
    return start, _group_min(sent[reply], where[reply], n)


def _frt(tix, msgs, where, hours: BusinessHours | None, count_bots: bool) -> pd.Series:
    import pandas as pd

    authors = ("seller", "bot") if count_bots else ("seller",)
    start, reply = _start_and_reply(tix, msgs, where, authors)
    ids = pd.Index(tix["ticket_id"].astype(str), name="ticket_id")
    value = _hours(pd.Series(start), pd.Series(reply), hours).to_numpy()
    return pd.Series(value, index=ids, name="first_response_hours")


def first_response_hours(
    tickets: pd.DataFrame,
    messages: pd.DataFrame,
    *,
    hours: BusinessHours | None = None,
    count_bots: bool = False,
) -> pd.Series:
    """Hours from each ticket's first customer message to the first reply by a person.

    Parameters
    ----------
    tickets, messages : pandas.DataFrame
        See the module description.
    hours : BusinessHours, optional
        Count only working time; calendar hours when ``None``.
    count_bots : bool, default False
        Let an automatic reply stop the clock. Marketplaces do not; this
        option exists to show how much a bot flatters the figure.

    Returns
    -------
    pandas.Series of float
        Indexed by ``ticket_id``; ``NaN`` for a ticket nobody answered.

    Notes
    -----
    Report the median and the 90th percentile (:func:`median_p90`), not the
    mean: one ticket left over a weekend moves a mean a lot.

    Examples
    --------
    >>> import pandas as pd
    >>> tickets = pd.DataFrame({"ticket_id": ["T1"], "created": ["2026-01-02 16:00:00"],
    ...                         "resolved": [None]})
    >>> messages = pd.DataFrame({"ticket_id": ["T1", "T1", "T1"],
    ...     "sent": ["2026-01-02 16:00:00", "2026-01-02 16:00:02", "2026-01-05 09:00:00"],
    ...     "author": ["customer", "bot", "seller"]})
    >>> first_response_hours(tickets, messages).tolist()
    [65.0]
    >>> from toolkit.care.hours import OFFICE_HOURS
    >>> first_response_hours(tickets, messages, hours=OFFICE_HOURS).tolist()
    [2.0]
    >>> round(first_response_hours(tickets, messages, count_bots=True).iloc[0] * 3600)
    2
    """
    tix, msgs, where = _checked(tickets, messages)
    return _frt(tix, msgs, where, hours, count_bots)


def median_p90(values: pd.Series) -> tuple[float, float]:
    """Median and 90th percentile of the non-missing values.

    Examples
    --------
    >>> import pandas as pd
    >>> median_p90(pd.Series([1.0, 2.0, 3.0, 4.0, 100.0, None]))
    (3.0, 61.6)
    """
    clean = values.dropna()
    if clean.empty:
        return float("nan"), float("nan")
    return float(clean.median()), float(round(clean.quantile(0.9), 10))


ReopenPolicy = Literal["pause", "continuous", "first"]


def resolution_hours(
    tickets: pd.DataFrame,
    messages: pd.DataFrame | None = None,
    *,
    hours: BusinessHours | None = None,
    pause_when_waiting: bool = True,
    reopen: ReopenPolicy = "pause",
) -> pd.Series:
    """Hours each ticket took to be resolved, counting only the time the shop owed an answer.

    Parameters
    ----------
    tickets : pandas.DataFrame
        ``ticket_id``, ``created``, ``resolved`` (and ``first_resolved``,
        ``reopened`` for reopened tickets).
    messages : pandas.DataFrame, optional
        Needed to pause the clock while the shop waits for the customer.
    hours : BusinessHours, optional
        Count only working time; calendar hours when ``None``.
    pause_when_waiting : bool, default True
        After a seller message the ticket waits on the customer and the clock
        stops; the next customer message starts it again. Bot messages change
        nothing.
    reopen : {"pause", "continuous", "first"}, default "pause"
        For a reopened ticket: ``"pause"`` counts both open periods but not
        the time it stood resolved; ``"continuous"`` counts from creation to
        the final resolution; ``"first"`` stops at the first resolution.

    Returns
    -------
    pandas.Series of float
        Indexed by ``ticket_id``; ``NaN`` while a ticket is unresolved.

    Examples
    --------
    A ticket created Monday 08:00, answered with a question at 09:00, the
    customer replies at 15:00, resolved at 16:00:

    >>> import pandas as pd
    >>> tickets = pd.DataFrame({"ticket_id": ["T1"], "created": ["2026-01-05 08:00:00"],
    ...                         "resolved": ["2026-01-05 16:00:00"]})
    >>> messages = pd.DataFrame({"ticket_id": ["T1"] * 3,
    ...     "sent": ["2026-01-05 08:00:00", "2026-01-05 09:00:00", "2026-01-05 15:00:00"],
    ...     "author": ["customer", "seller", "customer"]})
    >>> resolution_hours(tickets).tolist()
    [8.0]
    >>> resolution_hours(tickets, messages).tolist()
    [2.0]

    Reopened the next day at 10:00 and resolved again at 11:00:

    >>> tickets["first_resolved"] = tickets["resolved"]
    >>> tickets["reopened"] = ["2026-01-06 10:00:00"]
    >>> tickets["resolved"] = ["2026-01-06 11:00:00"]
    >>> [float(resolution_hours(tickets, reopen=r).iloc[0]) for r in ("pause", "continuous", "first")]
    [9.0, 27.0, 8.0]
    """

    if messages is not None and pause_when_waiting:
        tix, msgs, where = _checked(tickets, messages)
    else:
        tix, msgs, where = check_tickets(tickets).reset_index(drop=True), None, None
    return _resolution(tix, msgs, where, hours=hours, reopen=reopen)


def _resolution(tix, msgs, where, *, hours, reopen) -> pd.Series:
    """:func:`resolution_hours` on validated tables (``msgs`` None: no pauses)."""
    import numpy as np
    import pandas as pd

    ids = tix["ticket_id"].astype(str).to_numpy()
    n = len(tix)
    code = np.arange(n)
    reopened = tix["reopened"].notna().to_numpy()
    end = tix["resolved"]
    if reopen == "first":
        end = tix["first_resolved"].where(tix["reopened"].notna(), tix["resolved"])
    elif reopen not in ("pause", "continuous"):
        raise ValueError(f"reopen must be 'pause', 'continuous' or 'first', not {reopen!r}")
    parts = [(code, tix["created"].to_numpy(), np.ones(n, dtype=np.int8), np.zeros(n, np.int8))]
    if reopen == "pause" and reopened.any():
        parts.append(
            (
                code[reopened],
                tix["first_resolved"].to_numpy()[reopened],
                np.zeros(reopened.sum(), np.int8),
                np.full(reopened.sum(), 2, np.int8),
            )
        )
        parts.append(
            (
                code[reopened],
                tix["reopened"].to_numpy()[reopened],
                np.ones(reopened.sum(), np.int8),
                np.full(reopened.sum(), 2, np.int8),
            )
        )
    if msgs is not None:
        person = (msgs["author"] != "bot").to_numpy()
        people = msgs.loc[person]
        where = where[person]
        parts.append(
            (
                where,
                people["sent"].to_numpy(),
                (people["author"] == "customer").to_numpy().astype(np.int8),
                np.ones(len(people), np.int8),
            )
        )
    columns = {
        "code": np.concatenate([p[0] for p in parts]),
        "time": np.concatenate([p[1] for p in parts]).astype("datetime64[ns]"),
        "state": np.concatenate([p[2] for p in parts]),
        "order": np.concatenate([p[3] for p in parts]),
    }
    # one sort by ticket, then time, then kind of event (numpy lexsort: last key first)
    rank = np.lexsort((columns["order"], columns["time"].view("int64"), columns["code"]))
    events = pd.DataFrame({k: v[rank] for k, v in columns.items()})
    if reopen == "pause" and reopened.any():
        # while a ticket stands resolved, messages do not restart the clock
        first = tix["first_resolved"].to_numpy()[events["code"]]
        again = tix["reopened"].to_numpy()[events["code"]]
        closed = (events["time"].to_numpy() >= first) & (events["time"].to_numpy() < again)
        events.loc[closed & (events["order"] == 1).to_numpy(), "state"] = 0
    created = tix["created"].to_numpy()[events["code"]]
    stop = end.to_numpy()[events["code"]]
    nxt = events["time"].shift(-1).to_numpy()
    last = events["code"].to_numpy() != np.roll(events["code"].to_numpy(), -1)
    last[-1:] = True
    nxt = np.where(last, stop, nxt)
    start_t = np.maximum(events["time"].to_numpy(), created)
    start_t = np.minimum(start_t, stop)
    end_t = np.minimum(nxt, stop)
    end_t = np.maximum(end_t, start_t)
    counted = events["state"].to_numpy() == 1
    lengths = _hours(pd.Series(start_t[counted]), pd.Series(end_t[counted]), hours)
    lengths = np.nan_to_num(lengths.to_numpy(), nan=0.0).clip(min=0)
    total = np.bincount(events["code"].to_numpy()[counted], weights=lengths, minlength=n)
    total = np.where(end.isna().to_numpy(), np.nan, total)
    return pd.Series(total, index=pd.Index(ids, name="ticket_id"), name="resolution_hours")


def sla_breach_rate(
    hours: pd.Series, target_hours: float, *, unresolved: Literal["breach", "exclude"] = "breach"
) -> float:
    """Share of eligible tickets that took longer than ``target_hours``.

    Parameters
    ----------
    hours : pandas.Series of float
        Durations from :func:`first_response_hours` or :func:`resolution_hours`.
    target_hours : float
        The promise (e.g. answer within 12 h).
    unresolved : {"breach", "exclude"}, default "breach"
        A ticket with no time (never answered or still open at the end of a
        finished period) counts as a breach, or is left out.

    Returns
    -------
    float
        Breached ÷ eligible, between 0 and 1.

    Examples
    --------
    >>> import pandas as pd
    >>> h = pd.Series([1.0, 5.0, 30.0, None])
    >>> sla_breach_rate(h, 12)
    0.5
    >>> round(sla_breach_rate(h, 12, unresolved="exclude"), 3)
    0.333
    """
    import math

    import pandas as pd

    if isinstance(target_hours, bool) or not isinstance(target_hours, int | float):
        raise CareDataError(t("care.error.sla_target", value=target_hours))
    if not math.isfinite(target_hours) or target_hours <= 0:
        raise CareDataError(t("care.error.sla_target", value=target_hours))
    if unresolved not in ("breach", "exclude"):
        raise CareDataError(t("care.error.sla_unresolved", value=unresolved))
    series = hours if isinstance(hours, pd.Series) else pd.Series(hours, name="hours")
    values = pd.to_numeric(series, errors="coerce").astype("float64")
    bad = (values.isna() & series.notna()) | (values < 0) | values.abs().eq(float("inf"))
    if bad.any():
        row = bad.to_numpy().nonzero()[0][0]
        raise CareDataError(
            t(
                "care.error.bad_hours",
                column=series.name if series.name is not None else "hours",
                row=series.index[row],
                value=series.iloc[row],
            )
        )
    if unresolved == "exclude":
        values = values.dropna()
    if values.empty:
        return float("nan")
    breached = (values > target_hours) | values.isna()
    return float(breached.mean())


def backlog(tickets: pd.DataFrame, *, freq: str = "D", until: object | None = None) -> pd.DataFrame:
    """Open tickets at the end of each period: backlog = previous + new − resolved.

    A reopened ticket leaves the backlog at its first resolution and comes
    back when it is reopened.

    Parameters
    ----------
    tickets : pandas.DataFrame
        ``ticket_id``, ``created``, ``resolved`` (``first_resolved``, ``reopened``).
    freq : str, default "D"
        Period length: ``"D"`` (days), ``"W"`` (weeks ending Sunday), ``"MS"`` …
    until : date-like, optional
        Last period shown (default: the last event).

    Returns
    -------
    pandas.DataFrame
        Indexed by period start; columns ``new``, ``resolved``, ``reopened``
        and ``backlog`` (integers).

    Examples
    --------
    >>> import pandas as pd
    >>> tickets = pd.DataFrame({"ticket_id": ["A", "B", "C"],
    ...     "created": ["2026-01-05 08:00:00", "2026-01-05 09:00:00", "2026-01-06 09:00:00"],
    ...     "resolved": ["2026-01-06 10:00:00", None, "2026-01-06 12:00:00"]})
    >>> backlog(tickets)["backlog"].tolist()
    [2, 1]
    """
    import numpy as np
    import pandas as pd

    tix = check_tickets(tickets)
    reopened = tix["reopened"].notna()
    closes = pd.concat([tix.loc[reopened, "first_resolved"], tix["resolved"].dropna()])
    stamps = {
        "new": tix["created"],
        "resolved": closes,
        "reopened": tix.loc[reopened, "reopened"],
    }
    start = tix["created"].min().to_period(freq).start_time
    last = max(s.max() for s in stamps.values() if len(s))
    if until is not None:
        last = _moment(until, "until")
    index = pd.period_range(start, last, freq=freq)
    counts = {}
    for name, values in stamps.items():
        values = values[values <= last + pd.Timedelta(days=1)]
        periods = values.dt.to_period(freq)
        counts[name] = periods.value_counts().reindex(index, fill_value=0).astype("int64")
    table = pd.DataFrame(counts, index=index)
    table["backlog"] = np.cumsum(table["new"] + table["reopened"] - table["resolved"])
    table.index = table.index.start_time
    table.index.name = "period"
    return table


def chat_response_detail(
    tickets: pd.DataFrame,
    messages: pd.DataFrame,
    rule: str | ChatRule = "shopee",
    *,
    as_of: object | None = None,
) -> pd.DataFrame:
    """Each chat in the rule's window: is it counted, and was it replied in time?

    Parameters
    ----------
    tickets, messages : pandas.DataFrame
        See the module description; one ticket is one chat.
    rule : str or ChatRule, default "shopee"
        How the marketplace counts (:mod:`toolkit.care.rules`).
    as_of : date-like, optional
        End of the window (default: the last message). A date means the end
        of that day.

    Returns
    -------
    pandas.DataFrame
        One row per chat whose first customer message is in the window:
        ``ticket_id``, ``first_message``, ``customer_messages``, ``counted``,
        ``first_reply``, ``replied``.
    """
    import numpy as np
    import pandas as pd

    chat_rule = get_chat_rule(rule)
    tix, msgs, where = _checked(tickets, messages)
    authors = ("seller",) if chat_rule.exclude_auto_replies else ("seller", "bot")
    start_a, reply_a = _start_and_reply(tix, msgs, where, authors)
    start, reply = pd.Series(start_a), pd.Series(reply_a)
    if as_of is None:
        end = msgs["sent"].max()
    else:
        end = _moment(as_of, "as_of")
        if end == end.normalize():
            end = end + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)
    window_start = end - pd.Timedelta(days=chat_rule.window_days)
    inside = (start > window_start) & (start <= end)
    customer = (msgs["author"] == "customer").to_numpy()
    count = np.bincount(where[customer], minlength=len(tix))
    if chat_rule.same_day:
        in_time = reply < start.dt.normalize() + pd.Timedelta(days=1)
    else:
        in_time = (reply - start) <= pd.Timedelta(hours=chat_rule.reply_within_hours)
    in_time = in_time & (reply <= end)
    detail = pd.DataFrame(
        {
            "ticket_id": tix["ticket_id"].astype(str).to_numpy(),
            "first_message": start_a,
            "customer_messages": count.astype("int64"),
            "counted": count >= chat_rule.min_messages,
            "first_reply": reply_a,
            "replied": in_time.fillna(False).astype(bool).to_numpy(),
        }
    )
    return detail.loc[inside.to_numpy()].reset_index(drop=True)


def chat_response_rate(
    tickets: pd.DataFrame,
    messages: pd.DataFrame,
    rule: str | ChatRule = "shopee",
    *,
    as_of: object | None = None,
) -> float:
    """Chat response rate as a marketplace counts it: replied chats ÷ counted chats.

    Parameters
    ----------
    tickets, messages : pandas.DataFrame
        See the module description.
    rule : str or ChatRule, default "shopee"
        The marketplace's rule set (:data:`~toolkit.care.rules.CHAT_RULES`).
    as_of : date-like, optional
        End of the rolling window (default: the last message).

    Returns
    -------
    float
        Between 0 and 1; ``NaN`` when no chat counts.

    Examples
    --------
    Two chats: one answered by a person after 3 h, one only by the bot:

    >>> import pandas as pd
    >>> tickets = pd.DataFrame({"ticket_id": ["A", "B"],
    ...     "created": ["2026-01-05 08:00:00", "2026-01-05 09:00:00"], "resolved": [None, None]})
    >>> messages = pd.DataFrame({"ticket_id": ["A", "A", "A", "B", "B", "B"],
    ...     "sent": ["2026-01-05 08:00:00", "2026-01-05 08:01:00", "2026-01-05 11:00:00",
    ...              "2026-01-05 09:00:00", "2026-01-05 09:00:01", "2026-01-05 09:05:00"],
    ...     "author": ["customer", "customer", "seller", "customer", "bot", "customer"]})
    >>> chat_response_rate(tickets, messages, "shopee", as_of="2026-01-06")
    0.5
    >>> from toolkit.care.rules import SHOPEE
    >>> chat_response_rate(tickets, messages, SHOPEE.replace(exclude_auto_replies=False),
    ...                    as_of="2026-01-06")
    1.0
    """
    detail = chat_response_detail(tickets, messages, rule, as_of=as_of)
    counted = detail.loc[detail["counted"], "replied"]
    return float(counted.mean()) if len(counted) else float("nan")


def fcr(tickets: pd.DataFrame, messages: pd.DataFrame, *, max_replies: int = 1) -> float:
    """First-contact resolution: resolved tickets closed on first contact ÷ all resolved.

    A ticket is resolved on first contact when it was never reopened and the
    shop needed at most ``max_replies`` messages from a person (bots not counted).

    Examples
    --------
    >>> import pandas as pd
    >>> tickets = pd.DataFrame({"ticket_id": ["A", "B"],
    ...     "created": ["2026-01-05 08:00:00"] * 2,
    ...     "resolved": ["2026-01-05 09:00:00", "2026-01-05 12:00:00"]})
    >>> messages = pd.DataFrame({"ticket_id": ["A", "A", "B", "B", "B", "B"],
    ...     "sent": ["2026-01-05 08:00:00", "2026-01-05 08:30:00", "2026-01-05 08:00:00",
    ...              "2026-01-05 08:30:00", "2026-01-05 09:00:00", "2026-01-05 10:00:00"],
    ...     "author": ["customer", "seller", "customer", "seller", "customer", "seller"]})
    >>> fcr(tickets, messages)
    0.5
    """
    tix, msgs, where = _checked(tickets, messages)
    resolved = tix["resolved"].notna().to_numpy()
    if not resolved.any():
        return float("nan")
    first = _first_contact(tix, msgs, where, max_replies)
    return float(first[resolved].mean())


def _first_contact(tix, msgs, where, max_replies: int = 1):
    """Resolved, never reopened, at most ``max_replies`` seller messages (bool array)."""
    import numpy as np

    seller = (msgs["author"] == "seller").to_numpy()
    replies = np.bincount(where[seller], minlength=len(tix))
    return (
        tix["resolved"].notna().to_numpy()
        & (replies <= max_replies)
        & tix["reopened"].isna().to_numpy()
    )


def slowest_tickets(
    tickets: pd.DataFrame,
    messages: pd.DataFrame,
    *,
    n: int = 5,
    hours: BusinessHours | None = None,
) -> pd.DataFrame:
    """The ``n`` tickets that waited longest for a first reply (never answered first).

    Returns
    -------
    pandas.DataFrame
        ``ticket_id``, ``created``, ``first_response_hours`` and the other
        ticket columns that exist among ``channel``, ``topic``, ``customer_id``.
    """
    import numpy as np

    frt = first_response_hours(tickets, messages, hours=hours)
    tix = check_tickets(tickets).reset_index(drop=True)
    keep = [c for c in ("ticket_id", "created", "channel", "topic", "customer_id") if c in tix]
    table = tix[keep].copy()
    table["first_response_hours"] = frt.to_numpy()
    key = table["first_response_hours"].fillna(np.inf)
    order = np.argsort(-key.to_numpy(), kind="stable")[:n]
    return table.iloc[order].reset_index(drop=True)


def kpi_table(
    tickets: pd.DataFrame,
    messages: pd.DataFrame,
    *,
    by: str | None = "week",
    sla_hours: float = 24.0,
    hours: BusinessHours | None = None,
) -> pd.DataFrame:
    """The care KPIs per week (or per value of a ticket column), in one table.

    Parameters
    ----------
    tickets, messages : pandas.DataFrame
        See the module description.
    by : str or None, default "week"
        ``"week"`` (weeks starting Monday, by creation time), ``"month"``,
        a ticket column such as ``"channel"``, or ``None`` for one row.
    sla_hours : float, default 24
        Resolution promise for the breach rate.
    hours : BusinessHours, optional
        Working time for every duration; calendar hours when ``None``.

    Returns
    -------
    pandas.DataFrame
        Columns ``tickets``, ``unanswered``, ``frt_median_h``, ``frt_p90_h``,
        ``resolution_median_h``, ``sla_breach_rate``, ``fcr``.

    Examples
    --------
    >>> import pandas as pd
    >>> tickets = pd.DataFrame({"ticket_id": ["A", "B"],
    ...     "created": ["2026-01-05 08:00:00", "2026-01-06 08:00:00"],
    ...     "resolved": ["2026-01-05 10:00:00", None]})
    >>> messages = pd.DataFrame({"ticket_id": ["A", "A", "B"],
    ...     "sent": ["2026-01-05 08:00:00", "2026-01-05 09:00:00", "2026-01-06 08:00:00"],
    ...     "author": ["customer", "seller", "customer"]})
    >>> kpi_table(tickets, messages, by=None).iloc[0].tolist()
    [2.0, 1.0, 1.0, 1.0, 1.0, 0.5, 1.0]
    """
    import pandas as pd

    tix, msgs, where = _checked(tickets, messages)
    frt = _frt(tix, msgs, where, hours, False).to_numpy()
    res = _resolution(tix, msgs, where, hours=hours, reopen="pause").to_numpy()
    resolved = tix["resolved"].notna().to_numpy()
    first_contact = _first_contact(tix, msgs, where)
    if by is None:
        key = pd.Series("tất cả", index=tix.index)
    elif by == "week":
        key = tix["created"].dt.to_period("W-SUN").dt.start_time
    elif by == "month":
        key = tix["created"].dt.to_period("M").dt.start_time
    else:
        key = tix[by]
    frame = pd.DataFrame(
        {
            "key": key.to_numpy(),
            "frt": frt,
            "res": res,
            "unanswered": pd.isna(frt),
            "breach": ~(res <= sla_hours),
            "resolved": resolved,
            "first_contact": first_contact,
        }
    )
    grouped = frame.groupby("key", observed=True, sort=True)
    table = pd.DataFrame(
        {
            "tickets": grouped.size().astype("float64"),
            "unanswered": grouped["unanswered"].sum().astype("float64"),
            "frt_median_h": grouped["frt"].median(),
            "frt_p90_h": grouped["frt"].quantile(0.9),
            "resolution_median_h": grouped["res"].median(),
            "sla_breach_rate": grouped["breach"].mean(),
            "fcr": grouped["first_contact"].sum() / grouped["resolved"].sum(),
        }
    )
    table.index.name = by or "nhóm"
    return table
