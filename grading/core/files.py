"""Files from the exchange (or a USB stick) as hostile data.

Everything a learner hands in is read with ``lstat`` first: only regular files
with one link are taken (no symlinks, FIFOs, devices, sockets or hard links
to files outside), folders are walked without following links, and a
submission over its size, file-count or depth cap is refused as a whole.
Files are opened with ``O_NOFOLLOW | O_NONBLOCK`` and checked again with
``fstat``, so a file swapped for a FIFO or a link between the scan and the
copy is refused too.

The inbound folder name rule and the per-learner token are in
:mod:`grading.exchange.identity`.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Caps",
    "Scan",
    "copy_files",
    "matches",
    "scan_folder",
]


@dataclass(frozen=True)
class Caps:
    """Limits of one submission folder."""

    max_bytes: int = 64 << 20
    max_files: int = 500
    max_depth: int = 8
    max_file_bytes: int = 32 << 20


@dataclass(frozen=True)
class Scan:
    """Regular files of a folder (relative POSIX paths, sizes) and why others were left out.

    ``refused`` is set when the folder as a whole must not be used.
    """

    files: tuple[tuple[str, int], ...]
    skipped: tuple[str, ...]
    refused: str = ""


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def scan_folder(folder: str | Path, caps: Caps = Caps()) -> Scan:
    """Regular files under ``folder``, never following a link.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> _ = open(os.path.join(d, "a.csv"), "w").write("x")
    >>> os.symlink("/etc/passwd", os.path.join(d, "b"))
    >>> s = scan_folder(d)
    >>> s.files, s.skipped
    ((('a.csv', 1),), ('b: a symbolic link',))
    """
    root = Path(folder)
    try:
        top = os.lstat(root)
    except OSError as error:
        return Scan((), (), f"cannot read {root.name}: {error.strerror}")
    if not stat.S_ISDIR(top.st_mode):
        return Scan((), (), f"{root.name} is {_kind(top.st_mode)}, not a folder")
    files: list[tuple[str, int]] = []
    skipped: list[str] = []
    total = 0
    stack: list[tuple[Path, str, int]] = [(root, "", 0)]
    while stack:
        path, rel, depth = stack.pop()
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as error:
            skipped.append(f"{rel or '.'}: unreadable ({error.strerror})")
            continue
        for entry in entries:
            name = f"{rel}/{entry.name}" if rel else entry.name
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                skipped.append(f"{name}: unreadable")
                continue
            if stat.S_ISDIR(info.st_mode):
                if depth + 1 >= caps.max_depth:
                    return Scan((), (), f"folders nested deeper than {caps.max_depth}")
                stack.append((Path(entry.path), name, depth + 1))
                continue
            if not stat.S_ISREG(info.st_mode):
                skipped.append(f"{name}: {_kind(info.st_mode)}")
                continue
            if info.st_nlink > 1:
                skipped.append(f"{name}: a hard link to another file")
                continue
            if info.st_size > caps.max_file_bytes:
                return Scan((), (), f"{name} is {info.st_size} bytes (cap {caps.max_file_bytes})")
            total += info.st_size
            files.append((name, info.st_size))
            if len(files) > caps.max_files:
                return Scan((), (), f"more than {caps.max_files} files")
            if total > caps.max_bytes:
                return Scan((), (), f"more than {caps.max_bytes} bytes")
    return Scan(tuple(sorted(files)), tuple(skipped))


def read_regular(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file, refusing links, FIFOs, devices and files over ``limit``.

    Raises
    ------
    OSError
        If ``path`` is not a regular file (``ELOOP`` for a link) or too large.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{path}: {_kind(info.st_mode)}")
        if info.st_size > limit:
            raise OSError(f"{path}: {info.st_size} bytes, over the cap of {limit}")
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:
                raise OSError(f"{path}: grew over the cap of {limit} bytes")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def copy_files(
    source: str | Path,
    target: str | Path,
    files: tuple[tuple[str, int], ...] | list[tuple[str, int]],
    *,
    max_bytes: int,
    uid: int | None = None,
) -> list[str]:
    """Copy the scanned ``files`` from ``source`` to ``target``; return those refused."""
    refused = []
    used = 0
    for rel, _size in files:
        parts = Path(rel).parts
        if not parts or any(p in ("", ".", "..") for p in parts) or Path(rel).is_absolute():
            refused.append(rel)
            continue
        try:
            data = read_regular(Path(source, rel), max_bytes - used)
        except OSError:
            refused.append(rel)
            continue
        used += len(data)
        dest = Path(target, rel)
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "wb") as writer:
            writer.write(data)
        if uid is not None:
            os.chown(dest, uid, uid)
            for folder in dest.relative_to(target).parents:
                if str(folder) != ".":
                    os.chown(Path(target, folder), uid, uid)
    return refused


def matches(rel: str, patterns: tuple[str, ...] | list[str]) -> bool:
    """Whether a relative path matches one of the trainer's data-file patterns.

    Examples
    --------
    >>> pats = ("*.csv", "data/*")
    >>> matches("ban-hang.csv", pats), matches("data/anh.png", pats), matches("a.ipynb~", pats)
    (True, True, False)
    """
    return any(fnmatch.fnmatchcase(rel, p) for p in patterns)


# --------------------------------------------------------------------------
# per-learner token (shared computer account)
# --------------------------------------------------------------------------
