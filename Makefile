# Kanpe: `make run` opens the demo, `make test` runs every check. Both install what they need.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.kanpe-installed
APT_STAMP := .apt-installed

# Qt's runtime libraries (offscreen and under Xvfb), Xvfb itself, and a font: what building and
# running the bundle needs (`make runtime-deps`, used by the release workflow's Linux leg).
# x11-utils: xwininfo, with which the bundle test sees the start window on Xvfb.
RUNTIME_APT_PACKAGES := libgl1 libegl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libdbus-1-3 fonts-dejavu-core \
	fonts-noto-color-emoji \
	xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 \
	libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxkbcommon-x11-0 sqlite3 \
	x11-utils
# The test suite's tools on top. Debian's Chromium, run headless by Playwright for the audience
# page's browser tests (tests/e2e): Ubuntu has no chromium deb (only a snap), which is why the
# release workflow installs the runtime packages alone. A compositing manager, so the overlay's
# translucency can be checked under Xvfb. shellcheck, which actionlint runs on the workflow's
# scripts. The pace meter's real speech: espeak-ng says a text slowly and fast, sox resamples it
# to 16 kHz; a PulseAudio null sink's monitor is the virtual microphone its capture test feeds.
TEST_APT_PACKAGES := chromium xcompmgr shellcheck espeak-ng sox pulseaudio pulseaudio-utils
APT_PACKAGES := $(RUNTIME_APT_PACKAGES) $(TEST_APT_PACKAGES)
# The benchmarks' anchors: pdfpc and pympress, measured in the same run; xset turns key repeat off
# on the speaker benchmark's Xvfb.
BENCH_APT_PACKAGES := pdf-presenter-console pympress xdotool x11-xserver-utils

.PHONY: help run test lint unit bench bundle clean system-deps runtime-deps bench-deps

help:
	@echo "make run    - start Kanpe's demo on its embedded relay"
	@echo "make test   - lint, type-check, check layers, run every test"
	@echo "make bench  - run the benchmarks (installs pdfpc and pympress as anchors)"
	@echo "make bundle - build the one-folder bundle with PyInstaller and self-test it"

# Find a Python >= 3.12: PYTHON=..., then python3.13/3.12 on PATH, then pyenv's, then python3.
PYTHON_CANDIDATES := $(PYTHON) python3.14 python3.13 python3.12 \
	$(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3) python3
FOUND_PYTHON := $(firstword $(foreach p,$(PYTHON_CANDIDATES),$(shell command -v $(p) >/dev/null 2>&1 && \
	$(p) -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && echo $(p))))

# Installs the packages of $(1) that are missing (as root), or says how to (as anyone else).
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing system packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else \
			echo "Kanpe needs these system packages:$$missing"; \
			echo "Install them with: sudo apt-get install$$missing"; exit 1; \
		fi; \
	fi
endef

$(APT_STAMP):
	$(call apt_install,$(APT_PACKAGES))
	@touch $@

system-deps: $(APT_STAMP)

# Only what building and running the bundle needs: works on Ubuntu 22.04, which has no chromium deb.
runtime-deps:
	$(call apt_install,$(RUNTIME_APT_PACKAGES))

$(STAMP): pyproject.toml | $(APT_STAMP)
	@if [ -z "$(FOUND_PYTHON)" ]; then \
		echo "Kanpe needs Python 3.12 or newer, with venv, and none was found."; \
		echo "  Debian 13:  apt-get install python3 python3-venv"; \
		echo "  Debian 12:  install one with pyenv (pyenv install 3.12) or from python.org,"; \
		echo "              then run: make PYTHON=/path/to/python3.12 $(MAKECMDGOALS)"; \
		exit 1; \
	fi
	@echo "Using $(FOUND_PYTHON) ($$($(FOUND_PYTHON) --version))"
	@test -x $(PY) || $(FOUND_PYTHON) -m venv $(VENV)
	@set -o pipefail; $(PY) -m pip install -q --upgrade pip 2>&1 | { grep -v 'is ignored: it is neither' || true; }
	@set -o pipefail; $(PY) -m pip install -q -e '.[test,packaging]' 2>&1 | { grep -v 'is ignored: it is neither' || true; }
	@touch $@

# With no display (a server, a container), the demo runs on a virtual screen: the app works and
# the demo's audience link (printed) opens in a browser; the windows are not visible.
run: $(STAMP)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(VENV)/bin/kanpe demo; \
	else \
		echo "No display found (DISPLAY is not set): running the demo on a virtual screen (Xvfb)."; \
		echo "On a desktop, run 'make run' from a terminal in your session to see the windows."; \
		xvfb-run -a -s "-screen 0 1920x1080x24" $(VENV)/bin/kanpe demo; \
	fi

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy --strict src
	$(VENV)/bin/lint-imports

unit: $(STAMP)
	$(PY) -m pytest

test: lint unit

# The Linux one-folder bundle (dist/kanpe/), self-tested offscreen and under Xvfb, then
# dist/kanpe-<version>-linux-<arch>.tar.gz. macOS and Windows installers: .github/workflows/release.yml.
bundle: $(STAMP)
	PYTHON=$(PY) bash packaging/linux/build.sh

bench-deps: $(STAMP)
	@set -o pipefail; $(PY) -m pip install -q -e '.[bench]' 2>&1 | { grep -v 'is ignored: it is neither' || true; }
	@missing=""; for p in $(BENCH_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi

bench: bench-deps
	$(PY) -m bench

clean:
	rm -rf $(VENV) $(APT_STAMP) build dist .mypy_cache .ruff_cache
