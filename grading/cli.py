"""The ``hocso`` command line, built from the ``grading`` API.

The API is the one source of truth (Otter-Grader's pattern): an option of a
verb is a keyword-only parameter of its API function, declared here with
:func:`api_option`, which takes the default from the function's signature
(:func:`inspect.signature`) and shows it in ``--help``; :func:`api_kwargs`
passes the options back to the function by name. The CLI never restates a
default, and output folders, limits and worker counts are the API's
(:mod:`grading.core.defaults`).

Exit codes come from ONE table, :data:`grading.core.errors.EXIT_CODES`: 0
success, 1 an unexpected crash, 2 a usage error, 3 and up a typed failure.
:func:`main` catches every :class:`~grading.core.errors.HocsoError` and prints
its message; a gradebook that is damaged, locked or unreachable is one clear
message and code 11 from every verb (:func:`grading.core.errors.gradebook_error`),
never a database traceback.

What the CLI says is in the trainer's language, Vietnamese by default and
English with ``HOCSO_LANG=en``, through the message catalogue
(:mod:`grading.core.messages`: :func:`~grading.core.messages.say` for
sentences, :func:`~grading.core.messages.word` for table words).

Adding a verb
-------------
One function and one parser block, next to each other::

    def _cmd_workers(args: argparse.Namespace) -> int:
        from grading.verbs.workers import workers

        result = workers(cohort=_cohort(args), **api_kwargs(args, workers))
        print(say("hocso.cli.workers_started", count=len(result.started)))
        return 0


    @verb
    def _workers_parser(sub: Subparsers) -> None:
        from grading.verbs.workers import workers

        p = sub.add_parser("workers", help="start grading workers on this machine")
        api_option(p, workers, "count", type=_positive, metavar="N",
                   help="workers to start")
        p.set_defaults(func=_cmd_workers)


def _cmd_feedback(args: argparse.Namespace) -> int:
    from grading.verbs.feedback import feedback
    from grading.verbs.status import require_autograded

    cohort = _cohort(args)
    require_autograded(args.assignment, cohort=cohort, learners=args.learners)
    result = feedback(args.assignment, cohort=cohort, **api_kwargs(args, feedback))
    print(
        render_table(
            ["learner", "feedback", "notes"], [[r.learner, r.status, r.reason] for r in result.rows]
        )
    )
    released = sum(1 for r in result.rows if r.status == "released")
    waiting = sum(1 for r in result.rows if r.status == "waiting")
    print(
        say(
            "hocso.cli.feedback_returned",
            assignment=result.assignment,
            released=released,
            waiting=waiting,
        )
    )
    if result.leaks:
        print(say("hocso.error.feedback_leak"), file=sys.stderr)
        return exit_code_of(FeedbackLeakError)
    if result.failed:
        print(say("hocso.error.feedback_failed", count=len(result.failed)), file=sys.stderr)
        return exit_code_of(GradingError)
    return 0


@verb
def _feedback_parser(sub: Subparsers) -> None:
    from grading.verbs.feedback import feedback

    p = sub.add_parser(
        "feedback", help="generate feedback (no hidden tests) and return it through the exchange"
    )
    p.add_argument("assignment", metavar="ASSIGNMENT")
    api_option(
        p, feedback, "learners", "--learner", action="append", metavar="ID",
        help="only this learner (repeatable)",
    )  # fmt: skip
    api_option(
        p,
        feedback,
        "include_pending",
        help="also for submissions whose written answers are not graded yet",
    )
    api_option(p, feedback, "release", "--no-release", help="generate the HTML, do not return it")
    p.set_defaults(func=_cmd_feedback)


def _cmd_grades(args: argparse.Namespace) -> int:
    from grading.verbs.grades import grades, write_grades_csv

    rows = grades(cohort=_cohort(args), **api_kwargs(args, grades))
    table = [
        [r.learner, r.full_name, r.group, r.assignment, _points(r.score, r.max_score),
         _late(r.late), r.status]
        for r in rows
    ]  # fmt: skip
    headers = ["learner", "full name", "group", "assignment", "score", "late", "status"]
    print(render_table(headers, table))
    if args.out:
        path = write_grades_csv(rows, args.out)
        print(say("hocso.cli.grades_written", count=len(rows), path=path))
    return 0


@verb
def _grades_parser(sub: Subparsers) -> None:
    from grading.verbs.grades import grades

    p = sub.add_parser("grades", help="one row per learner x assignment: score, max, late, status")
    p.add_argument("--out", type=Path, default=None, metavar="FILE.csv", help="also write a CSV")
    api_option(
        p, grades, "assignments", "--assignment", action="append", metavar="ID",
        help="only this assignment (repeatable)",
    )  # fmt: skip
    p.set_defaults(func=_cmd_grades)


def _cmd_status(args: argparse.Namespace) -> int:
    from grading.core.times import show_time
    from grading.verbs.status import status

    report = status(cohort=_cohort(args))
    print(say("hocso.cli.status_course", value=report.course))
    print(say("hocso.cli.status_gradebook", value=report.db_url))
    print(say("hocso.cli.status_exchange", value=report.exchange))
    print(say("hocso.cli.status_learners", count=report.learners))
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
    headers = ["assignment", "released", "due", "to collect", "collected", "graded", "failed",
               "manual", "feedback", "next step"]  # fmt: skip
    print(render_table(headers, rows))
    for batch in report.running:
        eta = batch.eta_seconds()
        state = "running" if batch.alive() else "interrupted (its process is gone)"
        print(
            f"autograde {batch.assignment}: {state}, {batch.done}/{batch.total} graded "
            f"({batch.failed} failed) on {batch.where}"
            + (f", about {eta / 60:.0f} min left" if eta is not None and batch.alive() else "")
        )
    return 0


@verb
def _status_parser(sub: Subparsers) -> None:
    p = sub.add_parser("status", help="what is released, collected, graded, waiting for grading")
    p.set_defaults(func=_cmd_status)


def _cmd_demo(args: argparse.Namespace) -> int:
    from grading.verbs.demo import demo

    result = demo(args.directory, course=args.course)
    rows = [
        [r.learner, r.name, r.story, f"{r.expected:g}", _points(r.score, r.max_score), r.status,
         _late(r.late), r.feedback, "ok" if r.ok else "DIFFERENT"]
        for r in result.rows
    ]  # fmt: skip
    headers = ["learner", "full name", "situation", "designed", "score", "status", "late",
               "feedback", "check"]  # fmt: skip
    print(render_table(headers, rows))
    print(
        say(
            "hocso.cli.demo_summary",
            learners=len(result.rows),
            runs=len(result.autograded.executed),
            each=f"{result.seconds_per_submission:.1f}",
            total=f"{result.seconds:.0f}",
        )
    )
    print(say("hocso.cli.demo_folder", path=result.directory))
    print(say("hocso.cli.demo_grades", path=result.grades_csv))
    sample = next((f for r in result.returned.rows for f in r.files), None)
    if sample:
        print(say("hocso.cli.demo_feedback", path=sample))
    if not result.ok:
        wrong = ", ".join(r.learner for r in result.rows if not r.ok)
        raise DemoError(say("hocso.error.demo_scores", learners=wrong))
    print(say("hocso.cli.demo_ok"))
    return 0


def _cmd_db(args: argparse.Namespace) -> int:
    """``hocso db start|stop|status|url|migrate``: the class's PostgreSQL (grading.classroom)."""
    from grading.classroom.database import LocalPostgres

    server = LocalPostgres((args.folder or Path(args.course) / ".hocso" / "postgres").resolve())
    if args.db_command == "start":
        server.start()
        print(f"PostgreSQL on 127.0.0.1:{server.settings()['port']}, data in {server.folder}")
        print(f"use it: export HOCSO_DB_URL=$(hocso db url --folder {server.folder})")
    elif args.db_command == "stop":
        print("stopped" if server.stop() else f"not running ({server.folder})")
    elif args.db_command == "status":
        state = server.status()
        running = "running" if state.running else "stopped"
        print(f"{running}: {state.url or 'not initialised'} ({state.folder})")
        return 0 if state.running else 1
    elif args.db_command == "url":
        print(server.url())  # with its password: for $HOCSO_DB_URL, keep it private
    else:
        from grading.classroom.migrate import migrate

        done = migrate(_cohort(args), args.to or server.url())
        rows = [[t, str(done.copied[t]), str(done.total[t])] for t in sorted(done.total)]
        print(render_table(["table", "copied", "rows in target"], rows))
        verb = "already there, nothing copied" if done.nothing_to_do else "migrated and verified"
        print(f"{verb}: {done.source} -> {done.target} in {done.seconds:.1f} s")
        print("the SQLite gradebook is unchanged; use the new one with --db-url or $HOCSO_DB_URL")
    return 0


@verb
def _db_parser(sub: Subparsers) -> None:
    p = sub.add_parser("db", help="the class's PostgreSQL: start|stop|status|url, migrate")
    p.add_argument("db_command", choices=["start", "stop", "status", "url", "migrate"])
    p.add_argument(
        "--folder",
        type=Path,
        default=None,
        help="the local server (default <course>/.hocso/postgres)",
    )
    p.add_argument("--to", default=None, help="migrate: target URL (default: the local server)")
    p.set_defaults(func=_cmd_db)


@verb
def _demo_parser(sub: Subparsers) -> None:
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


# --------------------------------------------------------------------------
# progress: report, certificates, verify
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# the parser and main
# --------------------------------------------------------------------------


def _default_course_text() -> str:
    root = default_course_root()
    return "none: give one" if root is None else f"the repository's {root.name}"


def _add_common_options(parser: argparse.ArgumentParser, default: Any) -> None:
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


def _with_common_options(sub: Subparsers) -> None:
    """Make every ``sub.add_parser`` (and nested ones) accept the common options."""
    original = sub.add_parser

    def add_parser(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        kwargs.setdefault("parents", []).append(_COMMON)
        parser = original(name, **kwargs)
        parser_add_subparsers = parser.add_subparsers

        def add_subparsers(**kw: Any) -> Subparsers:
            nested = parser_add_subparsers(**kw)
            _with_common_options(nested)
            return nested

        parser.add_subparsers = add_subparsers  # type: ignore[method-assign]
        return parser

    sub.add_parser = add_parser  # type: ignore[method-assign]


def build_parser() -> argparse.ArgumentParser:
    """The ``hocso`` parser: the common options, then every registered verb (:data:`VERBS`)."""
    parser = argparse.ArgumentParser(
        prog="hocso",
        description="Học Số: build, run and grade the digital-commerce course with nbgrader.",
    )
    _add_common_options(parser, None)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _with_common_options(sub)
    for block in VERBS:
        block(sub)
    return parser


def _db_url(args: argparse.Namespace) -> str:
    """The gradebook URL this command used, as far as it can be told (for an error message)."""
    try:
        from grading.classroom.cohort import open_cohort

        return open_cohort(args.course, exchange=args.exchange, db_url=args.db_url).db_url
    except Exception:  # the error being reported comes first
        return str(args.db_url or "")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``hocso``; returns the exit code (:data:`grading.core.errors.EXIT_CODES`)."""
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
    except Exception as exc:
        error = exc if isinstance(exc, HocsoError) else gradebook_error(exc, _db_url(args))
        if error is None:
            raise  # a bug, not a failure a trainer can act on: the traceback helps
        print(say("hocso.error.frame", command=args.command, message=error), file=sys.stderr)
        return exit_code_of(error)
    finally:
        if previous_tz is None:
            os.environ.pop(TZ_ENV, None)
        else:
            os.environ[TZ_ENV] = previous_tz
