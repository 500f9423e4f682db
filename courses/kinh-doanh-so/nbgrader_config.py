"""nbgrader configuration of the course "Kinh doanh số" (digital business).

The root is wherever this file lives (hocso sets ``CourseDirectory.root``;
plain ``nbgrader`` uses the working directory, so run it from here).
"""

c = get_config()  # noqa: F821 - injected by traitlets when this file is loaded

c.CourseDirectory.course_id = "kinh-doanh-so"

# The learner's copy keeps `answer = ...` above the solution region (DESIGN.md),
# so the stub is a friendly comment, not nbgrader's default stub that raises an error.
c.ClearSolutions.code_stub = {
    "python": "# Viết lời giải của bạn ở đây, thay cho dấu ... ở dòng trên."
}
c.ClearSolutions.text_stub = "✍️ Viết câu trả lời của bạn ở đây."

# The learner's copy gets truthful self-checks (salted digests of the hidden checks'
# expected and known-mistake values, never the values) and its hints move out of the
# text into `goi_y("cau-N")` tiers (grading/verbs/selfcheck.py).
from grading.verbs.selfcheck import GENERATE_PREPROCESSORS  # noqa: E402

c.GenerateAssignment.preprocessors = GENERATE_PREPROCESSORS

# Per-cell time limit. Set it on Execute (nbgrader's own preprocessor): a value
# on ExecutePreprocessor is silently overridden by Execute.timeout.
c.Execute.timeout = 60

# ---- Running a cohort (hocso release / collect / autograde / feedback) ----------
# Gradebook: SQLite in this folder by default (sqlite:///<course>/gradebook.db).
# A province-wide PostgreSQL gradebook is given as a URL, passed to nbgrader as is
# (or use `hocso --db-url ...` / $HOCSO_DB_URL):
# c.CourseDirectory.db_url = "postgresql://giang-vien:mat-khau@may-chu/hocso"

# Exchange folder, where learners fetch and submit: by default hocso uses
# `hocso/exchange` in the trainer's user data folder (~/.local/share/hocso/exchange
# on Linux; `hocso --exchange DIR` or $HOCSO_EXCHANGE override it). To share one
# with every account of this computer, set it here, e.g.:
# c.Exchange.root = "/srv/hocso/exchange"

# A learner who deleted a test cell still gets it graded: nbgrader puts it back
# (otherwise that question's grade stays empty).
c.OverwriteCells.add_missing_cells = True

# On one laptop, learners often share one computer account, so the owner of a
# submitted folder never matches the learner id; nbgrader would call every
# submission a "cheating attempt?". Checked by learner id instead.
c.ExchangeCollect.check_owner = False

# ---- Autograding in a sandbox (grading/executor) ------------------------------
# Learner code runs in a forked child of a warm "zygote" process, in its own PID,
# network and mount namespaces (no course folder, gradebook or hidden tests in
# sight), as an unprivileged user, with memory, time and output limits; the
# `expect.*` checks of test cells are compared outside it. Formgrader, feedback
# and plain `nbgrader autograde` use it too. Delete these lines to fall back to
# nbgrader's stock Execute (one Jupyter kernel per notebook).
from grading.executor.preprocessor import (  # noqa: E402 - config files set `c` first
    AUTOGRADE_PREPROCESSORS,
    SANITIZE_PREPROCESSORS,
)

c.Autograde.autograde_preprocessors = AUTOGRADE_PREPROCESSORS
c.Autograde.sanitize_preprocessors = SANITIZE_PREPROCESSORS
# Formgrader and feedback render markdown and outputs without active HTML (scripts,
# event handlers, javascript: links): the trainer is logged in while looking at them.
c.HTMLExporter.sanitize_html = True

# ---- Feedback in Vietnamese, readable on a phone (grading/templates/feedback) ----
# Per question: score, the check's short message and the next step; no test code.
# nbgrader's API always asks for the template named "feedback"; ours is found first.
import os  # noqa: E402

from nbgrader.server_extensions.formgrader.handlers import (  # noqa: E402
    template_path as _formgrader_templates,
)

import grading  # noqa: E402

# ours first; Formgrader's own folder too, or stock Formgrader cannot find its pages
c.HTMLExporter.extra_template_basedirs = [
    os.path.join(os.path.dirname(grading.__file__), "templates"),
    _formgrader_templates,
]
