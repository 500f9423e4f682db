"""Learner progress for trainers: attempt logs, the gradebook read into
tables, the class report and certificates."""
