"""The class lifecycle, one module per ``hocso`` verb: build, release,
collect, autograde, feedback, solutions, grades, status, demo."""
