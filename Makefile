# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := workshop_credit

PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
MARIADB_URL ?= mysql+pymysql://root@127.0.0.1:3306/test?charset=utf8mb4

.PHONY: run test lint format clean browser nginx messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## The English catalogue: the .po is kept in git, the .mo is compiled from it.
TRANSLATIONS := workshop_credit/translations
CATALOGS := $(TRANSLATIONS)/en/LC_MESSAGES/messages.mo

$(TRANSLATIONS)/%/LC_MESSAGES/messages.mo: $(TRANSLATIONS)/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile -d $(TRANSLATIONS) -l $*

## After changing a text of the public pages: extract, merge, then translate what is new.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k _l --sort-by-file --project workshop-credit \
	  -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --width 100

## Serve the site on http://127.0.0.1:5000 with a migrated SQLite database and demo data.
run: $(VENV)/.installed $(CATALOGS)
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo --if-empty
	$(BIN)/flask search-index rebuild
	$(BIN)/flask create-admin --if-none
	$(BIN)/flask run --host 127.0.0.1 --port 5000

## Debian's Chromium and CJK fonts for the browser tests (Playwright drives the system
## Chromium; it never downloads a browser of its own). Installed only when missing.
browser:
	@(command -v chromium >/dev/null && fc-list :lang=zh family | grep -q .) || \
	  (apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk)

## Debian's nginx and logrotate for the deployment tests, which run deploy/ as a city does.
nginx:
	@(command -v nginx && command -v logrotate) >/dev/null || \
	  (apt-get update && apt-get install -y --no-install-recommends nginx logrotate)

## axe-core, the accessibility rules the browser tests inject into each page, from the npm
## registry into a git-ignored folder; fetched only when missing (npm from Debian if absent).
AXE_VERSION := 4.14.1
AXE := .tools/node_modules/axe-core/axe.min.js
$(AXE):
	@command -v npm >/dev/null || (apt-get update && apt-get install -y --no-install-recommends npm)
	npm install --prefix .tools --no-save --no-package-lock --no-audit --no-fund axe-core@$(AXE_VERSION)

## Lint, then the whole suite (browser tests included) on SQLite and PostgreSQL, and the
## schema tests and the property test of every form on MariaDB. The deployment test needs
## PostgreSQL: it runs in the second pass.
test: $(VENV)/.installed $(CATALOGS) browser nginx $(AXE)
	$(BIN)/ruff check .
	$(BIN)/pytest -m "not deploy"
	TEST_DATABASE_URL='$(PG_URL)' $(BIN)/pytest
	TEST_DATABASE_URL='$(MARIADB_URL)' $(BIN)/pytest -m 'schema or fuzz'

lint: $(VENV)/.installed
	$(BIN)/ruff check .

format: $(VENV)/.installed
	$(BIN)/ruff format workshop_credit tests

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
