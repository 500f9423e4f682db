"""Who handed a submission in: inbound folder names and per-enrolment tokens.

The inbound folder name rule (``<id>+<assignment>+<time>[+<random>]``) and the
submission token used on a shared computer account (:func:`learner_token`, see
:mod:`grading.verbs.collect`): an HMAC, under the course's secret key, of the
course, the learner id **and the enrolment's nonce**
(:mod:`grading.classroom.enrolments`), so a token dies with its enrolment
(re-issued, learner removed or renamed).

What it protects on a shared account, and what it cannot: it stops a
submission under a made-up or mistyped id, and a learner preparing a lab for
another id (``hocso lab --learner`` never issues a token, and only opens the
workspace the trainer enrolled the id on); it makes a token copied before the
trainer re-issues or removes it useless. It cannot stop a learner who sits at
the same account from reading another learner's files, ``.hocso-identity``
included (or the course key, when the course lives on that account too):
people who share one account and a shell cannot keep a secret from each other.
That is a convenience for a class on one laptop, not security; per-learner
accounts (``hocso hub``) are.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

__all__ = [
    "IDENTITY_FILE",
    "course_key",
    "learner_token",
    "make_private",
    "parse_inbound_name",
    "token_matches",
    "write_identity",
]

IDENTITY_FILE = ".hocso-identity"
_KEY_FILE = "identity.key"


def parse_inbound_name(name: str) -> tuple[str, str, str] | None:
    """``(learner, assignment, time text)`` of an inbound folder name, or None.

    Examples
    --------
    >>> parse_inbound_name("hv01+00-lam-quen+2026-03-01 20:15:03.000000 UTC+a1b2")
    ('hv01', '00-lam-quen', '2026-03-01 20:15:03.000000 UTC')
    >>> parse_inbound_name("=cmd|x+00-lam-quen+2026") is None
    True
    """
    parts = name.split("+")
    if len(parts) not in (3, 4) or not all(parts[:3]):
        return None
    from grading.classroom.roster import ID_PATTERN

    if not ID_PATTERN.match(parts[0]):
        return None
    return parts[0], parts[1], parts[2]


def course_key(state_dir: str | Path, *, create: bool = False) -> bytes | None:
    """The course's secret key (``<course>/.hocso/identity.key``, mode 0600)."""
    from grading.core.safety import secret_file

    path = Path(state_dir, _KEY_FILE)
    text = secret_file(path, create=create)
    if text is None:
        return None
    try:
        return bytes.fromhex(text)
    except ValueError:
        raise ValueError(f"{path} is damaged: delete it and issue the tokens again") from None


def learner_token(key: bytes, course_id: str, learner: str, nonce: str) -> str:
    """The submission token of ``learner``'s enrolment ``nonce``: an HMAC under the course key.

    Examples
    --------
    >>> t = learner_token(b"k" * 32, "kinh-doanh-so", "hv01", "n1")
    >>> len(t), t == learner_token(b"k" * 32, "kinh-doanh-so", "hv02", "n1")
    (32, False)
    >>> t == learner_token(b"k" * 32, "kinh-doanh-so", "hv01", "n2")  # enrolled again
    False
    """
    message = f"hocso-submit-v2\0{course_id}\0{learner}\0{nonce}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def make_private(folder: str | Path) -> None:
    """Mode 0700 on ``folder`` (a learner's workspace): other accounts cannot list or read it."""
    os.chmod(folder, 0o700)


def write_identity(
    folder: str | Path, key: bytes, course_id: str, learner: str, nonce: str
) -> Path:
    """Write the token into ``folder/.hocso-identity``, mode 0600, never through a symlink.

    ``folder`` (the learner's workspace) is made 0700; when it belongs to another
    account (a trainer running as root prepares it), the file is given to that
    account too.
    """
    folder = Path(folder)
    path = folder / IDENTITY_FILE
    if path.is_symlink():
        path.unlink()  # O_NOFOLLOW below refuses to write through one
    text = f"{learner}\n{learner_token(key, course_id, learner, nonce)}\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        os.fchmod(handle.fileno(), 0o600)
        handle.write(text)
        owner = folder.stat().st_uid
        if os.geteuid() == 0 and owner != 0:
            os.fchown(handle.fileno(), owner, folder.stat().st_gid)
    make_private(folder)
    return path


def token_matches(text: str, key: bytes, course_id: str, learner: str, nonce: str) -> bool:
    """Whether an identity file's text proves ``learner``'s current enrolment ``nonce``."""
    lines = text.split()
    return (
        len(lines) == 2
        and lines[0] == learner
        and hmac.compare_digest(lines[1], learner_token(key, course_id, learner, nonce))
    )
