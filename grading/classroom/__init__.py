"""A class: its configuration (course + gradebook + exchange), its roster of
learners and their workspaces, the gradebook engines and the grading ledger."""
