"""The floor of ``grading``: what the executor and the verbs both need.

Cell predicates, defaults, errors, HTML and file safety, nbgrader pipeline
steps, times, the course folder. Imports nothing else of ``grading``."""
