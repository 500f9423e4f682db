"""``hocso collect``: copy the latest submission of each learner from the exchange.

Every inbound folder is hostile data and fails alone, with its reason
(:attr:`CollectResult.skipped`), while the others are collected:

- its name must parse as ``<id>+<assignment>+<time>[+<random>]`` with a roster-shaped id
  (lowercase ASCII) of an enrolled learner;
- **who**: where learners have their own OS accounts (``identity="owner"``,
  nbgrader's ``ExchangeCollect.check_owner = True``) the folder must belong to
  the account named like the id; on a shared account, once tokens were issued
  (:func:`issue_tokens`, a trainer's action, ``identity="token"``) the folder
  must hold the learner's ``.hocso-identity`` file, an HMAC of their id and
  their enrolment's nonce under the course's secret key (``.hocso/identity.key``,
  never in the exchange): no token without an enrolment, and a removed,
  renamed or re-issued enrolment's token no longer works. Without either,
  submissions are collected and marked ``verified=False``;
- **what**: regular files only (``lstat``; no symlinks, FIFOs, devices, hard links),
  size, file-count and depth caps; notebooks must be JSON with at most
  ``max_cells`` cells; an nbformat 3 notebook is upgraded to 4;
- **hub** (``$HOCSO_EXCHANGE_URL`` or ``c.HubExchange.url`` set): submissions
  come from the hub's exchange service (:mod:`grading.exchange.remote`), which
  proved the submitter (their hub token) and the time (its clock);
- **when**: the submission time is the inbound folder's change time (``ctime``,
  which no user can set back) capped by the collect time; the learner's own
  ``timestamp.txt`` (and the time in the folder name) are kept as information
  only (``.hocso-learner-timestamp.txt``). Lateness uses the trusted time,
  which is also written as the collected ``timestamp.txt`` nbgrader reads.

A newer submission replaces an older one and is reported (``action="updated"``,
``replaced`` the time of the one it replaced).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from grading.classroom.cohort import Cohort, open_cohort
from grading.core.errors import CohortError
from grading.core.files import Caps, copy_files, read_regular, scan_folder
from grading.core.html import terminal_safe
from grading.core.messages import say
from grading.core.times import read_timestamp
from grading.exchange.identity import (
    IDENTITY_FILE,
    course_key,
    parse_inbound_name,
    token_matches,
    write_identity,
)

__all__ = [
    "CollectResult",
    "Collected",
    "Skipped",
    "collect",
    "inbound_submissions",
    "issue_tokens",
    "name_time",
]

IDENTITY_MODES = ("auto", "owner", "token", "none")
_LEARNER_STAMP = ".hocso-learner-timestamp.txt"
_INBOUND_MARK = ".hocso-inbound"  # name of the inbound folder a submission was collected from
_NBGRADER_TIME = "%Y-%m-%d %H:%M:%S.%f UTC"


@dataclass(frozen=True)
class Collected:
    """One learner's collected submission."""

    learner: str
    timestamp: dt.datetime | None  # naive UTC, trusted (inbound folder ctime)
    action: str  # "new", "updated" or "unchanged"
    late: bool
    on_roster: bool
    verified: bool = False  # identity proven (owner or token)
    replaced: dt.datetime | None = None  # time of the submission an update replaced
    learner_timestamp: str = ""  # what the learner's timestamp.txt said (information only)
    upgraded: tuple[str, ...] = ()  # notebooks upgraded from nbformat 3
    skipped_files: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skipped:
    """An inbound folder that was not collected, and why."""

    folder: str  # its name, safe to print
    reason: str


@dataclass(frozen=True)
class CollectResult:
    assignment: str
    rows: tuple[Collected, ...]
    not_submitted: tuple[str, ...]  # enrolled learners with no submission
    skipped: tuple[Skipped, ...] = ()
    identity: str = "none"  # how submitters were verified

    @property
    def unknown(self) -> tuple[str, ...]:
        """Submitters who are not on the roster (check the id they used)."""
        return tuple(r.learner for r in self.rows if not r.on_roster)


def _ctime(path: Path) -> dt.datetime:
    info = os.lstat(path)
    when = dt.datetime.fromtimestamp(info.st_ctime, dt.timezone.utc).replace(tzinfo=None)
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    return min(when, now)


def name_time(path: Path) -> dt.datetime:
    """The time written in an inbound folder's name (naive UTC).

    The learner's own clock: for :func:`grading.verbs.demo.demo`'s designed clock and
    tests only, never to decide lateness of real submissions (pass it as
    ``collect(..., received=name_time)``).
    """
    from nbgrader.utils import parse_utc

    parsed = parse_inbound_name(path.name)
    if parsed is None:
        raise ValueError("the folder name does not parse")
    try:
        return parse_utc(parsed[2])
    except (ValueError, OverflowError):
        raise ValueError("the time in the folder name does not parse") from None


def inbound_submissions(cohort: Cohort, assignment: str) -> dict[str, dt.datetime]:
    """Time of each id's newest submission waiting in the exchange's inbound folder.

    The newest inbound folder (by ``ctime``) of an id that was already collected
    reports the collected time, so ``hocso status`` counts only what is new.
    """
    from grading.exchange.remote import hub_exchange_url

    if hub_exchange_url(cohort.config()):
        return _hub_submissions(cohort, assignment)
    inbound = cohort.exchange_root / cohort.course_id / "inbound"
    newest: dict[str, tuple[dt.datetime, str]] = {}
    if not inbound.is_dir():
        return {}
    for path in inbound.iterdir():
        parsed = parse_inbound_name(path.name)
        if parsed is None or parsed[1] != assignment:
            continue
        try:
            when = _ctime(path)
        except OSError:
            continue
        if parsed[0] not in newest or when > newest[parsed[0]][0]:
            newest[parsed[0]] = (when, path.name)
    latest = {}
    for learner, (when, name) in newest.items():
        folder = cohort.folder("submitted", learner, assignment)
        stamp = read_timestamp(folder)
        try:
            collected_from = (folder / _INBOUND_MARK).read_text(encoding="utf-8").strip()
        except OSError:
            collected_from = ""
        if stamp is not None and collected_from:
            collected_ctime = _ctime_or_none(inbound / collected_from)
            if name == collected_from or (collected_ctime is not None and when <= collected_ctime):
                when = stamp
            else:
                when = max(when, stamp + dt.timedelta(microseconds=1))
        latest[learner] = when
    return latest


def _hub_submissions(cohort: Cohort, assignment: str) -> dict[str, dt.datetime]:
    """:func:`inbound_submissions` from the hub's exchange service (its clock's times)."""
    from grading.exchange.remote import ExchangeClient, RemoteError, hub_exchange_url

    try:
        client = ExchangeClient(hub_exchange_url(cohort.config()))
        rows = client.submissions(cohort.course_id, assignment=assignment)
    except RemoteError as error:
        raise CohortError(
            say("hocso.error.hub_exchange_unreadable", detail=error.message)
        ) from None
    latest: dict[str, dt.datetime] = {}
    for row in rows:  # oldest first
        latest[row["learner"]] = dt.datetime.strptime(row["timestamp"], _NBGRADER_TIME)
    for learner, when in latest.items():
        stamp = read_timestamp(cohort.folder("submitted", learner, assignment))
        if stamp is not None and stamp >= when:
            latest[learner] = stamp  # already collected: nothing new
    return latest


def _ctime_or_none(path: Path) -> dt.datetime | None:
    try:
        return _ctime(path)
    except OSError:
        return None


def issue_tokens(
    learners: list[str], folders: dict[str, Path], *, cohort: Cohort | None = None
) -> dict[str, Path]:
    """Enrol each learner on their workspace and write their token there (a trainer's action).

    For a shared computer account, e.g. ``folders = {"hv01":
    Path("/home/lop/.hoc-vien/hv01")}``. Each call is a new enrolment (a new
    nonce): a token issued before for that id stops working. From then on
    ``collect`` (``identity`` ``"auto"``) refuses a submission for that id that
    does not carry its current token.
    """
    from grading.classroom.enrolments import enrol

    cohort = cohort or open_cohort()
    key = course_key(cohort.state_dir, create=True)
    assert key is not None
    written = {}
    for learner in learners:
        if learner in folders:
            enrolment = enrol(cohort.state, learner, folders[learner])
            written[learner] = write_identity(
                folders[learner], key, cohort.course_id, learner, enrolment.nonce
            )
    return written


def _owner_name(path: Path) -> str:
    import pwd

    uid = os.lstat(path).st_uid
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _check_notebook(data: bytes, name: str, max_cells: int) -> tuple[bytes, bool]:
    """The notebook's bytes (upgraded to nbformat 4 if it was 3), or ValueError over a cap.

    A file that is not a notebook at all is kept as it is: ``hocso autograde``
    fails it alone, with the reason, so the trainer can ask for it again.
    """
    try:
        nb = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return data, False
    if type(nb) is not dict:
        return data, False
    if nb.get("nbformat") == 3:
        import nbformat

        worksheets = nb.get("worksheets")
        cells = sum(len(w.get("cells", [])) for w in worksheets if isinstance(w, dict)) if (
            isinstance(worksheets, list)) else 0  # fmt: skip
        if cells > max_cells:
            raise ValueError(f"{name} has {cells} cells (cap {max_cells})")
        try:
            upgraded = nbformat.convert(nbformat.from_dict(nb), 4)
        except Exception:  # nbformat's own reasons; autograde will say why
            return data, False
        return json.dumps(upgraded, ensure_ascii=False, indent=1).encode("utf-8"), True
    cells = nb.get("cells")
    if type(cells) is list and len(cells) > max_cells:
        raise ValueError(f"{name} has {len(cells)} cells (cap {max_cells})")
    return data, False


def _decide_identity(cohort: Cohort, identity: str) -> str:
    if identity not in IDENTITY_MODES:
        raise CohortError(
            say("hocso.error.identity_mode", choices=", ".join(IDENTITY_MODES), value=identity)
        )
    if identity != "auto":
        return identity
    settings = cohort.config()
    if settings["ExchangeCollect"].get("check_owner") is True:
        return "owner"
    return "token" if course_key(cohort.state_dir) is not None else "none"


def _stage(
    cohort: Cohort,
    path: Path,
    learner: str,
    *,
    mode: str,
    key: bytes | None,
    nonces: dict[str, str],
    caps: Caps,
    max_cells: int,
    staging: Path,
) -> tuple[Path, bool, tuple[str, ...], tuple[str, ...], str]:
    """Copy one inbound folder into ``staging``; ValueError with the reason if refused."""
    scan = scan_folder(path, caps)
    if scan.refused:
        raise ValueError(scan.refused)
    names = {rel for rel, _ in scan.files}
    verified = False
    if mode == "owner":
        owner = _owner_name(path)
        if owner != learner:
            raise ValueError(f"submitted by the account {owner!r}, not {learner!r}")
        verified = True
    elif mode == "token":
        assert key is not None
        if IDENTITY_FILE not in names:
            raise ValueError(f"no {IDENTITY_FILE} token: not proven to come from {learner}")
        if learner not in nonces:
            raise ValueError(
                f"{learner} holds no token (never issued, or revoked when the id was removed or "
                f"renamed): issue one with `hocso roster token {learner}`"
            )
        text = read_regular(path / IDENTITY_FILE, 4096).decode("ascii", "replace")
        if not token_matches(text, key, cohort.course_id, learner, nonces[learner]):
            raise ValueError(
                f"the {IDENTITY_FILE} token is not {learner}'s current one (another id's, "
                "or one issued before the last `hocso roster token`)"
            )
        verified = True
    if not any(rel.endswith(".ipynb") and "/" not in rel for rel in names):
        raise ValueError("no notebook in the submission")
    target = staging / learner
    target.mkdir(parents=True)
    refused = copy_files(path, target, scan.files, max_bytes=caps.max_bytes)
    if refused:
        raise ValueError(f"{refused[0]} changed while it was copied")
    upgraded = []
    for rel in sorted(names):
        if rel.endswith(".ipynb") and "/" not in rel:
            data, was_v3 = _check_notebook((target / rel).read_bytes(), rel, max_cells)
            if was_v3:
                (target / rel).write_bytes(data)
                upgraded.append(rel)
    return target, verified, tuple(upgraded), scan.skipped, ""


def collect(
    assignment: str,
    *,
    cohort: Cohort | None = None,
    identity: str = "auto",
    caps: Caps | None = None,
    max_cells: int = 10_000,
    received: Callable[[Path], dt.datetime] | None = None,
) -> CollectResult:
    """Collect ``assignment`` from the exchange (newer submissions replace older ones).

    Parameters
    ----------
    identity : {"auto", "owner", "token", "none"}
        How a submission is proven to come from the learner it names (see the
        module docstring); ``auto``: ``owner`` when ``ExchangeCollect.check_owner``
        is set, ``token`` once tokens were issued, else ``none``.
    caps : Caps
        Size, file-count and depth caps of one submission.
    max_cells : int
        Most cells one notebook may have.
    received : callable, optional
        ``received(inbound folder) -> naive UTC`` time of a submission; default
        the folder's ``ctime`` (capped by now), which no learner can set back.

    Raises
    ------
    CohortError
        If the assignment was never released to this exchange.
    """
    cohort = cohort or open_cohort()
    from grading.exchange.remote import hub_exchange_url

    if hub_exchange_url(cohort.config()) and received is None:
        return _collect_from_hub(assignment, cohort=cohort, caps=caps, max_cells=max_cells)
    inbound = cohort.exchange_root / cohort.course_id / "inbound"
    if not (cohort.exchange_root / cohort.course_id / "outbound" / assignment).is_dir():
        raise CohortError(
            say("hocso.error.never_released", assignment=assignment, exchange=cohort.exchange_root)
        )
    if not inbound.is_dir():
        raise CohortError(say("hocso.error.no_inbound", inbound=inbound))
    caps = caps or Caps()
    mode = _decide_identity(cohort, identity)
    key = course_key(cohort.state_dir) if mode == "token" else None
    nonces: dict[str, str] = {}
    if mode == "token":
        from grading.classroom.enrolments import read_enrolments

        nonces = {k: e.nonce for k, e in read_enrolments(cohort.state).items()}
    with cohort.gradebook() as gradebook:
        enrolled = {s.id for s in gradebook.students}
        due = gradebook.find_assignment(assignment).duedate
    skipped: list[Skipped] = []
    candidates: dict[str, list[tuple[dt.datetime, Path, str]]] = {}
    for path in sorted(inbound.iterdir()):
        shown = terminal_safe(path.name)[:200]
        parsed = parse_inbound_name(path.name)
        if parsed is None:
            if f"+{assignment}+" in path.name:
                skipped.append(
                    Skipped(shown, "the folder name does not parse as id+assignment+time")
                )
            continue
        learner, name_assignment, stamp_text = parsed
        if name_assignment != assignment:
            continue
        if learner not in enrolled:
            skipped.append(Skipped(shown, f"{learner} is not on the roster"))
            continue
        try:
            when = (received or _ctime)(path)
        except (OSError, ValueError) as error:
            skipped.append(Skipped(shown, f"no submission time ({error})"))
            continue
        candidates.setdefault(learner, []).append((when, path, stamp_text))
    rows = []
    staging = Path(tempfile.mkdtemp(prefix="hocso-collect-"))
    try:
        for learner in sorted(candidates):
            # newest first; a refused one never hides an older good one
            for when, path, _stamp in sorted(candidates[learner], reverse=True):
                try:
                    row = _collect_one(cohort, assignment, learner, path, when, due,
                                       mode=mode, key=key, nonces=nonces, caps=caps,
                                       max_cells=max_cells, staging=staging)  # fmt: skip
                except (ValueError, OSError) as error:
                    skipped.append(Skipped(terminal_safe(path.name)[:200], str(error)))
                    continue
                rows.append(row)
                break
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    seen = {r.learner for r in rows}
    for learner in cohort.learners_in("submitted", assignment):
        if learner not in seen and learner in enrolled:
            when = read_timestamp(cohort.folder("submitted", learner, assignment))
            rows.append(Collected(learner, when, "unchanged", bool(due and when and when > due),
                                  True))  # fmt: skip
    rows.sort(key=lambda r: r.learner)
    missing = tuple(sorted(enrolled - {r.learner for r in rows}))
    return CollectResult(assignment, tuple(rows), missing, tuple(skipped), mode)


def _collect_from_hub(
    assignment: str, *, cohort: Cohort, caps: Caps | None, max_cells: int
) -> CollectResult:
    """Collect from the hub's exchange service: its newest submission of each learner.

    The service proved who submitted (the hub token) and when (its clock): the
    submissions are pulled into a private temporary exchange, then collected
    with the same file checks, that time, and ``verified`` set.
    """
    import dataclasses

    from grading.exchange.remote import (
        ExchangeClient,
        RemoteError,
        hub_exchange_url,
        pull_submissions,
    )

    client = ExchangeClient(hub_exchange_url(cohort.config()))
    released = {r["assignment"] for r in client.releases(cohort.course_id)}
    if assignment not in released:
        raise CohortError(
            say("hocso.error.never_released", assignment=assignment, exchange=client.url)
        )
    staging = Path(tempfile.mkdtemp(prefix="hocso-hub-collect-"))
    try:
        (staging / cohort.course_id / "outbound" / assignment).mkdir(parents=True)
        inbound = staging / cohort.course_id / "inbound"
        try:
            times = pull_submissions(client, cohort.course_id, assignment, inbound)
        except RemoteError as error:
            raise CohortError(
                say(
                    "hocso.error.hub_collect_failed",
                    assignment=assignment,
                    url=client.url,
                    detail=error,
                )
            ) from None
        local = dataclasses.replace(cohort, exchange_root=staging)
        result = collect(assignment, cohort=local, identity="none", caps=caps,
                         max_cells=max_cells, received=lambda path: times[path.name])  # fmt: skip
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    rows = tuple(dataclasses.replace(r, verified=r.on_roster) for r in result.rows)
    return dataclasses.replace(result, rows=rows, identity="hub")


def _collect_one(
    cohort: Cohort,
    assignment: str,
    learner: str,
    path: Path,
    when: dt.datetime,
    due: dt.datetime | None,
    *,
    mode: str,
    key: bytes | None,
    nonces: dict[str, str],
    caps: Caps,
    max_cells: int,
    staging: Path,
) -> Collected:
    dest = cohort.folder("submitted", learner, assignment)
    before = read_timestamp(dest) if dest.is_dir() else None
    late = bool(due and when > due)
    if before is not None and before >= when:
        return Collected(learner, before, "unchanged", bool(due and before > due), True,
                         verified=mode != "none")  # fmt: skip
    target, verified, upgraded, skipped_files, _ = _stage(
        cohort, path, learner, mode=mode, key=key, nonces=nonces, caps=caps,
        max_cells=max_cells, staging=staging,
    )  # fmt: skip
    learner_stamp = ""
    stamp = target / "timestamp.txt"
    if stamp.is_file():
        learner_stamp = terminal_safe(stamp.read_bytes()[:100].decode("utf-8", "replace").strip())
        (target / _LEARNER_STAMP).write_text(learner_stamp + "\n", encoding="utf-8")
    stamp.write_text(when.strftime(_NBGRADER_TIME), encoding="utf-8")
    (target / _INBOUND_MARK).write_text(path.name, encoding="utf-8")
    action = "new" if not dest.is_dir() else "updated"
    dest.parent.mkdir(parents=True, exist_ok=True)
    if dest.is_dir():
        old = dest.with_name(f".{assignment}.replaced")
        shutil.rmtree(old, ignore_errors=True)
        dest.rename(old)
        shutil.move(str(target), str(dest))
        shutil.rmtree(old, ignore_errors=True)
    else:
        shutil.move(str(target), str(dest))
    return Collected(
        learner,
        when,
        action,
        late,
        True,
        verified=verified,
        replaced=before if action == "updated" else None,
        learner_timestamp=learner_stamp,
        upgraded=upgraded,
        skipped_files=skipped_files,
    )
