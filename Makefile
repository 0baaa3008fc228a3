# The two commands: `make run` (SQLite, demo data, an admin password printed once) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
RUN_ENV := DEBUG=1
HOST ?= 127.0.0.1:8000
ARGS ?=

.PHONY: run test install migrate lint messages check-messages clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make run: install, migrate, load the demo into an empty database, create `admin`, serve on $(HOST).
run: $(STAMP)
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

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
