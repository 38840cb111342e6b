# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint format check-deploy bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Migrate, load the demo partnership, then serve the site and the task worker until Ctrl-C.
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Site: http://127.0.0.1:$(PORT)/   Staff admin: http://127.0.0.1:$(PORT)/admin/"
	@trap 'kill 0' INT TERM EXIT; \
	  $(BIN)/python manage.py db_worker --no-reload & \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT) --noreload

# The browser tests drive Debian's Chromium; as root on a fresh machine, install it first.
test: $(STAMP)
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && apt-get install -y -qq chromium; fi
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Every script in bench/ that runs as a program (settings.py and urls.py are its Django site).
bench: $(STAMP)
	@for script in $$(grep -l '^if __name__ == "__main__":' bench/*.py); do \
	  echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
