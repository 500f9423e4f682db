"""nbgrader configuration of the course "Kinh doanh số" (digital business).

The root is wherever this file lives (hocso sets ``CourseDirectory.root``;
plain ``nbgrader`` uses the working directory, so run it from here).
"""

c = get_config()  # noqa: F821 - injected by traitlets when this file is loaded

c.CourseDirectory.course_id = "kinh-doanh-so"

# The learner's copy keeps `answer = ...` above the solution region (DESIGN.md),
# so the stub is a friendly comment instead of `raise NotImplementedError()`.
c.ClearSolutions.code_stub = {
    "python": "# Viết lời giải của bạn ở đây, thay cho dấu ... ở dòng trên."
}
c.ClearSolutions.text_stub = "✍️ Viết câu trả lời của bạn ở đây."

# Per-cell time limit. Set it on Execute (nbgrader's own preprocessor): a value
# on ExecutePreprocessor is silently overridden by Execute.timeout.
c.Execute.timeout = 60
