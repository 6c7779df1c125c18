# Two commands on a fresh machine: `make run` and `make test`. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CSS := service/static/stylesheets/application.css
FRONTEND_JS := service/static/javascripts/govuk-frontend.min.js
SASS_SOURCES := $(wildcard service/assets/scss/*.scss)
HOST ?= 127.0.0.1
PORT ?= 5000

.DEFAULT_GOAL := help
.PHONY: help install assets run test lint format bench docs templates clean

help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(PY_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

$(CSS): $(NODE_STAMP) $(SASS_SOURCES)
	npx sass --no-source-map --style=compressed --load-path=node_modules \
		service/assets/scss/application.scss $@

$(FRONTEND_JS): $(NODE_STAMP) bin/copy-frontend-assets $(wildcard service/assets/images/*)
	bin/copy-frontend-assets

install: $(PY_STAMP) $(NODE_STAMP) ## Install Python and npm dependencies into .venv and node_modules

assets: $(CSS) $(FRONTEND_JS) ## Build the stylesheet and copy GOV.UK Frontend's scripts and images

run: install assets ## Serve the service at http://127.0.0.1:5000, or on PORT=... (SQLite, no SMTP needed)
	SERVICE_ENV=development $(BIN)/flask --app wsgi db upgrade
	SERVICE_ENV=development $(BIN)/flask --app wsgi run --host $(HOST) --port $(PORT)

lint: $(PY_STAMP) ## Check code style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(PY_STAMP) ## Reformat code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install assets lint ## Run lint and every test (browser and LibreOffice tests included)
	$(BIN)/pytest

bench: install ## Measure rendering speed against plain docxtpl (prints medians and ratios)
	$(BIN)/python -m bench

.PHONY: loadtest
loadtest: install ## Load gunicorn on loopback with wrk, beside plain docxtpl (about 5 minutes)
	$(BIN)/python -m loadtest $(LOADTEST_ARGS)

docs: $(PY_STAMP) ## Write docs/law.md from the law register
	$(BIN)/python -m scripts.docs

templates: $(PY_STAMP) ## Build the Word templates in templates_docx/ from scripts/docx_templates
	$(BIN)/python -m scripts.docx_templates

clean: ## Remove installed dependencies and built assets
	rm -rf $(VENV) node_modules service/static .pytest_cache
