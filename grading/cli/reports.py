"""What a trainer sends on: ``report``, ``certificates`` and ``verify``."""

from __future__ import annotations

import argparse
from pathlib import Path

from grading.cli._base import (
    Subparsers,
    _cohort,
    _percent,
    _share,
    api_kwargs,
    api_option,
    render_table,
    verb,
)
from grading.core.defaults import CERTIFICATES_DIR, REPORT_DIR
from grading.core.errors import (
    VerificationFailed,
)
from grading.core.messages import say


def _cmd_report(args: argparse.Namespace) -> int:
    from grading.progress.report import report

    result = report(args.out, cohort=_cohort(args))
    print(say("hocso.cli.report_html", path=result.html))
    print(say("hocso.cli.report_excel", path=result.workbook))
    print(say("hocso.cli.report_csv", count=len(result.csvs), folder=result.html.parent))
    print(say("hocso.cli.report_summary", learners=result.learners, at_risk=result.at_risk))
    return 0


@verb
def _report_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "report", help="progress report: HTML (offline, phone), CSV files and an Excel workbook"
    )
    p.add_argument(
        "--out",
        type=Path,
        default=REPORT_DIR,
        metavar="DIR",
        help=f"folder (default: {REPORT_DIR})",
    )
    p.set_defaults(func=_cmd_report)


def _cmd_certificates(args: argparse.Namespace) -> int:
    import datetime as dt

    from grading.progress.certificates import CompletionRule, certificates

    result = certificates(
        args.out,
        cohort=_cohort(args),
        rule=CompletionRule(**api_kwargs(args, CompletionRule)),
        issued=dt.date.fromisoformat(args.date) if args.date else None,
        learners=args.learners,
    )
    rows = [
        [f.learner, f.full_name, f"{f.percent} %", code, path] for f, code, path in result.issued
    ]
    rows += [
        [learner, "", "", say("hocso.cli.not_eligible", why=why), ""]
        for learner, why in result.not_eligible
    ]
    print(render_table(["learner", "full name", "score", "verification code", "pdf"], rows))
    print(
        say(
            "hocso.cli.certificates",
            count=len(result.issued),
            folder=args.out,
            rule=result.rule.describe(),
        )
    )
    return 0


@verb
def _certificates_parser(sub: Subparsers) -> None:
    from grading.progress.certificates import CompletionRule, certificates

    p = sub.add_parser(
        "certificates", help="a PDF certificate per learner who completed the course"
    )
    p.add_argument(
        "--out",
        type=Path,
        default=CERTIFICATES_DIR,
        metavar="DIR",
        help=f"folder (default: {CERTIFICATES_DIR})",
    )
    api_option(
        p, CompletionRule, "min_overall", "--min-percent", type=_share, metavar="X",
        show=_percent, help="at least X %% of the course's points",
    )  # fmt: skip
    api_option(
        p, CompletionRule, "per_skill", "--per-skill", type=_share, metavar="X",
        help="instead: at least X %% in every skill area",
    )  # fmt: skip
    api_option(
        p,
        CompletionRule,
        "require_all_submitted",
        "--allow-missing",
        help="do not require every assignment submitted",
    )
    p.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="issue date (default today)")
    api_option(
        p, certificates, "learners", "--learner", action="append", metavar="ID",
        help="only this learner (repeatable)",
    )  # fmt: skip
    p.set_defaults(func=_cmd_certificates)


def _cmd_verify(args: argparse.Namespace) -> int:
    from grading.progress.certificates import verify

    result = verify(args.code, cohort=_cohort(args))
    if result.valid and result.fields is not None:
        f = result.fields
        print(say("hocso.cli.verify_learner", learner=f.learner, name=f.full_name))
        print(
            say(
                "hocso.cli.verify_course",
                title=f.course_title,
                course=f.course_id,
                issued=f.issued,
            )
        )
        print(say("hocso.cli.verify_score", percent=f.percent, skills=", ".join(f.skills) or "-"))
    if not result.valid:
        code = repr(args.code.strip()[:100])
        raise VerificationFailed(say("hocso.error.not_valid", code=code, reason=result.reason))
    print(say("hocso.cli.verify_valid"))
    return 0


@verb
def _verify_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "verify", help="check a certificate's verification code against the gradebook"
    )
    p.add_argument("code", metavar="CODE", help="e.g. HS-20260310-mai-nguyen-ABCDEFGHIJKLMNOP")
    p.set_defaults(func=_cmd_verify)
