"""The ``hocso`` command line: a thin layer over the ``grading`` API.

Exit codes: 0 success, 1 unexpected crash, 2 usage error, 3 and up a typed
failure (:mod:`grading.core.errors`), e.g. 10 a refused roster, 12 submissions that
could not be graded or returned, 13 feedback withheld because it showed hidden tests.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from grading.classroom.cohort import DEFAULT_TIMEOUT, open_cohort
from grading.core.defaults import COURSE_ENV, default_course_root, default_workers
from grading.core.errors import FeedbackLeakError, GradingError, HocsoError
from grading.core.table import render_table as _render_table
from grading.verbs.autograde import autograde

__all__ = ["build_parser", "main"]


# CLI tables follow HOCSO_LANG (Vietnamese by default, as toolkit.i18n): headers
# and the status words in cells. Summary lines and errors stay English.
_VI = {
    "assignment": "bài tập",
    "notebooks": "số notebook",
    "graded cells": "ô chấm điểm",
    "points": "điểm tối đa",
    "files": "tệp",
    "count": "số lượng",
    "id": "mã",
    "full name": "họ và tên",
    "group": "nhóm",
    "email": "email",
    "roster": "danh sách",
    "field": "thông tin",
    "before": "trước",
    "after": "sau",
    "due": "hạn nộp",
    "exchange folder": "thư mục trao đổi",
    "learner": "học viên",
    "submitted at": "nộp lúc",
    "late": "muộn",
    "collected": "đã thu",
    "autograde": "chấm tự động",
    "score": "điểm",
    "notes": "ghi chú",
    "feedback": "nhận xét",
    "status": "trạng thái",
    "released": "đã phát",
    "to collect": "chờ thu",
    "graded": "đã chấm",
    "failed": "lỗi",
    "manual": "chờ chấm tay",
    "next step": "bước tiếp theo",
    "situation": "tình huống",
    "designed": "điểm thiết kế",
    "check": "kiểm tra",
    "added": "thêm mới",
    "updated": "cập nhật",
    "unchanged": "không đổi",
    "new": "mới",
    "yes": "có",
    "no": "không",
    "built": "đã tạo",
    "waiting": "đang chờ",
    "withheld": "giữ lại",
    "NOT ON ROSTER": "KHÔNG CÓ TRONG DANH SÁCH",
    "full_name": "họ và tên",
}


def _vietnamese() -> bool:
    from toolkit.i18n import current_language

    return current_language() == "vi"


def render_table(headers, rows) -> str:
    """:func:`grading.core.table.render_table` in the language of ``HOCSO_LANG``."""
    if not _vietnamese():
        return _render_table(headers, rows)
    return _render_table(
        [_VI.get(str(h), h) for h in headers],
        [[_VI.get(c, c) if isinstance(c, str) else c for c in row] for row in rows],
    )


def _course(args: argparse.Namespace):
    from grading.core.course import open_course

    return open_course(args.course)


def _kwdefault(function, name: str):
    """The API's default for option ``name``: the CLI never restates it."""
    return function.__kwdefaults__[name]


def _announce_course(args: argparse.Namespace) -> None:
    """Resolve the course once; say which one when it is not the repository's default."""
    from grading.core.course import resolve_course

    choice = resolve_course(args.course)
    args.course = choice.root
    if not choice.is_default:
        print(f"hocso: course {choice.describe()}", file=sys.stderr)


def _cohort(args: argparse.Namespace):
    from grading.classroom.cohort import open_cohort

    return open_cohort(
        args.course,
        exchange=args.exchange,
        db_url=args.db_url,
        timeout=getattr(args, "timeout", None),
    )


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _points(score: float, maximum: float) -> str:
    return f"{score:g}/{maximum:g}"


def _cmd_build(args: argparse.Namespace) -> int:
    from grading.verbs.build import build

    results = build(_course(args), args.assignments or None)
    rows = [[r.assignment, len(r.notebooks), r.grade_cells, f"{r.points:g}"] for r in results]
    print(render_table(["assignment", "notebooks", "graded cells", "points"], rows))
    print(f"built and validated {len(results)} assignment(s): no solution or hidden test leaked")
    return 0


def _cmd_lab(args: argparse.Namespace) -> int:
    from grading.jupyter.launch import lab, prepare_workspace

    cohort = _cohort(args)
    if args.prepare_only:
        result = prepare_workspace(
            cohort.course, args.workspace, learner=args.learner, cohort=cohort
        )
        rows = [
            [kind, len(getattr(result, kind))]
            for kind in ("copied", "updated", "kept", "unchanged")
        ]
        print(render_table(["files", "count"], rows))
        return 0
    return lab(
        cohort.course,
        args.workspace,
        open_browser=not args.no_browser,
        learner=args.learner,
        cohort=cohort,
    )


def _cmd_formgrader(args: argparse.Namespace) -> int:
    from grading.jupyter.launch import formgrader

    return formgrader(_cohort(args), open_browser=not args.no_browser)


def _cmd_roster_import(args: argparse.Namespace) -> int:
    from grading.classroom.roster import import_roster

    result = import_roster(args.file, cohort=_cohort(args))
    action = {
        **dict.fromkeys(result.added, "added"),
        **dict.fromkeys(result.updated, "updated"),
        **dict.fromkeys(result.unchanged, "unchanged"),
    }
    rows = [[x.id, x.full_name, x.group, x.email, action[x.id]] for x in result.learners]
    print(render_table(["id", "full name", "group", "email", "roster"], rows))
    print(
        f"imported {len(result.learners)} learner(s): {len(result.added)} added, "
        f"{len(result.updated)} updated, {len(result.unchanged)} unchanged"
    )
    if result.changes:
        print(
            render_table(
                ["learner", "field", "before", "after"],
                [[c.learner, c.field, c.old or "-", c.new or "-"] for c in result.changes],
            )
        )
    if result.kept_columns:
        print(f"columns not in the file, kept as they were: {', '.join(result.kept_columns)}")
    return 0


def _cmd_roster_remove(args: argparse.Namespace) -> int:
    from grading.classroom.roster import remove_learner

    edit = remove_learner(
        args.learner, cohort=_cohort(args), with_submissions=args.with_submissions
    )
    print(f"removed {edit.learner} from the roster")
    if edit.submissions:
        print(f"deleted their grades of: {', '.join(edit.submissions)}")
    if edit.moved:
        print(f"their {len(edit.moved)} folder(s)/file(s) were set aside in .hocso/removed/")
    return 0


def _cmd_roster_rename(args: argparse.Namespace) -> int:
    from grading.classroom.roster import rename_learner

    edit = rename_learner(args.old, args.new, cohort=_cohort(args))
    print(
        f"renamed {edit.learner} to {edit.new_id}: {len(edit.submissions)} graded "
        f"submission(s) and {len(edit.moved)} folder(s)/file(s) moved with them"
    )
    return 0


def _cmd_roster_show(args: argparse.Namespace) -> int:
    from grading.classroom.roster import read_roster

    learners = read_roster(cohort=_cohort(args))
    print(
        render_table(
            ["id", "full name", "group", "email"],
            [[x.id, x.full_name, x.group, x.email] for x in learners],
        )
    )
    print(f"{len(learners)} learner(s) enrolled")
    return 0


def _cmd_release(args: argparse.Namespace) -> int:
    from grading.core.times import show_time
    from grading.verbs.release import release

    result = release(
        args.assignment,
        cohort=_cohort(args),
        due=args.due,
        learner_config=args.learner_config,
        force=args.force,
        change_lateness=args.change_due,
        after_solutions=args.after_solutions,
    )
    print(
        render_table(
            ["assignment", "notebooks", "points", "due", "exchange folder"],
            [
                [
                    result.assignment,
                    len(result.notebooks),
                    f"{result.points:g}",
                    show_time(result.due),
                    result.outbound,
                ]
            ],
        )
    )
    for change in result.due_changes:
        print(f"lateness changed: {change.describe()}")
    if result.due_changes:
        print(f"run `hocso autograde {result.assignment} --force` to update their grades")
    print(
        f"released {result.assignment}: learners fetch it in JupyterLab, menu Nbgrader > "
        "Bài tập của lớp (Assignments)"
    )
    if result.learner_config:
        print(f"wrote {result.learner_config} (tells a JupyterLab there where the exchange is)")
    return 0


def _cmd_solutions(args: argparse.Namespace) -> int:
    from grading.verbs.solutions import release_solutions

    result = release_solutions(
        args.assignment, cohort=_cohort(args), workspace=args.workspace, force=args.force
    )
    for name in result.notebooks:
        print(f"wrote {result.target / name}")
    for name in result.skipped:
        print(f"kept {result.target / name} (already there; never overwritten)")
    where = (
        "the workspace"
        if args.workspace
        else "the exchange: learners fetch it from the Assignments tab"
    )
    print(f"released the worked solution of {result.assignment} to {where}")
    return 0


def _cmd_collect(args: argparse.Namespace) -> int:
    from grading.core.times import show_time
    from grading.verbs.collect import collect

    result = collect(args.assignment, cohort=_cohort(args))
    rows = [
        [
            r.learner,
            show_time(r.timestamp),
            "late" if r.late else "",
            r.action,
            "" if r.on_roster else "NOT ON ROSTER",
        ]
        for r in result.rows
    ]
    print(render_table(["learner", "submitted at", "late", "collected", "roster"], rows))
    new = sum(1 for r in result.rows if r.action != "unchanged")
    print(
        f"collected {len(result.rows)} submission(s) of {result.assignment} ({new} new or updated)"
    )
    if result.not_submitted:
        print(
            f"no submission yet from {len(result.not_submitted)}: {', '.join(result.not_submitted)}"
        )
    if result.unknown:
        print(f"warning: not on the roster (check the id they used): {', '.join(result.unknown)}")
    for skipped in result.skipped:  # hocso: hostile inbound folders fail alone (names escaped)
        print(f"skipped {skipped.folder}: {skipped.reason}")
    if result.identity == "none":
        print("note: submitters not verified (no tokens issued, check_owner off)")
    return 0


def _cmd_autograde(args: argparse.Namespace) -> int:
    from grading.verbs.status import require_collected

    cohort = _cohort(args)
    require_collected(args.assignment, cohort=cohort, learners=args.learner)
    result = autograde(
        args.assignment,
        cohort=cohort,
        learners=args.learner or None,
        force=args.force,
        parallel=args.parallel,
        workers=args.workers,
        after_solutions=args.after_solutions_policy,
    )
    rows = []
    for r in result.rows:
        notes = []
        if r.reason:
            notes.append(r.reason)
        if r.restored:
            notes.append("deleted test cells put back: " + ", ".join(r.restored))
        if r.tampered:
            notes.append("edited locked cells replaced: " + ", ".join(r.tampered))
        if r.needs_manual:
            notes.append("written answers to grade")
        rows.append(
            [
                r.learner,
                r.status,
                _points(r.score, r.max_score),
                "late" if r.late else "",
                "; ".join(notes),
            ]
        )
    print(render_table(["learner", "autograde", "score", "late", "notes"], rows))
    runs = result.executed
    per = sum(r.seconds for r in runs) / len(runs) if runs else 0.0
    counts = {
        s: sum(1 for r in result.rows if r.status == s) for s in ("graded", "unchanged", "failed")
    }
    print(
        f"{result.assignment}: {counts['graded']} graded, {counts['unchanged']} unchanged "
        f"(use --force to regrade), {counts['failed']} failed"
        + (f"; {per:.1f} s per submission" if runs else "")
    )
    if result.failed:
        print(
            f"hocso autograde: {len(result.failed)} submission(s) could not be graded (see notes)",
            file=sys.stderr,
        )
        return GradingError.exit_code
    return 0


def _cmd_feedback(args: argparse.Namespace) -> int:
    from grading.verbs.feedback import feedback
    from grading.verbs.status import require_autograded

    cohort = _cohort(args)
    require_autograded(args.assignment, cohort=cohort, learners=args.learner)
    result = feedback(
        args.assignment,
        cohort=cohort,
        learners=args.learner or None,
        include_pending=args.include_pending,
        release=not args.no_release,
    )
    rows = [[r.learner, r.status, r.reason] for r in result.rows]
    print(render_table(["learner", "feedback", "notes"], rows))
    released = sum(1 for r in result.rows if r.status == "released")
    waiting = sum(1 for r in result.rows if r.status == "waiting")
    print(
        f"{result.assignment}: feedback returned to {released} learner(s), {waiting} waiting for "
        "manual grading; no hidden test shown"
    )
    if result.leaks:
        print(
            "hocso feedback: feedback withheld, it showed hidden tests (see notes)", file=sys.stderr
        )
        return FeedbackLeakError.exit_code
    if result.failed:
        print(f"hocso feedback: {len(result.failed)} failed (see notes)", file=sys.stderr)
        return GradingError.exit_code
    return 0


def _cmd_grades(args: argparse.Namespace) -> int:
    from grading.verbs.grades import grades, write_grades_csv

    rows = grades(cohort=_cohort(args), assignments=args.assignment or None)
    table = [
        [
            r.learner,
            r.full_name,
            r.group,
            r.assignment,
            _points(r.score, r.max_score),
            "late" if r.late else "",
            r.status,
        ]
        for r in rows
    ]
    print(
        render_table(
            ["learner", "full name", "group", "assignment", "score", "late", "status"], table
        )
    )
    if args.out:
        path = write_grades_csv(rows, args.out)
        print(f"wrote {len(rows)} row(s) to {path}")
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    from grading.core.times import show_time
    from grading.verbs.status import status

    report = status(cohort=_cohort(args))
    print(f"course:    {report.course}")
    print(f"gradebook: {report.db_url}")
    print(f"exchange:  {report.exchange}")
    print(f"learners:  {report.learners} enrolled")
    rows = [
        [
            a.assignment,
            "yes" if a.released else ("built" if a.built else "no"),
            show_time(a.due),
            a.to_collect,
            a.collected,
            a.graded,
            a.failed,
            a.needs_manual,
            a.feedback_returned,
            a.next_step,
        ]
        for a in report.assignments
    ]
    headers = [
        "assignment",
        "released",
        "due",
        "to collect",
        "collected",
        "graded",
        "failed",
        "manual",
        "feedback",
        "next step",
    ]
    print(render_table(headers, rows))
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from grading.core.errors import DemoError
    from grading.verbs.demo import demo

    result = demo(args.directory, course=args.course)
    rows = [
        [
            r.learner,
            r.name,
            r.story,
            f"{r.expected:g}",
            _points(r.score, r.max_score),
            r.status,
            "late" if r.late else "",
            r.feedback,
            "ok" if r.ok else "DIFFERENT",
        ]
        for r in result.rows
    ]
    print(
        render_table(
            [
                "learner",
                "full name",
                "situation",
                "designed",
                "score",
                "status",
                "late",
                "feedback",
                "check",
            ],
            rows,
        )
    )
    runs = len(result.autograded.executed)
    print(
        f"demo cohort: {len(result.rows)} learners, {runs} submissions autograded in "
        f"{result.seconds_per_submission:.1f} s each; whole cycle {result.seconds:.0f} s"
    )
    print(f"folder:   {result.directory}")
    print(f"grades:   {result.grades_csv}")
    sample = next((f for r in result.returned.rows for f in r.files), None)
    if sample:
        print(f"feedback: {sample}")
    if not result.ok:
        wrong = [r.learner for r in result.rows if not r.ok]
        raise DemoError(f"scores differ from the design for: {', '.join(wrong)}")
    print("every learner got the designed score")
    return 0


def _with_common_options(sub: argparse._SubParsersAction) -> None:
    """Make every ``sub.add_parser`` (and nested ones) accept the common options."""
    original = sub.add_parser

    def add_parser(name: str, **kwargs):
        kwargs.setdefault("parents", []).append(_COMMON)
        parser = original(name, **kwargs)
        parser_add_subparsers = parser.add_subparsers

        def add_subparsers(**kw):
            nested = parser_add_subparsers(**kw)
            _with_common_options(nested)
            return nested

        parser.add_subparsers = add_subparsers  # type: ignore[method-assign]
        return parser

    sub.add_parser = add_parser  # type: ignore[method-assign]


def _add_cohort_verbs(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("roster", help="enrol learners from a CSV file, or show the roster")
    verbs = p.add_subparsers(dest="roster_command", required=True, metavar="ACTION")
    q = verbs.add_parser(
        "import",
        help="check every line of FILE.csv, then enrol all learners (nothing on any error)",
        description="Columns: id, full_name, email (optional), group (optional). "
        "Vietnamese headers (mã, họ và tên, nhóm, tỉnh) and Excel's CSV UTF-8 work.",
    )
    q.add_argument("file", type=Path, metavar="FILE.csv", help="the roster")
    q.set_defaults(func=_cmd_roster_import)
    q = verbs.add_parser("show", help="list the enrolled learners")
    q.set_defaults(func=_cmd_roster_show)
    q = verbs.add_parser(
        "remove", help="take a learner off the roster (with submissions: only on request)"
    )
    q.add_argument("learner", metavar="ID")
    q.add_argument(
        "--with-submissions",
        action="store_true",
        help="also delete their grades (their folders are kept in .hocso/removed/)",
    )
    q.set_defaults(func=_cmd_roster_remove)
    q = verbs.add_parser(
        "rename", help="change a learner's id; grades, folders and waiting submissions follow"
    )
    q.add_argument("old", metavar="OLD_ID")
    q.add_argument("new", metavar="NEW_ID")
    q.set_defaults(func=_cmd_roster_rename)

    p = sub.add_parser(
        "release", help="build ASSIGNMENT (leak-checked) and release it to the exchange"
    )
    p.add_argument("assignment", metavar="ASSIGNMENT")
    p.add_argument(
        "--due",
        default=None,
        help="due date, day first: '01/03/2026 23:59', '1/3/2026' (23:59 that day) or "
        "'2026-03-01 23:59'; in the class's time zone (--tz) unless it has an offset",
    )
    p.add_argument("--force", action="store_true", help="accept a due date in the past")
    p.add_argument(
        "--change-due",
        action="store_true",
        help="accept a new due date that makes existing submissions late or on time",
    )
    p.add_argument(
        "--after-solutions",
        action="store_true",
        help="accept a due date later than the release of the worked solution",
    )
    p.add_argument(
        "--learner-config",
        type=Path,
        default=None,
        metavar="DIR",
        help="write DIR/nbgrader_config.py so a JupyterLab opened in DIR finds the exchange",
    )
    p.set_defaults(func=_cmd_release)

    p = sub.add_parser("solutions", help="release ASSIGNMENT's worked solution after its due date")
    p.add_argument("assignment", metavar="ASSIGNMENT")
    p.add_argument(
        "--workspace",
        type=Path,
        default=None,
        metavar="DIR",
        help="self-study: write it into DIR/ASSIGNMENT-loi-giai/ instead of the exchange",
    )
    p.add_argument("--force", action="store_true", help="release before the due date")
    p.set_defaults(func=_cmd_solutions)

    p = sub.add_parser("collect", help="collect the latest submission of each learner")
    p.add_argument("assignment", metavar="ASSIGNMENT")
    p.set_defaults(func=_cmd_collect)

    p = sub.add_parser(
        "autograde", help="grade collected submissions (new or changed ones; manual grades kept)"
    )
    p.add_argument("assignment", metavar="ASSIGNMENT")
    p.add_argument(
        "--learner", action="append", metavar="ID", help="only this learner (repeatable)"
    )
    p.add_argument("--force", action="store_true", help="regrade submissions already graded")
    p.add_argument(
        "--after-solutions-policy",
        choices=("zero", "keep"),
        default="zero",
        help="a submission handed in after the worked solution: 0 for its autograded points "
        "(zero, the default) or graded as usual (keep); flagged either way",
    )
    p.add_argument(
        "--timeout",
        type=int,
        default=_kwdefault(open_cohort, "timeout"),
        metavar="S",
        help="per-cell time limit in seconds (default: Execute.timeout in nbgrader_config.py, "
        f"else {DEFAULT_TIMEOUT})",
    )
    p.add_argument(
        "--workers",
        type=_positive,
        default=_kwdefault(autograde, "workers"),
        metavar="N",
        help="submissions executing at once with the sandboxed executor "
        f"(default: the number of CPUs, {default_workers()} here)",
    )
    p.add_argument(
        "--serial",
        dest="parallel",
        action="store_false",
        default=_kwdefault(autograde, "parallel"),
        help="execute one submission at a time (default: ahead, in parallel, with the sandbox)",
    )
    p.set_defaults(func=_cmd_autograde)

    p = sub.add_parser(
        "feedback", help="generate feedback (no hidden tests) and return it through the exchange"
    )
    p.add_argument("assignment", metavar="ASSIGNMENT")
    p.add_argument(
        "--learner", action="append", metavar="ID", help="only this learner (repeatable)"
    )
    p.add_argument(
        "--include-pending",
        action="store_true",
        help="also for submissions whose written answers are not graded yet",
    )
    p.add_argument("--no-release", action="store_true", help="generate the HTML, do not return it")
    p.set_defaults(func=_cmd_feedback)

    p = sub.add_parser("grades", help="one row per learner x assignment: score, max, late, status")
    p.add_argument("--out", type=Path, default=None, metavar="FILE.csv", help="also write a CSV")
    p.add_argument("--assignment", action="append", metavar="ID", help="only this assignment")
    p.set_defaults(func=_cmd_grades)

    p = sub.add_parser("status", help="what is released, collected, graded, waiting for grading")
    p.set_defaults(func=_cmd_status)

    p = sub.add_parser(
        "demo", help="run a synthetic cohort of 13 learners end to end and print its grade table"
    )
    p.add_argument(
        "directory",
        nargs="?",
        type=Path,
        default=None,
        metavar="DIR",
        help="a new or empty folder (default: a new temporary folder, kept)",
    )
    p.set_defaults(func=_cmd_demo)


def _cmd_report(args: argparse.Namespace) -> int:
    from grading.progress.report import report

    result = report(args.out, cohort=_cohort(args))
    print(f"report: {result.html}")
    print(f"excel:  {result.workbook}")
    print(f"csv:    {len(result.csvs)} file(s) in {result.html.parent}")
    print(
        f"{result.learners} learner(s), {result.at_risk} need support (see the top of the report)"
    )
    return 0


def _rule(args: argparse.Namespace):
    from grading.progress.certificates import CompletionRule

    return CompletionRule(
        min_overall=args.min_percent / 100,
        per_skill=None if args.per_skill is None else args.per_skill / 100,
        require_all_submitted=not args.allow_missing,
    )


def _cmd_certificates(args: argparse.Namespace) -> int:
    import datetime as dt

    from grading.progress.certificates import certificates

    result = certificates(
        args.out,
        cohort=_cohort(args),
        rule=_rule(args),
        issued=dt.date.fromisoformat(args.date) if args.date else None,
        learners=args.learner or None,
    )
    rows = [
        [f.learner, f.full_name, f"{f.percent} %", code, path] for f, code, path in result.issued
    ]
    rows += [[learner, "", "", "not eligible: " + why, ""] for learner, why in result.not_eligible]
    print(render_table(["learner", "full name", "score", "verification code", "pdf"], rows))
    print(
        f"{len(result.issued)} certificate(s) written to {args.out}; rule: {result.rule.describe()}"
    )
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from grading.progress.certificates import VerificationFailed, verify

    result = verify(args.code, cohort=_cohort(args))
    if result.valid and result.fields is not None:
        f = result.fields
        print(f"learner:  {f.learner} ({f.full_name})")
        print(f"course:   {f.course_title} ({f.course_id}), issued {f.issued}")
        print(f"score:    {f.percent} %; skills: {', '.join(f.skills) or '-'}")
    if not result.valid:
        raise VerificationFailed(f"{args.code.strip()[:100]!r} is NOT valid: {result.reason}")
    print("valid: this certificate matches the gradebook")
    return 0


def _add_progress_verbs(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report", help="progress report: HTML (offline, phone), CSV files and an Excel workbook"
    )
    p.add_argument(
        "--out", type=Path, default=Path("bao-cao"), metavar="DIR", help="folder (default: bao-cao)"
    )
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser(
        "certificates", help="a PDF certificate per learner who completed the course"
    )
    p.add_argument(
        "--out",
        type=Path,
        default=Path("chung-nhan"),
        metavar="DIR",
        help="folder (default: chung-nhan)",
    )
    p.add_argument(
        "--min-percent",
        type=float,
        default=70.0,
        metavar="X",
        help="at least X %% of the course's points (default 70)",
    )
    p.add_argument(
        "--per-skill",
        type=float,
        default=None,
        metavar="X",
        help="instead: at least X %% in every skill area",
    )
    p.add_argument(
        "--allow-missing", action="store_true", help="do not require every assignment submitted"
    )
    p.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="issue date (default today)")
    p.add_argument(
        "--learner", action="append", metavar="ID", help="only this learner (repeatable)"
    )
    p.set_defaults(func=_cmd_certificates)

    p = sub.add_parser(
        "verify", help="check a certificate's verification code against the gradebook"
    )
    p.add_argument("code", metavar="CODE", help="e.g. HS-20260310-mai-nguyen-ABCDEFGHIJKLMNOP")
    p.set_defaults(func=_cmd_verify)


def _default_course_text() -> str:
    root = default_course_root()
    return "none: give one" if root is None else f"the repository's {root.name}"


def _add_common_options(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument(
        "--course",
        type=Path,
        default=default,
        help=f"course root (default: ${COURSE_ENV}, else the current folder when it has "
        f"nbgrader_config.py, else {_default_course_text()})",
    )
    parser.add_argument(
        "--exchange",
        type=Path,
        default=default,
        help="exchange folder (default: $HOCSO_EXCHANGE, Exchange.root in nbgrader_config.py, "
        "or hocso/exchange in your user data folder)",
    )
    parser.add_argument(
        "--db-url",
        default=default,
        help="gradebook URL, passed to nbgrader unchanged (default: $HOCSO_DB_URL, "
        "nbgrader_config.py, or sqlite:///<course>/gradebook.db)",
    )
    parser.add_argument(
        "--tz",
        default=default,
        metavar="ZONE",
        help="the class's time zone for due dates and times shown "
        "(default: $HOCSO_TZ or Asia/Ho_Chi_Minh)",
    )


#: Options of every verb, accepted before or after it (``hocso status --course X``).
_COMMON = argparse.ArgumentParser(add_help=False)
_add_common_options(_COMMON, argparse.SUPPRESS)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hocso",
        description="Học Số: build, run and grade the digital-commerce course with nbgrader.",
    )
    _add_common_options(parser, None)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _with_common_options(sub)

    p = sub.add_parser("build", help="generate and validate the learner version of assignments")
    p.add_argument("assignments", nargs="*", help="assignment ids (default: all)")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser(
        "lab", help="build, fill the learner workspace and open JupyterLab in Vietnamese"
    )
    p.add_argument(
        "--workspace",
        type=Path,
        default=None,
        help="learner workspace (default: $HOCSO_WORKSPACE or workspace/)",
    )
    p.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    p.add_argument(
        "--prepare-only", action="store_true", help="fill the workspace, do not start JupyterLab"
    )
    p.add_argument(
        "--learner",
        default=None,
        metavar="ID",
        help="a learner of the roster: their own workspace, nbgrader cache and identity, "
        "to fetch and submit (default: self-study, nothing to submit)",
    )
    p.set_defaults(func=_cmd_lab)
    p = sub.add_parser(
        "formgrader",
        help="open nbgrader's Formgrader on this course, exchange and gradebook (manual grading)",
    )
    p.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    p.set_defaults(func=_cmd_formgrader)
    _add_cohort_verbs(sub)
    _add_progress_verbs(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``hocso``; returns the exit code (0 ok, 2 usage, 3 and up a typed failure)."""
    from grading.core.nbgrader_env import skip_slow_optional_imports

    skip_slow_optional_imports()
    parser = build_parser()
    args = parser.parse_args(argv)
    from grading.core.times import TZ_ENV, class_timezone

    previous_tz = os.environ.get(TZ_ENV)
    if args.tz:
        try:
            class_timezone(args.tz)
        except ValueError as exc:
            parser.error(str(exc))
        os.environ[TZ_ENV] = args.tz  # for this command only (main may run in-process)
    try:
        _announce_course(args)
        return int(args.func(args) or 0)
    except HocsoError as exc:
        print(f"hocso {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    finally:
        if previous_tz is None:
            os.environ.pop(TZ_ENV, None)
        else:
            os.environ[TZ_ENV] = previous_tz
