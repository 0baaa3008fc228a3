# The two commands: `make run` (SQLite, demo data, an admin password printed once) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
RUN_ENV := DEBUG=1
HOST ?= 127.0.0.1:8000
ARGS ?=

.PHONY: run test install migrate lint messages check-messages clean lock audit

LOCK := requirements.lock
TOOLS := $(VENV)/tools

## The versions installed are those of requirements.lock (every package pinned, with its hashes), so a
## fresh machine installs the tested versions; `make lock` rewrites it after pyproject.toml changes.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

## .env: the development settings manage.py reads (git-ignored; written once, yours to edit).
.env:
	printf '# Development settings for manage.py, written by `make run` (never read in production).\nDEBUG=1\n' > $@

## make run: install, migrate, load the demo into an empty database, create `admin`, serve on $(HOST).
run: $(STAMP) .env
	$(RUN_ENV) $(PY) manage.py migrate --no-input
	$(RUN_ENV) $(PY) manage.py bootstrap
	$(RUN_ENV) $(PY) manage.py runserver $(HOST)

## make test: the whole suite; SQLite by default, PostgreSQL when DATABASE_URL points at one.
test: $(STAMP)
	$(PY) -m pytest $(ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$status

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

## make messages: refresh the zh_Hans and en catalogues and compile them.
messages: $(STAMP)
	$(RUN_ENV) $(PY) manage.py makemessages -l zh_Hans --no-location --no-wrap --ignore=.venv --ignore=bench --ignore=fixtures
	$(RUN_ENV) $(PY) manage.py compilemessages --ignore=.venv

## make lock: pin pyproject.toml's dependencies (with the dev extra) and their hashes in requirements.lock.
lock: $(TOOLS)/.installed
	$(TOOLS)/bin/pip-compile --quiet --extra dev --generate-hashes --strip-extras --no-emit-index-url \
	  --no-emit-find-links --output-file $(LOCK) pyproject.toml

## make audit: the locked versions against PyPI's advisory database (pip-audit); says so when it cannot be reached.
audit: $(TOOLS)/.installed
	$(TOOLS)/bin/python tools/audit.py $(LOCK)

$(TOOLS)/.installed:
	test -x $(TOOLS)/bin/python || $(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet 'pip-tools>=7.4,<8' 'pip-audit>=2.7,<3'
	touch $@

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
