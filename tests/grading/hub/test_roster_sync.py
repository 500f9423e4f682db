"""``hocso hub`` follows the roster: Unix users and accounts created, and removed (root)."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

from tests.grading.hub.conftest import need, server_python

pytestmark = pytest.mark.slow

NAMES = ("hubrm01", "hubrm02")


def _gone(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return True
    return False


def test_accounts_follow_the_roster(cohort):
    need(hasattr(os, "geteuid") and os.geteuid() == 0, "Unix users need root")
    need(shutil.which("configurable-http-proxy") is not None, "configurable-http-proxy")
    from grading.classroom.roster import import_roster, remove_learner
    from grading.hub.accounts import ensure_unix_user, remove_unix_user
    from grading.hub.config import prepare_hub

    base = Path(tempfile.mkdtemp(prefix="hocso-hub-roster-"))
    os.chmod(base, 0o755)
    try:
        roster = base / "roster.csv"
        roster.write_text("id,full_name\nhubrm01,Lò Thị Mai\nhubrm02,Hoàng Văn Nam\n",
                          encoding="utf-8")  # fmt: skip
        import_roster(roster, cohort=cohort)
        ensure_unix_user(NAMES[0], home_root=base / "home")
        python = server_python(base, NAMES[0])
        first = prepare_hub(cohort, folder=base / "hub", home_root=base / "home",
                            server_python=python)  # fmt: skip
        assert set(first.new_codes) == set(NAMES)
        for name in NAMES:
            home = Path(pwd.getpwnam(name).pw_dir)
            assert stat.S_IMODE(home.stat().st_mode) == 0o700
            assert home.stat().st_uid == pwd.getpwnam(name).pw_uid
        sheet = first.codes_file.read_text(encoding="utf-8")
        assert all(first.new_codes[n] in sheet for n in NAMES)
        assert stat.S_IMODE(first.codes_file.stat().st_mode) == 0o600

        remove_learner(NAMES[1], cohort=cohort)
        second = prepare_hub(cohort, folder=base / "hub", home_root=base / "home",
                             server_python=python)  # fmt: skip
        assert second.new_codes == {}  # the one who stays keeps their code or password
        assert second.learners == (NAMES[0],)
        assert _gone(NAMES[1])
        assert (base / "home" / NAMES[1]).is_dir()  # their work stays for the trainer
        accounts = json.loads((base / "hub" / "accounts.json").read_text(encoding="utf-8"))
        assert set(accounts) == {NAMES[0]}
        assert "hubrm02" not in (base / "hub" / "jupyterhub_config.py").read_text()
    finally:
        for name in NAMES:
            remove_unix_user(name)
        shutil.rmtree(base, ignore_errors=True)
