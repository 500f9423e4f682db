"""The learner side of the shared-account identity proof (see :mod:`grading.verbs.collect`).

``hocso release --learner-config DIR --learner ID`` writes the learner's token
to ``DIR/.hocso-identity`` and points the JupyterLab there at
:class:`TokenSubmit`, which is nbgrader's own ``ExchangeSubmit`` plus one step:
the token is copied into the submission in the exchange's inbound folder, where
``hocso collect`` checks it against the course key (which never leaves the
trainer's course folder).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from nbgrader.exchange.default import ExchangeSubmit

from grading.exchange.identity import IDENTITY_FILE

__all__ = ["TokenSubmit"]


class TokenSubmit(ExchangeSubmit):
    """``ExchangeSubmit`` that adds the learner's ``.hocso-identity`` token to the submission."""

    def do_copy(self, src: str, dest: str, log: object = None) -> None:
        super().do_copy(src, dest, log=log)
        inbound = os.path.realpath(getattr(self, "inbound_path", "") or "")
        if not inbound or not os.path.realpath(dest).startswith(inbound + os.sep):
            return  # the learner's own cache copy
        token = Path(self.coursedir.root, IDENTITY_FILE)
        if token.is_file() and not token.is_symlink():
            copy = Path(dest, IDENTITY_FILE)
            shutil.copyfile(token, copy)
            os.chmod(copy, 0o600)  # in the exchange too: not for other accounts to read
