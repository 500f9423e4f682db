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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from grading.core.errors import WorkspaceError
from grading.core.messages import say
from grading.core.safety import atomic_copy, atomic_write_text

__all__ = ["MANIFEST", "SyncResult", "atomic_copy", "atomic_write_text", "sync_files"]

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


def sync_files(files: Iterable[tuple[Path, str]], workspace: Path) -> SyncResult:
    """Copy ``(source, relative target)`` pairs into ``workspace`` under the rules above."""
    try:
        workspace.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkspaceError(
            say("hocso.error.workspace_create", workspace=workspace, detail=exc)
        ) from exc
    manifest_path = workspace / MANIFEST
    try:
        manifest: dict[str, str] = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        manifest = {}
    except (OSError, ValueError) as exc:
        raise WorkspaceError(
            say("hocso.error.workspace_manifest", path=manifest_path, detail=exc)
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
