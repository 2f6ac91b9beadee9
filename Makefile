# Quickstart: `make run` and `make test` each do their own set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= $(or $(FINDINGS_DB),var/findings.db)
DATA := $(wildcard knowledge/data/*.csv)

.PHONY: install db run web test lint bench bench-broadcast clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

db: $(DB)

$(DB): $(STAMP) $(DATA)
	FINDINGS_DB=$(DB) $(BIN)/findings-bot load

run: $(STAMP) db
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then \
		FINDINGS_DB=$(DB) $(BIN)/findings-bot run; \
	else \
		echo "TELEGRAM_BOT_TOKEN is not set: opening the terminal chat."; \
		echo "(To run the Telegram bot, get a token from @BotFather and export TELEGRAM_BOT_TOKEN.)"; \
		FINDINGS_DB=$(DB) $(BIN)/findings-bot chat; \
	fi

web: $(STAMP) db
	FINDINGS_DB=$(DB) $(BIN)/findings-bot web

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(STAMP) db
	$(BIN)/python bench/ask.py
	FINDINGS_DB=$(DB) $(BIN)/python bench/chart.py
	FINDINGS_DB=$(DB) $(BIN)/python bench/bot_replies.py

bench-broadcast: $(STAMP) db
	FINDINGS_DB=$(DB) $(BIN)/python bench/broadcast.py

clean:
	rm -rf $(VENV) var build *.egg-info
