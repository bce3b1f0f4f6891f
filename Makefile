# The two commands that matter:
#   make run    set everything up, then open the app on the built-in sandbox
#   make test   set everything up, then run the whole test suite and the layering check
#
# Every target is idempotent: a second run only checks and does nothing.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup system-deps venv run test lint clean

setup: system-deps venv

system-deps:
	@scripts/system-deps.sh

venv: $(STAMP)

$(VPY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml | $(VPY)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: setup
	@if [[ "$$(uname)" == Linux && -z "$${DISPLAY:-}" && -z "$${WAYLAND_DISPLAY:-}" ]]; then \
		echo "make run: no display found. Run it on a desktop, or headless with: xvfb-run -a make run" >&2; \
		exit 1; \
	fi
	$(VENV)/bin/pixop-desktop gui --sandbox

test: setup
	scripts/with-test-session.sh $(VPY) -m pytest -q -p no:cacheprovider
	$(VENV)/bin/lint-imports

lint: venv
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) build dist *.egg-info
