"""``hocso roster``: import, remove, rename, tokens and the class list."""

from __future__ import annotations

import argparse
from pathlib import Path

from grading.cli._base import (
    Subparsers,
    _cohort,
    api_kwargs,
    api_option,
    render_table,
    verb,
)
from grading.core.messages import say


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
        say(
            "hocso.cli.roster_imported",
            count=len(result.learners),
            added=len(result.added),
            updated=len(result.updated),
            unchanged=len(result.unchanged),
        )
    )
    if result.changes:
        print(
            render_table(
                ["learner", "field", "before", "after"],
                [[c.learner, c.field, c.old or "-", c.new or "-"] for c in result.changes],
            )
        )
    if result.kept_columns:
        print(say("hocso.cli.roster_kept_columns", columns=", ".join(result.kept_columns)))
    return 0


def _cmd_roster_remove(args: argparse.Namespace) -> int:
    from grading.classroom.roster import remove_learner

    edit = remove_learner(args.learner, cohort=_cohort(args), **api_kwargs(args, remove_learner))
    print(say("hocso.cli.roster_removed", learner=edit.learner))
    if edit.submissions:
        print(say("hocso.cli.roster_removed_grades", assignments=", ".join(edit.submissions)))
    if edit.moved:
        print(say("hocso.cli.roster_removed_moved", count=len(edit.moved)))
    return 0


def _cmd_roster_rename(args: argparse.Namespace) -> int:
    from grading.classroom.roster import rename_learner

    edit = rename_learner(args.old, args.new, cohort=_cohort(args))
    print(
        say(
            "hocso.cli.roster_renamed",
            learner=edit.learner,
            new=edit.new_id,
            submissions=len(edit.submissions),
            moved=len(edit.moved),
        )
    )
    return 0


def _cmd_roster_token(args: argparse.Namespace) -> int:
    """Enrol a learner of a shared account on their workspace (see grading.jupyter.launch)."""
    from grading.jupyter.launch import SHARED_ACCOUNT_NOTE, enrol_learner

    workspace = enrol_learner(_cohort(args), args.learner, args.workspace)
    print(f"{args.learner}: token issued for {workspace} (any earlier token of this id revoked)")
    print(f"then: make lab LEARNER={args.learner}  (or hocso lab --learner {args.learner})")
    print(f"note: {SHARED_ACCOUNT_NOTE}")
    return 0


def _cmd_roster_show(args: argparse.Namespace) -> int:
    from grading.classroom.roster import read_roster

    learners = read_roster(cohort=_cohort(args))
    rows = [[x.id, x.full_name, x.group, x.email] for x in learners]
    print(render_table(["id", "full name", "group", "email"], rows))
    print(say("hocso.cli.roster_shown", count=len(learners)))
    return 0


@verb
def _roster_parser(sub: Subparsers) -> None:
    from grading.classroom.roster import remove_learner

    p = sub.add_parser("roster", help="enrol learners from a CSV file, or show the roster")
    actions = p.add_subparsers(dest="roster_command", required=True, metavar="ACTION")
    q = actions.add_parser(
        "import",
        help="check every line of FILE.csv, then enrol all learners (nothing on any error)",
        description="Columns: id, full_name, email (optional), group (optional). "
        "Vietnamese headers (mã, họ và tên, nhóm, tỉnh) and Excel's CSV UTF-8 work.",
    )
    q.add_argument("file", type=Path, metavar="FILE.csv", help="the roster")
    q.set_defaults(func=_cmd_roster_import)
    q = actions.add_parser("show", help="list the enrolled learners")
    q.set_defaults(func=_cmd_roster_show)
    q = actions.add_parser(
        "remove", help="take a learner off the roster (with submissions: only on request)"
    )
    q.add_argument("learner", metavar="ID")
    api_option(
        q,
        remove_learner,
        "with_submissions",
        help="also delete their grades (their folders are kept in .hocso/removed/)",
    )
    q.set_defaults(func=_cmd_roster_remove)
    q = actions.add_parser(
        "rename", help="change a learner's id; grades, folders and waiting submissions follow"
    )
    q.add_argument("old", metavar="OLD_ID")
    q.add_argument("new", metavar="NEW_ID")
    q.set_defaults(func=_cmd_roster_rename)
    q = actions.add_parser(
        "token", help="shared account: enrol ID on their workspace, issue their submission token"
    )
    q.add_argument("learner", metavar="ID")
    q.add_argument("--workspace", type=Path, default=None, help="default: the learner's own")
    q.set_defaults(func=_cmd_roster_token)
