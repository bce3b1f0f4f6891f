# The two commands that matter:
#   make run    set everything up, then open the app on the built-in sandbox
#   make test   set everything up, build the app bundle and run its self-test, then run the
#               whole test suite and the layering check
#   make bundle build the installable app bundle for this platform (dist/pixop-desktop)
#   make installer      the installer for this platform from the bundle (Linux: dist/*.deb)
#   make release-keys   once, for whoever publishes updates: the signing keys (docs/releasing.md)
#   make release        sign the built bundle into the update repository (docs/releasing.md)
#   make translations   refresh resources/translations/*.ts from the code, compile them to .qm
#   make translation-add LANG_CODE=de   start a new language (see README.md, "Translating")
#
# Every target is idempotent: a second run only checks and does nothing.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup system-deps venv run test lint clean bundle bundle-selftest translations translation-add \
	installer release-keys release

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

# Translations. The template pixop_desktop.ts (every string in tr()/translate(), no
# translations) and one pixop_desktop_<lang>.ts per language are committed; the .qm files
# the app loads are compiled from them. lupdate reads the whole package in well under a second.
TS_DIR := resources/translations
TS_TEMPLATE := $(TS_DIR)/pixop_desktop.ts
QM_FILES := $(patsubst %.ts,%.qm,$(wildcard $(TS_DIR)/pixop_desktop_*.ts))
TR_SOURCES = $(shell find pixop_desktop -name '*.py' -not -path '*/__pycache__/*' | sort)
LUPDATE = $(VENV)/bin/pyside6-lupdate $(TR_SOURCES) -no-obsolete -locations relative

run: setup $(QM_FILES)
	@if [[ "$$(uname)" == Linux && -z "$${DISPLAY:-}" && -z "$${WAYLAND_DISPLAY:-}" ]]; then \
		echo "make run: no display found. Run it on a desktop, or headless with: xvfb-run -a make run" >&2; \
		exit 1; \
	fi
	$(VENV)/bin/pixop-desktop gui --sandbox

translations: venv
	@mkdir -p $(TS_DIR)
	@echo "pyside6-lupdate pixop_desktop/ → $(TS_TEMPLATE) $(wildcard $(TS_DIR)/pixop_desktop_*.ts)"
	@$(LUPDATE) -ts $(TS_TEMPLATE) $(wildcard $(TS_DIR)/pixop_desktop_*.ts)
	@for ts in $(TS_DIR)/pixop_desktop_*.ts; do \
		[[ -e "$$ts" ]] || continue; \
		$(VENV)/bin/pyside6-lrelease "$$ts" -qm "$${ts%.ts}.qm" || exit 1; \
	done

translation-add: venv
	@[[ "$(LANG_CODE)" =~ ^[a-z]{2,3}(_[A-Z]{2})?$$ ]] || { echo "usage: make translation-add LANG_CODE=de (or pt_BR)" >&2; exit 1; }
	@[[ ! -e $(TS_DIR)/pixop_desktop_$(LANG_CODE).ts ]] || { echo "$(TS_DIR)/pixop_desktop_$(LANG_CODE).ts already exists" >&2; exit 1; }
	@mkdir -p $(TS_DIR)
	@echo "pyside6-lupdate pixop_desktop/ → $(TS_DIR)/pixop_desktop_$(LANG_CODE).ts"
	@$(LUPDATE) -target-language $(LANG_CODE) -ts $(TS_DIR)/pixop_desktop_$(LANG_CODE).ts

$(TS_DIR)/%.qm: $(TS_DIR)/%.ts | $(STAMP)
	$(VENV)/bin/pyside6-lrelease $< -qm $@

# The bundle: rebuilt only when a file it is made from changed (PyInstaller's own
# cache in build/pyinstaller makes a rebuild quicker than the first build).
BUNDLE_TOOL := $(VENV)/.bundle-installed
BUNDLE_PROGRAM := dist/pixop-desktop/pixop-desktop
BUNDLE_INPUTS := pyproject.toml $(shell find pixop_desktop packaging resources -type f \
	-not -path '*/__pycache__/*' -not -name '*.pyc' -not -name '*.md' 2>/dev/null)

$(BUNDLE_TOOL): pyproject.toml | $(STAMP)
	$(VPY) -m pip install --quiet -e '.[dev,bundle]'
	@touch $(BUNDLE_TOOL)

$(BUNDLE_PROGRAM): $(BUNDLE_INPUTS) $(QM_FILES) | $(BUNDLE_TOOL)
	$(VPY) packaging/build.py
	@touch $(BUNDLE_PROGRAM)

bundle: setup $(BUNDLE_PROGRAM)

# The frozen app's --self-test in the test session; it must find the Secret Service keyring.
bundle-selftest: bundle
	@home=$$(mktemp -d) && trap 'rm -rf "$$home"' EXIT && \
		PIXOP_DESKTOP_HOME="$$home" PIXOP_SELFTEST_EXPECT_KEYRING="Secret Service" \
		scripts/with-test-session.sh $(BUNDLE_PROGRAM) --self-test

# The installer for this platform (packaging/installer.py): a .deb built with dpkg-deb on Linux;
# the Windows setup (Inno Setup) and macOS .dmg (dmgbuild) are built by the workflow's runners.
installer: bundle
	$(VPY) packaging/installer.py

# Signed updates (packaging/release.py, docs/releasing.md). The private keys live OUTSIDE this
# checkout and the repository: RELEASE_KEYS=/path/to/keys (or $$PIXOP_RELEASE_KEYS).
RELEASE_KEYS ?= $(PIXOP_RELEASE_KEYS)
UPDATE_REPO ?= $(or $(PIXOP_UPDATE_REPO),dist/update-repo)
RELEASE_ARGS = $(if $(RELEASE_KEYS),--keys "$(RELEASE_KEYS)") --repo "$(UPDATE_REPO)"

release-keys: venv
	$(VPY) packaging/release.py keys $(RELEASE_ARGS)

release: bundle
	$(VPY) packaging/release.py publish $(RELEASE_ARGS)

test: setup $(QM_FILES) bundle-selftest
	scripts/with-test-session.sh $(VPY) -m pytest -q -p no:cacheprovider
	$(VENV)/bin/lint-imports

lint: venv
	$(VENV)/bin/lint-imports

clean:
	rm -rf $(VENV) build dist *.egg-info

# Transfer benchmark (not part of `make test`): the app's engines vs curl and nginx, ~2-5 min.
# Options: make bench-transfer BENCH_ARGS="--size 512MiB --repeat 3"
.PHONY: bench-transfer
bench-transfer: venv
	$(VPY) benchmarks/transfer.py $(BENCH_ARGS)

# Long-link benchmark (not part of `make test`): downloads over 1/4/8 connections vs curl through a
# relay with 150 ms RTT and 40 MB/s per connection, ~2 min. Options: make bench-wan BENCH_ARGS="--size 1GiB"
.PHONY: bench-wan
bench-wan: venv
	$(VPY) benchmarks/wan.py $(BENCH_ARGS)

# The chaos test for as long as asked (not part of `make test`, which runs its short version): the
# watched-folder journey through a faulty proxy, a new seed each round. A failure prints its seed;
# make chaos CHAOS_SECONDS=0 CHAOS_SEED=N replays one. make chaos [CHAOS_SECONDS=600] [CHAOS_SEED=N]
CHAOS_SECONDS ?= 600
CHAOS_SEED ?=
.PHONY: chaos
chaos: venv
	CHAOS_SECONDS=$(CHAOS_SECONDS) CHAOS_SEED=$(CHAOS_SEED) $(VPY) -m pytest -q -s -p no:cacheprovider \
		tests/chaos/test_chaos.py -k for_as_long_as_asked
