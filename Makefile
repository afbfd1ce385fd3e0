# An Tâm: `make run` runs the bot, `make test` runs the tests. Both set everything up first.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
DATA_DIR ?= data
export DATA_DIR
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export PYTHONDONTWRITEBYTECODE := 1

CATALOG_PO := bot/responses/locales/vi/LC_MESSAGES/messages.po
CATALOG_MO := bot/responses/locales/vi/LC_MESSAGES/messages.mo
# The web chat's accessibility test injects axe-core from this local file (npm's axe-core).
AXE_VERSION := 4.14.1
AXE_DIR := $(VENV)/share/axe-core

.PHONY: run test setup venv directory catalogs model nlu-eval bench flows \
        messages-extract messages-update lint clean browser devtools

run: setup ## Run the bot: Telegram with TELEGRAM_BOT_TOKEN set, else a terminal chat
	$(PY) -m bot run

test: setup browser devtools ## Run every test (sets up and trains as needed); -rs lists what skipped, why
	$(PY) -m pytest -rs

setup: venv directory catalogs model

venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt constraints.txt
	@interpreter="$$(scripts/find-python.sh)" || exit 1; \
	  [ -x $(PY) ] || "$$interpreter" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	touch $@

# ruff, mypy and import-linter: `make lint`, and the tests' check of the package layers.
devtools: $(VENV)/.devtools
$(VENV)/.devtools: $(VENV)/.installed requirements-dev.txt constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $@

directory: venv ## Build the referral directory database from the seed CSV if missing
	@[ -f "$(DATA_DIR)/directory.db" ] || $(PY) -m referral_db init --db "$(DATA_DIR)/directory.db"

catalogs: venv $(CATALOG_MO) ## Compile the message catalogs
$(CATALOG_MO): $(CATALOG_PO)
	$(VENV)/bin/pybabel compile --statistics -d bot/responses/locales -D messages

# Debian's chromium and chromedriver (apt, as root) and axe-core (npm) for the web chat's browser
# tests. Never fails: what cannot be installed is said here, and the tests skip saying why.
browser: venv ## Install what the web chat's headless-browser tests need, where possible
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing chromium and chromium-driver (Debian) for the web browser tests"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      chromium chromium-driver >/dev/null; } \
	    || echo "WEB BROWSER TESTS WILL BE SKIPPED: apt-get could not install chromium"; \
	else echo "WEB BROWSER TESTS WILL BE SKIPPED: no chromium/chromedriver and not root" \
	  "(sudo apt-get install chromium chromium-driver)"; fi
	@[ -f $(AXE_DIR)/axe.min.js ] || { command -v npm >/dev/null \
	  && tmp="$$(mktemp -d)" && (cd "$$tmp" && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null) \
	  && mkdir -p $(AXE_DIR) \
	  && tar xzf "$$tmp/axe-core-$(AXE_VERSION).tgz" -C $(AXE_DIR) --strip-components=1 \
	     package/axe.min.js package/LICENSE && rm -rf "$$tmp"; } \
	  || echo "ACCESSIBILITY TEST WILL BE SKIPPED: could not fetch axe-core $(AXE_VERSION) with npm"

model: venv ## Train the NLU model only if its data or config changed (content hash)
	$(PY) -m nlu.train

nlu-eval: setup ## Evaluate the NLU on held-out and realistic data; writes docs/nlu-report.md
	@# Rasa's default pipeline (DIET, 100 epochs) over today's training data takes hours on two
	@# cores: it is trained only when asked, with BASELINE=1.
	$(PY) -m bot.evaluation.heldout $(if $(BASELINE),,--no-baseline)
	$(PY) -m bot.evaluation.realistic

bench: setup ## Measure reply latency, throughput (Telegram, web chat), directory search; writes docs/benchmarks.md
	$(PY) scripts/bench_directory.py
	$(PY) scripts/bench_bot.py
	$(PY) scripts/bench_web.py

flows: setup ## Run the community workers' referral flows (VIA=telegram: through the adapter)
	$(PY) -m bot flows run flows/ --via $(or $(VIA),core)

messages-extract: venv ## Extract user-facing strings into bot/responses/messages.pot
	$(VENV)/bin/pybabel extract -F bot/responses/babel.cfg -c TRANSLATORS: -c SOURCE: --no-wrap \
	  --sort-by-file --project="An Tâm" --version=1 --copyright-holder="An Tâm project" \
	  -o bot/responses/messages.pot bot/responses/

messages-update: messages-extract ## Merge new strings into the Vietnamese catalog
	$(VENV)/bin/pybabel update -i bot/responses/messages.pot -d bot/responses/locales -D messages \
	  --no-wrap --ignore-obsolete

lint: devtools ## Ruff (lint and format), mypy (types) and import-linter (package layers)
	$(VENV)/bin/lint-imports --no-cache --no-logo
	$(VENV)/bin/ruff check bot nlu referral_db vntext tests scripts
	$(VENV)/bin/ruff format --check bot nlu referral_db vntext tests scripts
	$(VENV)/bin/mypy bot nlu referral_db vntext

clean: ## Remove the trained models, the local data and the compiled catalogs
	rm -rf nlu/models $(DATA_DIR) bot/responses/locales/*/LC_MESSAGES/*.mo
