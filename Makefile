# The README's commands. `make run` serves the demo; `make test` runs lint and the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2

.PHONY: run serve worker beat test lint format install install-test lock clean axe axe-if-npm bench loadtest

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv

# requirements/*.txt pin what pyproject.toml allows; `make lock` refreshes them.
$(VENV)/.installed: $(PY) requirements/base.txt
	$(UV) pip install --quiet --python $(PY) -r requirements/base.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements/test.txt
	$(UV) pip install --quiet --python $(PY) -r requirements/test.txt
	touch $@

lock: $(PY)
	$(UV) pip compile --quiet --python-version 3.11 pyproject.toml \
		--custom-compile-command "make lock" -o requirements/base.txt
	$(UV) pip compile --quiet --python-version 3.11 pyproject.toml --extra test \
		--custom-compile-command "make lock" -o requirements/test.txt

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py seed_demo
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# Production mode behind a TLS proxy: the environment must hold SECRET_KEY, ALLOWED_HOSTS,
# DATABASE_URL and REDIS_URL (README, docs/deployment.md). Migrations are a step of their own.
serve: install
	DJANGO_SETTINGS_MODULE=config.settings.production $(PY) manage.py collectstatic --noinput -v 0
	DJANGO_SETTINGS_MODULE=config.settings.production GUNICORN_BIND=$(HOST):$(PORT) \
		$(VENV)/bin/gunicorn -c config/gunicorn.conf.py

# The background-job worker (config/celery.py): sends the e-mail the app servers queue. Needs
# the production environment with REDIS_URL, like `make serve`; `make run` needs none.
worker: install
	DJANGO_SETTINGS_MODULE=config.settings.production $(VENV)/bin/celery -A config worker \
		--loglevel INFO --concurrency 2

# The scheduler of periodic jobs (CELERY_BEAT_SCHEDULE: scheduled mailings, invitations to
# evaluate). Exactly one per deployment, beside the workers; like `make worker`, it needs the
# production environment.
beat: install
	DJANGO_SETTINGS_MODULE=config.settings.production $(VENV)/bin/celery -A config beat \
		--loglevel INFO --schedule /tmp/guildhall-celerybeat-schedule

# ruff (style and bug patterns), import-linter (the apps' import directions, pyproject.toml)
# and mypy with the Django and DRF plugins (types, including model fields and querysets).
lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-logo
	$(VENV)/bin/mypy

# axe-if-npm first, so that a fresh clone with npm runs the accessibility checks too.
test: lint axe-if-npm
	$(PY) -m pytest -p xdist -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The benchmark (bench/README.md): SQLite, and PostgreSQL too when DATABASE_URL names one.
# Writes bench/results.json, bench/results.md and the README's Performance section; fails
# when a budget is broken.
bench: install
	$(PY) -m bench

# The load test: gunicorn (2 workers, production settings) on a throwaway PostgreSQL and
# Redis under 30 s of wrk on 127.0.0.1; installs PostgreSQL, Redis and wrk where missing (as
# root, like .ci/run). Writes bench/loadtest.json and the README's Performance section.
loadtest: install
	bash bench/loadtest.sh

format: install-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# axe-core, which the browser tests load into pages to check accessibility; npm puts it in
# node_modules/ (ignored by git), without writing a package.json or lock file.
AXE_VERSION ?= 4.14.1
axe: node_modules/axe-core/axe.min.js

node_modules/axe-core/axe.min.js:
	npm install --no-save --no-package-lock --no-audit --no-fund axe-core@$(AXE_VERSION)

# `make test` fetches axe-core where npm exists; without npm the accessibility tests skip,
# saying so (and fail under GUILDHALL_STRICT_TESTS=1).
axe-if-npm:
	@if command -v npm >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory axe; \
	else \
		echo "npm not found: the accessibility tests will skip (apt install npm, then make axe)"; \
	fi

clean:
	rm -rf $(VENV) staticfiles test-artifacts node_modules
