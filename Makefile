# Học Số — the two commands a newcomer needs are `make lab` and `make test`.
# Both create .venv with the system's python3 (3.10+) and install the project
# into it, again only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LAB_STAMP := $(VENV)/.installed-lab
LOCK   := constraints.txt
# Everything: trainers, the hub, Dask workers and the tests. A learner's `make lab` installs
# only the course extra (no test, hub or cluster packages on a low-end laptop).
EXTRAS := course,cluster,dev,hub
JOBS   ?= auto

.PHONY: lock lab setup formgrader hub test test-fast lint build bench demo clean help

help:
	@echo "make lab    set up and open the course in JupyterLab (Vietnamese)"
	@echo "make lab LEARNER=hv01   open it for learner hv01 of a class (fetch, submit, feedback)"
	@echo "make formgrader         grade written answers (Formgrader) on the same exchange and gradebook"
	@echo "make hub TRAINER=gv01   JupyterHub for the class (root): one account per learner of the roster"
	@echo "make setup  set up .venv only (trainer commands: .venv/bin/hocso ...)"
	@echo "make test   set up and run every test (toolkit, courses, notebooks, grading)"
	@echo "make test-fast  lint + the tests not marked slow (the inner loop)"
	@echo "make lint   ruff check + format check"
	@echo "make demo   run a whole synthetic cohort through release, grading and feedback"
	@echo "make bench  run the benchmarks in benchmarks/"

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c $(LOCK) --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e ".[$(EXTRAS)]"
	touch $(STAMP) $(LAB_STAMP)

$(LAB_STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c $(LOCK) --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e ".[course]"
	touch $(LAB_STAMP)

# Pin what a fresh venv with every extra resolves to (run after changing dependencies).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e ".[$(EXTRAS)]"
	{ echo "# The versions CI tested: make installs with -c constraints.txt, so a fresh clone gets them."; \
	  echo "# Regenerate after changing dependencies: make lock (Python 3.11, every extra installed)."; \
	  .venv-lock/bin/python -m pip freeze --all --exclude-editable | grep -v '^hocso'; } > $(LOCK)
	rm -rf .venv-lock

lab: $(LAB_STAMP)
	$(BIN)/hocso lab $(if $(LEARNER),--learner $(LEARNER))

# Set up .venv only; trainer commands are then .venv/bin/hocso ... (no activation needed).
setup: $(STAMP)

formgrader: $(STAMP)
	$(BIN)/hocso formgrader

# JupyterHub for a class (root): make hub TRAINER=gv01 [IP=192.168.1.10]
hub: $(STAMP)
	$(BIN)/hocso hub $(if $(TRAINER),--trainer $(TRAINER)) $(if $(IP),--ip $(IP))

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m toolkit.data --check
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile

# The inner loop: lint and every test not marked slow (course proofs, sandbox, browser).
test-fast: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

build: $(STAMP)
	$(BIN)/hocso build

demo: $(STAMP)
	$(BIN)/hocso demo

bench: $(STAMP)
	@for script in benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) workspace courses/*/release courses/*/gradebook.db
