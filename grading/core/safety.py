"""File and text safety, one rule each: atomic writes, secrets, spreadsheets, terminals.

Every file ``hocso`` writes for a trainer goes through :func:`atomic_write_bytes`
(a temporary file beside the target, flushed, then ``os.replace``), so a crash
never leaves half a file, and the file gets the mode a plain ``open(path, "w")``
would give (0o666 minus the umask; ``tempfile.mkstemp`` alone gives 0o600).
Secrets (the certificate secret, the identity key) go through
:func:`secret_file`: created once, mode 0600, never overwritten.

Text that came from a learner or a roster (names, groups, comments, ids) is
hostile. It is cleaned once, where it enters (:func:`clean_text`: NFC, control
and bidirectional-override characters removed), then escaped for each output:
HTML by Jinja2's autoescape, spreadsheets and CSV files by
:func:`spreadsheet_safe` (one rule for every export), terminals by
:func:`terminal_safe`, matplotlib with ``text.parse_math`` off (no TeX).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import unicodedata
from pathlib import Path

__all__ = [
    "FORMULA_START",
    "atomic_copy",
    "atomic_write_bytes",
    "atomic_write_text",
    "clean_text",
    "file_mode",
    "secret_file",
    "spreadsheet_safe",
    "terminal_safe",
]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode a plain ``open(path, "w")`` would give: 0o666 minus the user's umask.

    Examples
    --------
    >>> old = os.umask(0o027)
    >>> oct(file_mode())
    '0o640'
    >>> _ = os.umask(old)
    """
    return 0o666 & ~_umask()


def _replace_from_temp(target: Path, fill) -> None:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        fill(fd, tmp)
        os.chmod(tmp, file_mode())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically, with the user's umask applied.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> atomic_write_bytes(d / "a" / "x.bin", b"ok")
    >>> (d / "a" / "x.bin").read_bytes(), sorted(p.name for p in (d / "a").iterdir())
    (b'ok', ['x.bin'])
    """

    def fill(fd: int, _tmp: str) -> None:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    _replace_from_temp(target, fill)


def atomic_write_text(target: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``target`` atomically, with the user's umask applied."""
    atomic_write_bytes(target, text.encode("utf-8"))


def atomic_copy(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` through a temporary file, with the user's umask applied."""

    def fill(fd: int, tmp: str) -> None:
        os.close(fd)
        shutil.copyfile(source, tmp)

    _replace_from_temp(target, fill)


def secret_file(path: Path, *, create: bool = True, size: int = 32) -> str | None:
    """The text of a secret file, created once (``size`` random bytes as hex, mode 0600).

    Never overwrites an existing file (two processes creating it at once agree
    on the first one written). ``None`` when it is missing and ``create`` is False.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "s" / "key"
    >>> first = secret_file(p)
    >>> len(first), secret_file(p) == first, oct(p.stat().st_mode & 0o777)
    (64, True, '0o600')
    """
    path = Path(path)
    if create and not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(size) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        if create:
            raise
        return None


# ---------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------

#: C0 and C1 controls, DEL, zero-width and bidirectional formatting characters.
_CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
#: Longest text kept from a learner or a roster (a name, a group, an id).
MAX_TEXT = 200


def clean_text(text: object, *, limit: int | None = MAX_TEXT) -> str:
    """A learner's or a roster's text, made safe once where it enters.

    Unicode NFC; control characters (escape sequences, bell), bidirectional
    overrides and zero-width characters removed; tabs and line breaks become
    spaces; runs of spaces one; cut to ``limit`` characters (with ``…``).

    Examples
    --------
    >>> clean_text("Lò\\x1b[31m Thị\\x07 Mai")
    'Lò[31m Thị Mai'
    >>> clean_text("An\\u202eoaN") == "AnoaN"
    True
    >>> clean_text("Nguye\\u0302\\u0303n") == "Nguyễn"
    True
    >>> len(clean_text("x" * 500))
    200
    """
    value = unicodedata.normalize("NFC", str(text))
    value = re.sub(r"[\t\n\r\v\f\u0085\u2028\u2029]", " ", value)
    value = _CONTROL.sub("", value)
    value = " ".join(value.split())
    if limit is not None and len(value) > limit:
        value = value[: limit - 1] + "…"
    return value


def terminal_safe(text: object) -> str:
    """``text`` with control characters (ANSI escapes, bidi overrides) shown as escapes.

    Examples
    --------
    >>> terminal_safe("hv\\x1b[2J01")
    'hv\\\\x1b[2J01'
    >>> terminal_safe("An\\u202e")
    'An\\\\u202e'
    """
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), str(text))


#: A cell starting with one of these is run as a formula (or a DDE command) by
#: Excel, LibreOffice or Google Sheets (OWASP "CSV injection", plus ``|`` and ``%``
#: that LibreOffice and old Excel read as DDE / macro starts).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def spreadsheet_safe(value: object) -> object:
    """A value a spreadsheet shows as typed: texts are never run as formulas.

    Every export (grades CSV, report CSVs, the Excel workbook) uses this one
    rule: a text starting with one of :data:`FORMULA_START` gets a leading
    apostrophe, and control characters are shown as escapes. Numbers and other
    values pass unchanged.

    Examples
    --------
    >>> spreadsheet_safe("=1+1"), spreadsheet_safe("|cmd"), spreadsheet_safe("%x")
    ("'=1+1", "'|cmd", "'%x")
    >>> spreadsheet_safe("Nguyễn Thị Lan"), spreadsheet_safe(-1.5)
    ('Nguyễn Thị Lan', -1.5)
    """
    if not isinstance(value, str):
        return value
    text = terminal_safe(value)
    return "'" + text if text.startswith(FORMULA_START) else text
