"""Enrolments of a shared computer account: which learner id works in which workspace.

A trainer enrols a learner on a workspace (``hocso roster token ID``); the
enrolment holds a random **nonce** and the workspace's absolute path, kept in
the cohort's state document ``enrolments.json`` (:mod:`grading.classroom.state`:
a file in ``.hocso`` beside SQLite, a row beside PostgreSQL). The learner's
submission token is derived from it (:func:`grading.exchange.identity.learner_token`),
so:

* enrolling again gives a new nonce: the previous token stops working;
* removing or renaming the learner deletes the enrolment
  (:func:`revoke`): their token stops working, and an id given later to someone
  else starts from a new nonce;
* ``hocso lab --learner ID`` never enrols: it only opens the workspace the
  trainer enrolled the id on.

Examples
--------
>>> enrolments = parse_enrolments('{"hv01": {"nonce": "ab", "workspace": "/w/hv01", '
...                               '"issued": "2026-03-01T10:00:00+00:00"}}')
>>> enrolments["hv01"].workspace
'/w/hv01'
>>> parse_enrolments("[]")
Traceback (most recent call last):
...
ValueError: enrolments.json holds list, not an object
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from grading.classroom.state import State

__all__ = ["ENROLMENTS", "Enrolment", "enrol", "parse_enrolments", "read_enrolments", "revoke"]

#: The state document's name.
ENROLMENTS = "enrolments.json"


@dataclass(frozen=True)
class Enrolment:
    """One learner id enrolled on one workspace."""

    learner: str
    nonce: str
    workspace: str
    issued: str


def parse_enrolments(text: str | None) -> dict[str, Enrolment]:
    """Enrolments by learner id; ValueError if ``text`` is not such a document."""
    if text is None:
        return {}
    raw = json.loads(text)
    if not isinstance(raw, dict):
        raise ValueError(f"{ENROLMENTS} holds {type(raw).__name__}, not an object")
    return {
        str(learner): Enrolment(
            learner=str(learner),
            nonce=str(entry["nonce"]),
            workspace=str(entry["workspace"]),
            issued=str(entry.get("issued", "")),
        )
        for learner, entry in raw.items()
    }


def _dump(enrolments: dict[str, Enrolment]) -> str:
    data = {
        k: {f: v for f, v in asdict(e).items() if f != "learner"} for k, e in enrolments.items()
    }
    return json.dumps(dict(sorted(data.items())), indent=1, ensure_ascii=False)


def read_enrolments(state: State) -> dict[str, Enrolment]:
    """The cohort's enrolments (empty when none was ever issued)."""
    return parse_enrolments(state.read(ENROLMENTS))


def enrol(state: State, learner: str, workspace: str | Path) -> Enrolment:
    """Enrol ``learner`` on ``workspace`` with a new nonce (any previous token is revoked)."""
    enrolment = Enrolment(
        learner=learner,
        nonce=secrets.token_hex(16),
        workspace=str(Path(workspace).resolve()),
        issued=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    )

    def change(text: str | None) -> str:
        enrolments = parse_enrolments(text)
        enrolments[learner] = enrolment
        return _dump(enrolments)

    state.update(ENROLMENTS, change)
    return enrolment


def revoke(state: State, learner: str) -> bool:
    """Delete ``learner``'s enrolment (their token stops working); False if there was none."""
    found = []

    def change(text: str | None) -> str | None:
        enrolments = parse_enrolments(text)
        found.append(enrolments.pop(learner, None))
        return _dump(enrolments) if text is not None else None

    state.update(ENROLMENTS, change)
    return found[0] is not None
