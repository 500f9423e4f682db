"""The learner workspace: learner versions copied in, learner changes never overwritten.

A manifest (``.hocso/manifest.json``) records the SHA-256 of every file as we
last copied it. On each sync a file is

* **copied** when it does not exist in the workspace,
* **updated** when it is exactly as we left it and the course has a newer version,
* **kept** when the learner changed it (or it was there before we managed it),
* **unchanged** otherwise.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from grading.core.errors import WorkspaceError

__all__ = ["MANIFEST", "SyncResult", "sync_files"]

MANIFEST = Path(".hocso") / "manifest.json"


@dataclass(frozen=True)
class SyncResult:
    """What a sync did, as workspace-relative paths."""

    copied: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = field(default=())


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _file_mode() -> int:
    """The mode a plain ``open(path, "w")`` would give: 0o666 minus the user's umask.

    ``tempfile.mkstemp`` creates files 0o600 whatever the umask, so a file moved
    into place from it would be unreadable by the other accounts a trainer meant
    to share it with (a workspace prepared for another account, a grades CSV).

    Examples
    --------
    >>> old = os.umask(0o027)
    >>> oct(_file_mode())
    '0o640'
    >>> _ = os.umask(old)
    """
    return 0o666 & ~_umask()


def atomic_copy(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` through a temporary file, so a crash never leaves half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.chmod(tmp, _file_mode())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(target: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``target`` atomically, with the user's umask applied."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, _file_mode())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sync_files(files: Iterable[tuple[Path, str]], workspace: Path) -> SyncResult:
    """Copy ``(source, relative target)`` pairs into ``workspace`` under the rules above."""
    try:
        workspace.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkspaceError(f"cannot create the workspace {workspace}: {exc}") from exc
    manifest_path = workspace / MANIFEST
    try:
        manifest: dict[str, str] = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        manifest = {}
    except (OSError, ValueError) as exc:
        raise WorkspaceError(
            f"{manifest_path} is unreadable ({exc}); delete it to start tracking again "
            "(your notebooks are kept either way)"
        ) from exc
    done: dict[str, list[str]] = {"copied": [], "updated": [], "kept": [], "unchanged": []}
    for source, relative in files:
        target = workspace / relative
        new_hash = _sha256(source)
        if not target.exists():
            atomic_copy(source, target)
            manifest[relative] = new_hash
            done["copied"].append(relative)
            continue
        current = _sha256(target)
        if manifest.get(relative) != current:
            done["kept" if current != new_hash else "unchanged"].append(relative)
            if current == new_hash:
                manifest[relative] = new_hash
            continue
        if current == new_hash:
            done["unchanged"].append(relative)
            continue
        atomic_copy(source, target)
        manifest[relative] = new_hash
        done["updated"].append(relative)
    atomic_write_text(
        manifest_path, json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False)
    )
    return SyncResult(**{k: tuple(v) for k, v in done.items()})
