"""Who handed a submission in: inbound folder names and per-learner tokens.

The inbound folder name rule (``<id>+<assignment>+<time>[+<random>]``) and the
per-learner submission token used on a shared computer account
(:func:`learner_token`, see :mod:`grading.verbs.collect`).
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

__all__ = [
    "IDENTITY_FILE",
    "course_key",
    "learner_token",
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


def learner_token(key: bytes, course_id: str, learner: str) -> str:
    """The learner's submission token: an HMAC of their id under the course key.

    Examples
    --------
    >>> t = learner_token(b"k" * 32, "kinh-doanh-so", "hv01")
    >>> len(t), t == learner_token(b"k" * 32, "kinh-doanh-so", "hv02")
    (32, False)
    """
    message = f"hocso-submit-v1\0{course_id}\0{learner}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def write_identity(folder: str | Path, key: bytes, course_id: str, learner: str) -> Path:
    """Write the learner's token into ``folder/.hocso-identity`` (their assignment folder)."""
    path = Path(folder, IDENTITY_FILE)
    path.write_text(f"{learner}\n{learner_token(key, course_id, learner)}\n", encoding="ascii")
    return path


def token_matches(text: str, key: bytes, course_id: str, learner: str) -> bool:
    """Whether an identity file's text proves ``learner``."""
    lines = text.split()
    return (
        len(lines) == 2
        and lines[0] == learner
        and hmac.compare_digest(lines[1], learner_token(key, course_id, learner))
    )
