"""Hub accounts of a class: one-time codes, passwords, Unix users with private homes.

Learners are the roster. ``hocso hub`` gives each a one-time code (a printable
Vietnamese list for the trainer to hand out, :func:`code_sheet`); the learner
changes it into a password of their own at first login (the hub's
``/hub/doi-mat-khau`` page, :mod:`grading.hub.auth`), after which the code no
longer works. Codes and passwords are kept only as scrypt hashes, in a 0600 JSON
file owned by root (:class:`PasswordBook`).

Each learner's server runs as their own Unix user (JupyterHub's
``LocalProcessSpawner``) with a home of mode 0700: :func:`ensure_unix_user`
creates it (``useradd``, then ``chmod 0700`` — ``useradd -m`` makes homes 0755
on Debian) and :func:`remove_unix_user` removes it. Both need root.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pwd
import secrets
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from grading.classroom.roster import ID_PATTERN
from grading.classroom.workspace import atomic_write_text
from grading.core.errors import HubError, RootRequired

__all__ = [
    "CODE_ALPHABET",
    "Account",
    "HubError",
    "PasswordBook",
    "RootRequired",
    "code_sheet",
    "ensure_unix_user",
    "hash_secret",
    "new_code",
    "remove_unix_user",
    "require_root",
    "verify_secret",
]

#: One-time codes avoid letters a learner could misread (0/O, 1/l/I).
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
MIN_PASSWORD = 8


def require_root() -> None:
    """Raise :class:`RootRequired` (Vietnamese) unless this process is root."""
    if os.geteuid() != 0:
        raise RootRequired(
            "`hocso hub` cần quyền root (chạy bằng `sudo`): nó tạo tài khoản Unix riêng cho "
            "từng học viên, thư mục nhà riêng tư (0700), và chạy JupyterLab của mỗi học viên "
            "bằng tài khoản của chính họ."
        )


def new_code(length: int = 8) -> str:
    """A random one-time code of unambiguous letters and digits.

    Examples
    --------
    >>> code = new_code()
    >>> len(code), set(code) <= set(CODE_ALPHABET)
    (8, True)
    """
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def hash_secret(secret: str, *, salt: bytes | None = None) -> str:
    """``scrypt$<salt hex>$<hash hex>`` of ``secret``.

    Examples
    --------
    >>> stored = hash_secret("mat-khau-cua-em")
    >>> verify_secret("mat-khau-cua-em", stored), verify_secret("sai", stored)
    (True, False)
    """
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_secret(secret: str, stored: str) -> bool:
    """Whether ``secret`` matches a :func:`hash_secret` value (constant time)."""
    try:
        kind, salt, digest = stored.split("$")
        expected = bytes.fromhex(digest)
        salt_bytes = bytes.fromhex(salt)
    except ValueError:
        return False
    if kind != "scrypt":
        return False
    found = hashlib.scrypt(secret.encode("utf-8"), salt=salt_bytes, **_SCRYPT)
    return hmac.compare_digest(found, expected)


@dataclass(frozen=True)
class Account:
    """A hub account: a one-time code until the learner sets a password."""

    name: str
    code_hash: str = ""  # set while the one-time code is unused
    password_hash: str = ""  # set once the learner chose a password


class PasswordBook:
    """The hub's accounts, in a 0600 JSON file (hashes only), rewritten atomically."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def load(self) -> dict[str, Account]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return {name: Account(name, **fields) for name, fields in raw.items()}

    def save(self, accounts: dict[str, Account]) -> None:
        data = {
            a.name: {"code_hash": a.code_hash, "password_hash": a.password_hash}
            for a in sorted(accounts.values(), key=lambda a: a.name)
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.path, json.dumps(data, indent=1) + "\n")
        os.chmod(self.path, 0o600)

    def issue(self, names: list[str], *, again: bool = False) -> dict[str, str]:
        """One-time codes for ``names`` without an account (every name with ``again``)."""
        accounts = self.load()
        codes = {}
        for name in names:
            if not ID_PATTERN.match(name):
                raise ValueError(f"{name!r} is not a valid account name (roster id)")
            if name in accounts and not again:
                continue
            code = new_code()
            accounts[name] = Account(name, code_hash=hash_secret(code))
            codes[name] = code
        self.save(accounts)
        return codes

    def remove(self, names: list[str]) -> None:
        accounts = self.load()
        for name in names:
            accounts.pop(name, None)
        self.save(accounts)

    def check(self, name: str, password: str) -> bool:
        """Login: only a chosen password works (a one-time code must be changed first)."""
        account = self.load().get(name)
        return bool(account and account.password_hash) and verify_secret(
            password,
            account.password_hash,  # type: ignore[union-attr]
        )

    def change(self, name: str, old: str, new: str) -> str:
        """Set a password from the one-time code (or the current password).

        Returns an empty string, or what went wrong (Vietnamese).
        """
        accounts = self.load()
        account = accounts.get(name)
        if account is None:
            return "Không có tài khoản này."
        proof = account.code_hash or account.password_hash
        if not proof or not verify_secret(old, proof):
            return "Mã dùng một lần hoặc mật khẩu cũ không đúng."
        if len(new) < MIN_PASSWORD:
            return f"Mật khẩu mới cần ít nhất {MIN_PASSWORD} ký tự."
        if new == old:
            return "Mật khẩu mới phải khác mã cũ."
        accounts[name] = Account(name, code_hash="", password_hash=hash_secret(new))
        self.save(accounts)
        return ""


def code_sheet(codes: dict[str, str], names: dict[str, str], *, hub_url: str, course: str) -> str:
    """A printable Vietnamese list: one line per learner with their one-time code.

    Examples
    --------
    >>> print(code_sheet({"hv01": "abc23456"}, {"hv01": "Lò Thị Mai"},
    ...                  hub_url="http://192.168.1.10:8000", course="kds"))
    ... # doctest: +NORMALIZE_WHITESPACE
    Lớp kds — mã đăng nhập dùng một lần
    Địa chỉ: http://192.168.1.10:8000
    Lần đầu: mở http://192.168.1.10:8000/hub/doi-mat-khau, nhập tên đăng nhập và mã dưới đây, rồi đặt mật khẩu riêng (ít nhất 8 ký tự). Mã chỉ dùng được một lần.
    <BLANKLINE>
    Tên đăng nhập  Họ và tên   Mã dùng một lần
    hv01           Lò Thị Mai  abc23456
    """
    rows = [("Tên đăng nhập", "Họ và tên", "Mã dùng một lần")]
    rows += [(n, names.get(n, ""), codes[n]) for n in sorted(codes)]
    widths = [max(len(r[i]) for r in rows) for i in range(2)]
    lines = [
        f"Lớp {course} — mã đăng nhập dùng một lần",
        f"Địa chỉ: {hub_url}",
        f"Lần đầu: mở {hub_url}/hub/doi-mat-khau, nhập tên đăng nhập và mã dưới đây, rồi đặt "
        f"mật khẩu riêng (ít nhất {MIN_PASSWORD} ký tự). Mã chỉ dùng được một lần.",
        "",
    ]
    lines += [f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]}".rstrip() for r in rows]
    return "\n".join(lines) + "\n"


def ensure_unix_user(name: str, *, home_root: str | Path = "/home") -> pwd.struct_passwd:
    """The Unix user ``name``, created if missing, with a private home (0700)."""
    if not ID_PATTERN.match(name):
        raise ValueError(f"{name!r} is not a valid account name (roster id)")
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        require_root()
        home = Path(home_root) / name
        subprocess.run(
            ["useradd", "--create-home", "--home-dir", str(home), "--shell", "/bin/bash",
             "--user-group", name],
            check=True, capture_output=True,
        )  # fmt: skip
        entry = pwd.getpwnam(name)
    home = Path(entry.pw_dir)
    home.mkdir(mode=0o700, exist_ok=True)
    os.chown(home, entry.pw_uid, entry.pw_gid)
    os.chmod(home, 0o700)
    return entry


def remove_unix_user(name: str, *, keep_home: bool = False) -> bool:
    """Remove the Unix user ``name`` (and their home unless ``keep_home``); False if absent."""
    if not ID_PATTERN.match(name):
        raise ValueError(f"{name!r} is not a valid account name (roster id)")
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return False
    require_root()
    subprocess.run(["userdel", name], check=True, capture_output=True)
    if not keep_home and entry.pw_dir not in ("/", "") and Path(entry.pw_dir).is_dir():
        shutil.rmtree(entry.pw_dir, ignore_errors=True)
    return True
