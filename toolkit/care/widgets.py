"""A week's customer-care dashboard for the lesson notebook (imported only by notebooks).

Pick a week and a marketplace's rule set; the panel shows the chat response
rate (as that marketplace counts it, over its window ending on the Sunday of
the week) against the badge threshold, the slowest tickets of the week and
what the week's reviews complain about.

Examples
--------
>>> app = care_dashboard()
>>> type(app).__name__
'VBox'
>>> "Shopee" in render_panel("2026-02-16", "shopee")
True
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from toolkit import vn
from toolkit.care import _messages  # noqa: F401  (registers the care.* messages)
from toolkit.care.rules import CHAT_RULES, get_chat_rule
from toolkit.care.text import top_complaints
from toolkit.care.tickets import chat_response_rate, first_response_hours
from toolkit.data import load
from toolkit.i18n import t

__all__ = ["care_dashboard", "render_panel", "week_starts", "weekly_response_rates"]


def _tables(tickets=None, messages=None, reviews=None):
    return (
        load("tickets") if tickets is None else tickets,
        load("chat_messages") if messages is None else messages,
        load("reviews") if reviews is None else reviews,
    )


def week_starts(tickets=None) -> list[str]:
    """Mondays (``YYYY-MM-DD``) of every week that has a ticket.

    Examples
    --------
    >>> week_starts()[:2]
    ['2025-09-01', '2025-09-08']
    """
    import pandas as pd

    tickets = load("tickets") if tickets is None else tickets
    created = pd.to_datetime(tickets["created"])
    mondays = created.dt.to_period("W-SUN").dt.start_time.drop_duplicates().sort_values()
    return [d.strftime("%Y-%m-%d") for d in mondays]


def weekly_response_rates(rule="shopee", tickets=None, messages=None):
    """The chat response rate as of each Sunday, with the rule's window.

    Returns
    -------
    pandas.Series
        Indexed by the Monday of each week.
    """
    import pandas as pd

    tickets, messages, _ = _tables(tickets, messages, ())
    weeks = week_starts(tickets)
    rates = [
        chat_response_rate(tickets, messages, rule, as_of=pd.Timestamp(w) + pd.Timedelta(days=6))
        for w in weeks  # one value per week (about 26), each vectorised over tickets
    ]
    return pd.Series(rates, index=pd.to_datetime(weeks), name="response_rate")


def _table_html(frame) -> str:
    """``frame`` as an HTML table whose headers are the learner's words (``care.col.*``)."""
    headers = {c: t(f"care.col.{c}") for c in frame.columns}
    return frame.rename(columns=headers).to_html(index=False, border=0, na_rep="—", escape=True)


def _clock(value) -> str:
    """A shop time (naive local) as a learner reads it: ``14/02/2026 18:46``."""
    return "—" if value != value else value.strftime("%d/%m/%Y %H:%M")


def _hours(value: float) -> str:
    """Hours with one decimal the Vietnamese way, or "chưa có phản hồi"."""
    return t("care.widget.no_reply") if value != value else vn.format_number(value, decimals=1)


def render_panel(week: str, rule: str = "shopee", tickets=None, messages=None, reviews=None) -> str:
    """HTML of the dashboard for the week starting on Monday ``week``.

    Parameters
    ----------
    week : str
        A Monday, ``YYYY-MM-DD`` (see :func:`week_starts`).
    rule : str or ChatRule
        Marketplace rule set.
    tickets, messages, reviews : pandas.DataFrame, optional
        Default: the shop's datasets.
    """
    import pandas as pd

    tickets, messages, reviews = _tables(tickets, messages, reviews)
    chat_rule = get_chat_rule(rule)
    start = pd.Timestamp(week)
    end = start + pd.Timedelta(days=7)
    rate = chat_response_rate(tickets, messages, chat_rule, as_of=end - pd.Timedelta(days=1))
    ok = rate == rate and rate >= chat_rule.target
    colour = "#2e7d32" if ok else "#c62828"
    shown = "—" if rate != rate else vn.format_percent(rate)
    width = 0 if rate != rate else round(100 * rate)
    parts = [
        f"<h3>{html.escape(t('care.widget.week'))} {vn.format_date(start.date())}</h3>",
        "<p><b>"
        + html.escape(
            t(
                "care.widget.rate",
                rules=chat_rule.name,
                window=chat_rule.window_days,
                rate=shown,
                threshold=vn.format_percent(chat_rule.target),
            )
        )
        + "</b></p>",
        '<div style="position:relative;width:420px;height:18px;background:#eee">'
        f'<div style="width:{width}%;height:18px;background:{colour}"></div>'
        f'<div style="position:absolute;left:{round(100 * chat_rule.target)}%;top:-3px;'
        'width:2px;height:24px;background:#000"></div></div>',
        "<p><small>"
        + html.escape(t("care.widget.source", kind=chat_rule.source_label, year=chat_rule.year))
        + "</small></p>",
    ]
    created = pd.to_datetime(tickets["created"])
    week_tickets = tickets.loc[(created >= start) & (created < end)]
    parts.append(f"<h4>{html.escape(t('care.widget.slowest'))}</h4>")
    if week_tickets.empty:
        parts.append(f"<p>{html.escape(t('care.widget.none'))}</p>")
    else:
        ids = set(week_tickets["ticket_id"])
        frt = first_response_hours(week_tickets, messages.loc[messages["ticket_id"].isin(ids)])
        slow = (
            week_tickets.set_index("ticket_id")
            .loc[frt.index, [c for c in ("created", "channel", "topic") if c in week_tickets]]
            .assign(wait_hours=frt)
            .sort_values("wait_hours", ascending=False, na_position="first")
            .head(5)
            .reset_index()
        )
        slow["wait_hours"] = slow["wait_hours"].map(_hours)
        if "created" in slow:
            slow["created"] = pd.to_datetime(slow["created"]).map(_clock)
        parts.append(_table_html(slow))
    review_time = pd.to_datetime(reviews["created"])
    week_reviews = reviews.loc[(review_time >= start) & (review_time < end)]
    parts.append(f"<h4>{html.escape(t('care.widget.complaints'))}</h4>")
    report = top_complaints(week_reviews, n=3, quotes=1) if len(week_reviews) else None
    if report is None or report.empty:
        parts.append(f"<p>{html.escape(t('care.widget.none'))}</p>")
    else:
        report = report.assign(
            share=report["share"].map(vn.format_percent),
            examples=report["examples"].map(lambda q: "“" + q[0] + "”" if q else ""),
        )
        parts.append(_table_html(report))
    return "\n".join(parts)


def care_dashboard(tickets=None, messages=None, reviews=None) -> Any:
    """The ipywidgets dashboard: week and rule-set pickers above :func:`render_panel`."""
    import ipywidgets as widgets

    tickets, messages, reviews = _tables(tickets, messages, reviews)
    weeks = week_starts(tickets)
    week = widgets.Dropdown(
        options=[(vn.format_date(dt.date.fromisoformat(w)), w) for w in weeks],
        value=weeks[-1],
        description=t("care.widget.week"),
        style={"description_width": "initial"},
    )
    rule = widgets.Dropdown(
        options=[(r.name, key) for key, r in CHAT_RULES.items()],
        value="shopee",
        description=t("care.widget.rules"),
        style={"description_width": "initial"},
    )
    panel = widgets.HTML()

    def update(_: object = None) -> None:
        panel.value = render_panel(week.value, rule.value, tickets, messages, reviews)

    week.observe(update, names="value")
    rule.observe(update, names="value")
    update()
    return widgets.VBox([widgets.HBox([week, rule]), panel])
