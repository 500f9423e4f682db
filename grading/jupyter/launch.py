"""``hocso lab`` and ``hocso formgrader``: JupyterLab for a learner, and for the trainer.

A learner's JupyterLab is configured entirely by files we generate in its
workspace (``<workspace>/.hocso/``), passed to Jupyter through environment
variables, so it works whatever folder it is started from and whatever the
computer account's own ``~/.jupyter`` holds:

* ``jupyter-config/`` is ``JUPYTER_CONFIG_DIR`` (searched first): the learner's
  ``nbgrader_config.py`` (course id, exchange folder, the learner's id, a
  nbgrader cache of their own, where fetched assignments go, and our exchange
  classes, :mod:`grading.exchange.lab`), ``labconfig/page_config.json`` (trainer
  tools hidden) and ``jupyter_server_config.json`` (our translations on,
  Formgrader's server side off);
* ``lab-settings/`` is ``JUPYTERLAB_SETTINGS_DIR``: Vietnamese interface, no news
  popup, a code font that draws Vietnamese marks in place;
* ``learner.json`` tells the course map notebook who the learner is.

Learners sharing one computer account each get their own workspace
(``<workspace>/.hoc-vien/<id>``, mode 0700, hidden from the self-study file
browser), cache and identity, so one learner's "Fetch Feedback" never sees
another's submission. The identity is the trainer's to give
(:func:`enrol_learner`, ``hocso roster token``); a lab only opens the workspace
its id was enrolled on (:func:`require_enrolment`). This shared-account mode is
a convenience, not security (:data:`SHARED_ACCOUNT_NOTE`).
Without ``--learner`` the lab is in self-study mode: the course's assignments are
copied in, and nbgrader's fetch/submit explain in Vietnamese how to join the class.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from grading.classroom.workspace import SyncResult, atomic_write_text, sync_files
from grading.core.course import Course, open_course
from grading.core.defaults import REPO_ROOT, default_workspace
from grading.core.errors import WorkspaceError

__all__ = [
    "CODE_FONT",
    "LEARNERS_DIR",
    "LOCALE",
    "SHARED_ACCOUNT_NOTE",
    "WELCOME_NOTEBOOK",
    "LabIdentity",
    "enrol_learner",
    "formgrader",
    "formgrader_command",
    "lab",
    "lab_command",
    "learner_config_text",
    "learner_workspace",
    "prepare_workspace",
    "require_enrolment",
    "resolve_learner",
]

LOCALE = "vi_VN"
WELCOME_NOTEBOOK = "00-chao-mung.ipynb"
#: Per-learner workspaces live here inside the workspace (hidden in JupyterLab).
LEARNERS_DIR = ".hoc-vien"
#: Monospace fonts with every precomposed Vietnamese letter (ế, ặ, ữ), best first; DejaVu
#: Sans Mono lacks the stacked ones, so it comes last (Debian: fonts-noto-mono;
#: Windows: Consolas, Courier New).
CODE_FONT = (
    "'Noto Sans Mono', 'Noto Mono', 'Liberation Mono', Consolas, 'Courier New', "
    "'DejaVu Sans Mono', monospace"
)
_CONFIG_MARK = "# Written by `hocso lab`"
_OLD_LEARNER_CONFIG_MARK = "# Written by `hocso release --learner-config`"
# Settings a learner may change later in the UI: written only when absent.
_LAB_SETTINGS = {
    # JupyterLab in Vietnamese (jupyterlab-language-pack-vi-VN + grading/labconfig).
    Path("@jupyterlab/translation-extension/plugin.jupyterlab-settings"): {"locale": LOCALE},
    # Offline classrooms: no news feed, no update checks, no popup asking about them.
    Path("@jupyterlab/apputils-extension/notification.jupyterlab-settings"): {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # Stacked Vietnamese marks (ệ, ở, ữ) drawn in place in code cells.
    Path("@jupyterlab/apputils-extension/themes.jupyterlab-settings"): {
        "overrides": {"code-font-family": CODE_FONT}
    },
}
# Trainer tools hidden from learners; the Assignments panel (fetch/submit) stays.
_LEARNER_PAGE_CONFIG = {
    "disabledExtensions": {
        "@jupyter/nbgrader:create-assignment": True,
        "@jupyter/nbgrader:formgrader": True,
        "@jupyter/nbgrader:course-list": True,
    }
}
_LEARNER_SERVER_CONFIG = {
    "ServerApp": {
        "jpserver_extensions": {
            "grading.jupyter.labconfig": True,
            # a learner's server never serves the gradebook
            "nbgrader.server_extensions.formgrader": False,
            "nbgrader.server_extensions.course_list": False,
        }
    }
}
_TRAINER_SERVER_CONFIG = {"ServerApp": {"jpserver_extensions": {"grading.jupyter.labconfig": True}}}
_EXCHANGE_CLASSES = {
    "list": "grading.exchange.lab.LearnerList",
    "fetch_assignment": "grading.exchange.lab.LearnerFetchAssignment",
    "submit": "grading.exchange.lab.LearnerSubmit",
    "fetch_feedback": "grading.exchange.lab.LearnerFetchFeedback",
}


@dataclass(frozen=True)
class LabIdentity:
    """Who a JupyterLab is for: a learner of the roster, or self-study (``learner=None``)."""

    course_id: str
    exchange: Path
    learner: str | None = None
    full_name: str = ""


def learner_workspace(learner: str | None, base: Path | None = None) -> Path:
    """The workspace of ``learner`` (``base/.hoc-vien/<id>``), or ``base`` for self-study.

    Examples
    --------
    >>> learner_workspace("hv01", Path("/srv/ws")).as_posix()
    '/srv/ws/.hoc-vien/hv01'
    >>> learner_workspace(None, Path("/srv/ws")).as_posix()
    '/srv/ws'
    """
    base = base or default_workspace()
    return base if learner is None else base / LEARNERS_DIR / learner


def resolve_learner(cohort, learner: str | None) -> LabIdentity:
    """Check ``learner`` against the cohort's roster.

    Raises
    ------
    WorkspaceError
        If the id is not enrolled (message in Vietnamese: the learner reads it).
    """
    identity = LabIdentity(cohort.course_id, cohort.exchange_root)
    if learner is None:
        return identity
    from grading.classroom.roster import read_roster

    enrolled = {x.id: x for x in read_roster(cohort=cohort)}
    if learner not in enrolled:
        raise WorkspaceError(
            f"mã học viên {learner!r} không có trong danh sách lớp {cohort.course_id} "
            f"({len(enrolled)} học viên). Hãy kiểm tra lại mã giảng viên đã cho bạn "
            "(chữ thường, không dấu, ví dụ hv01); giảng viên thêm học viên bằng "
            "`hocso roster import`."
        )
    return LabIdentity(cohort.course_id, cohort.exchange_root, learner, enrolled[learner].full_name)


#: What the shared-account mode is, printed wherever it is set up (trainer and learner).
SHARED_ACCOUNT_NOTE = (
    "shared-account mode is a convenience, not security: it keeps learners of one computer "
    "account from submitting under a mistyped id or preparing a lab for another id, and a "
    "token stops working when re-issued, removed or renamed; but anyone at this account can "
    "read every learner's files (their .hocso-identity too) and submit as them. For real "
    "identity give each learner an account of their own (hocso hub)."
)


def enrol_learner(cohort, learner: str, workspace: Path | None = None) -> Path:
    """A trainer's action: enrol ``learner`` on ``workspace`` and write their token there.

    The workspace (default :func:`learner_workspace`) is created mode 0700. A new
    enrolment replaces the previous one: the token issued before stops working.

    Raises
    ------
    WorkspaceError
        If ``learner`` is not on the roster.
    """
    from grading.verbs.collect import issue_tokens

    resolve_learner(cohort, learner)
    workspace = Path(workspace or learner_workspace(learner)).resolve()
    workspace.mkdir(parents=True, exist_ok=True)
    issue_tokens([learner], {learner: workspace}, cohort=cohort)
    return workspace


def require_enrolment(cohort, learner: str, workspace: Path) -> None:
    """Refuse (in Vietnamese: the learner reads it) a lab the trainer did not enrol ``learner`` on.

    Raises
    ------
    WorkspaceError
        If ``learner`` has no enrolment, was enrolled on another folder, or the
        folder lacks their current token.
    """
    from grading.classroom.enrolments import read_enrolments
    from grading.exchange.identity import IDENTITY_FILE, course_key, token_matches

    enrolment = read_enrolments(cohort.state).get(learner)
    ask = f"Hãy nhờ giảng viên chạy `hocso roster token {learner}` rồi mở lại JupyterLab."
    if enrolment is None:
        raise WorkspaceError(f"Giảng viên chưa cấp mã nộp bài cho học viên {learner}. {ask}")
    if Path(enrolment.workspace) != Path(workspace).resolve():
        raise WorkspaceError(
            f"Mã nộp bài của học viên {learner} được cấp cho thư mục {enrolment.workspace}, "
            f"không phải {workspace}. Hãy mở đúng thư mục của bạn (`make lab LEARNER={learner}`)."
        )
    key = course_key(cohort.state_dir)
    path = Path(workspace, IDENTITY_FILE)
    try:
        text = path.read_text(encoding="ascii", errors="replace") if not path.is_symlink() else ""
    except OSError:
        text = ""
    if key is None or not token_matches(text, key, cohort.course_id, learner, enrolment.nonce):
        raise WorkspaceError(
            f"Thư mục {workspace} không còn mã nộp bài hiện hành của học viên {learner} "
            f"(mã đã được cấp lại hoặc tệp {IDENTITY_FILE} bị xóa). {ask}"
        )


def learner_config_text(identity: LabIdentity, workspace: Path) -> str:
    """The learner's ``nbgrader_config.py``: this exchange, this learner, their own cache."""
    workspace = Path(workspace).resolve()
    lines = [
        f"{_CONFIG_MARK} for {identity.learner or 'self-study'}; rewritten on every start.",
        "c = get_config()  # noqa: F821",
        f"c.CourseDirectory.course_id = {identity.course_id!r}",
        f"c.Exchange.root = {str(identity.exchange)!r}",
        "# nbgrader's cache of submissions, per learner (not per computer account)",
        f"c.Exchange.cache = {str(workspace / '.hocso' / 'nbgrader-cache')!r}",
        f"c.Exchange.assignment_dir = {str(workspace)!r}",
    ]
    if identity.learner:
        lines += [
            f"c.CourseDirectory.student_id = {identity.learner!r}",
            "# where the learner's submission token (.hocso-identity) is",
            f"c.CourseDirectory.root = {str(workspace)!r}",
        ]
    lines += [f"c.ExchangeFactory.{k} = {v!r}" for k, v in _EXCHANGE_CLASSES.items()]
    return "\n".join(lines) + "\n"


#: Notebooks of notebooks/ for trainers only: never copied into a learner's workspace.
TRAINER_NOTEBOOKS = frozenset({"bang-dieu-khien-giang-vien.ipynb"})


def _workspace_files(
    course: Course, notebooks_dir: Path, *, assignments: bool
) -> list[tuple[Path, str]]:
    files = [
        (p, p.name)
        for p in sorted(notebooks_dir.glob("*.ipynb"))
        if p.name not in TRAINER_NOTEBOOKS
    ]
    if not assignments:
        return files
    for assignment in course.assignments():
        folder = course.release_dir / assignment
        files += [
            (p, f"{assignment}/{p.relative_to(folder).as_posix()}")
            for p in sorted(folder.rglob("*"))
            if p.is_file() and ".ipynb_checkpoints" not in p.parts
        ]
    return files


def _write_json(path: Path, values: dict) -> None:
    atomic_write_text(path, json.dumps(values, indent=2, ensure_ascii=False) + "\n")


def _retire_old_learner_config(workspace: Path) -> None:
    # `hocso release --learner-config workspace` wrote this file; in the server's
    # root folder it would take precedence over the generated configuration.
    old = workspace / "nbgrader_config.py"
    if old.is_file() and old.read_text(encoding="utf-8").startswith(_OLD_LEARNER_CONFIG_MARK):
        old.unlink()


def prepare_workspace(
    course: Course | None = None,
    workspace: Path | None = None,
    *,
    notebooks_dir: Path | None = None,
    rebuild: bool = True,
    learner: str | None = None,
    cohort=None,
) -> SyncResult:
    """Fill a learner's workspace and write its JupyterLab configuration.

    Self-study (``learner=None``): the learner versions of every assignment are
    built and copied in, plus ``notebooks/``. A learner of a cohort gets only
    ``notebooks/`` (welcome, lessons, course map): their assignments come from
    the exchange (fetch in the Assignments panel). Files the learner changed are
    never overwritten. ``workspace`` defaults to :func:`learner_workspace`.

    Raises
    ------
    WorkspaceError
        If ``learner`` is not on the cohort's roster, or the folder is unusable.
    """
    from grading.classroom.cohort import open_cohort

    course = course or (cohort.course if cohort is not None else open_course())
    cohort = cohort or open_cohort(course)
    identity = resolve_learner(cohort, learner)
    workspace = Path(workspace or learner_workspace(learner)).resolve()
    if rebuild and learner is None:
        from grading.verbs.build import build

        build(course)
    if identity.learner:
        # never issues a token: opens only the workspace a trainer enrolled the id on
        require_enrolment(cohort, identity.learner, workspace)
    result = sync_files(
        _workspace_files(
            course, notebooks_dir or REPO_ROOT / "notebooks", assignments=learner is None
        ),
        workspace,
    )
    _retire_old_learner_config(workspace)
    if identity.learner:
        from grading.exchange.identity import make_private

        make_private(workspace)  # 0700: another account cannot list or read it
    state = workspace / ".hocso"
    for relative, values in _LAB_SETTINGS.items():
        settings = state / "lab-settings" / relative
        if not settings.exists():
            _write_json(settings, values)
    config = state / "jupyter-config"
    atomic_write_text(config / "nbgrader_config.py", learner_config_text(identity, workspace))
    _write_json(config / "labconfig" / "page_config.json", _LEARNER_PAGE_CONFIG)
    _write_json(config / "jupyter_server_config.json", _LEARNER_SERVER_CONFIG)
    _write_json(
        state / "learner.json",
        {
            "learner": identity.learner,
            "full_name": identity.full_name,
            "course_id": identity.course_id,
            "exchange": str(identity.exchange),
            "cache": str(state / "nbgrader-cache"),
        },
    )
    return result


def _jupyter_env(config_dir: Path, state: Path) -> dict[str, str]:
    from grading.jupyter import labconfig

    env = dict(os.environ)
    env["JUPYTER_CONFIG_DIR"] = str(config_dir)
    env["JUPYTERLAB_SETTINGS_DIR"] = str(state / "lab-settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(state / "lab-workspaces")
    for name, first in (("JUPYTER_PATH", labconfig.DATA_DIR), ("PYTHONPATH", REPO_ROOT)):
        env[name] = os.pathsep.join(p for p in (str(first), env.get(name)) if p)
    return env


def _server_command(root: Path, *, open_browser: bool, default_url: str | None) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.open_browser={open_browser}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # Containers and CI often run as root; Jupyter refuses that without this flag.
        command.append("--allow-root")
    if default_url:
        command.append(f"--LabApp.default_url={default_url}")
    return command


def lab_command(workspace: Path, *, open_browser: bool = True) -> tuple[list[str], dict[str, str]]:
    """The JupyterLab command line and environment for a prepared ``workspace``.

    ``JUPYTER_PORT`` and ``JUPYTER_TOKEN`` from the environment are honoured
    by Jupyter Server itself.
    """
    workspace = Path(workspace).resolve()
    state = workspace / ".hocso"
    env = _jupyter_env(state / "jupyter-config", state)
    welcome = f"/lab/tree/{WELCOME_NOTEBOOK}" if (workspace / WELCOME_NOTEBOOK).exists() else None
    return _server_command(workspace, open_browser=open_browser, default_url=welcome), env


def _run(command: list[str], env: dict[str, str]) -> int:
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0


def lab(
    course: Course | None = None,
    workspace: Path | None = None,
    *,
    open_browser: bool = True,
    learner: str | None = None,
    cohort=None,
) -> int:
    """Prepare the workspace and run JupyterLab there until it stops; returns its exit code."""
    workspace = Path(workspace or learner_workspace(learner)).resolve()
    result = prepare_workspace(course, workspace, learner=learner, cohort=cohort)
    for path in result.kept:
        print(f"kept your changed copy of {path} (the course version was not copied over it)")
    who = f"learner {learner}" if learner else "self-study"
    print(f"JupyterLab for {who}: {workspace}")
    if learner:
        print(f"note: {SHARED_ACCOUNT_NOTE}")
    return _run(*lab_command(workspace, open_browser=open_browser))


def formgrader_config_text(cohort) -> str:
    """``nbgrader_config.py`` for Formgrader: the cohort's exchange, gradebook and steps."""
    return "\n".join(
        [
            f"{_CONFIG_MARK} formgrader; rewritten on every start.",
            "c = get_config()  # noqa: F821",
            "from grading.classroom.cohort import open_cohort  # noqa: E402",
            "",
            f"_cohort = open_cohort({str(cohort.root)!r}, exchange={str(cohort.exchange_root)!r}, "
            f"db_url={cohort.db_url!r}, timeout={cohort.timeout!r})",
            "for _dotted, _value in _cohort.settings().items():",
            "    _section, _option = _dotted.rsplit('.', 1)",
            "    c[_section][_option] = _value",
            f"c.CourseDirectory.root = {str(cohort.root)!r}",
            f"c.CourseDirectory.course_id = {cohort.course_id!r}",
            "# a learner's markdown is inert in Formgrader's view too (grading.core.html)",
            "c.HTMLExporter.preprocessors = ['grading.core.steps.InertMarkdown']",
            "# no raw configuration dump on the assignments page (trainers read it as an error)",
            "c.FormgradeExtension.debug = False",
            "",
        ]
    )


def formgrader_command(cohort, *, open_browser: bool = True) -> tuple[list[str], dict[str, str]]:
    """JupyterLab on the course folder with Formgrader bound to ``cohort``.

    Same exchange folder, gradebook and grading steps as the ``hocso`` verbs, so
    Formgrader shows what ``hocso`` released and collected.
    """
    state = cohort.state_dir / "formgrader"
    config = state / "jupyter-config"
    atomic_write_text(config / "nbgrader_config.py", formgrader_config_text(cohort))
    _write_json(config / "jupyter_server_config.json", _TRAINER_SERVER_CONFIG)
    for relative, values in _LAB_SETTINGS.items():
        settings = state / "lab-settings" / relative
        if not settings.exists():
            _write_json(settings, values)
    env = _jupyter_env(config, state)
    # JupyterLab first (menu Nbgrader > Formgrader): its page stores the login
    # cookie for the whole server, while /formgrader pages opened with ?token=
    # store it for their own path only, and Formgrader's API calls then fail.
    command = _server_command(cohort.root, open_browser=open_browser, default_url="/lab")
    return command, env


def formgrader(cohort, *, open_browser: bool = True) -> int:
    """Run Formgrader for ``cohort`` until it stops; returns JupyterLab's exit code."""
    command, env = formgrader_command(cohort, open_browser=open_browser)
    print(f"Formgrader for {cohort.course_id}: exchange {cohort.exchange_root}, {cohort.db_url}")
    return _run(command, env)
