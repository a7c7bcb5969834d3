# Ward to Board. The two commands a newcomer needs:
#   make run    install what is missing, build, and open the app on its built-in curriculum
#   make test   install what is missing and run every check and test (what CI runs)
# Everything else here is a step of those two.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export CARGO_TARGET_DIR ?= $(CURDIR)/target
export CARGO_TERM_COLOR ?= never
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)

APP_BINARY := $(CARGO_TARGET_DIR)/debug/ward-to-board
# The Tauri CLI, from npm, pinned to the tauri crate's version. It lives outside ui/'s lockfile
# because the npm registry reachable here serves only this platform's build of it, and a
# lockfile naming the other platforms' builds could then never be installed with `npm ci`.
TAURI_CLI_VERSION := 2.12.5
TAURI_CLI_DIR := $(CARGO_TARGET_DIR)/tauri-cli-$(TAURI_CLI_VERSION)
TAURI := $(TAURI_CLI_DIR)/node_modules/.bin/tauri
SCREENSHOTS ?= $(CARGO_TARGET_DIR)/e2e-screenshots

# Debian packages: building the Tauri app, then running its end-to-end tests.
APT_BUILD := build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev \
             librsvg2-dev libayatana-appindicator3-dev libsoup-3.0-dev
APT_TEST := xvfb webkit2gtk-driver xauth fonts-liberation2 chromium faketime

.PHONY: help run test deps system-deps test-deps tauri-driver app lint unit ui-check ui-test \
        bindings-check core-has-no-tauri far-clocks e2e bench-startup bench-render clean

help:
	@echo "make run    build and open Ward to Board"
	@echo "make test   run every check and test (installs what is missing)"

## --- the two commands -------------------------------------------------------------

run: deps app
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "No display found. On a machine without a desktop, run: xvfb-run -a make run"; exit 1; fi
	$(APP_BINARY)

test: deps test-deps lint unit bindings-check core-has-no-tauri ui-check ui-test far-clocks e2e
	@echo "All checks and tests passed."

## --- installing what is missing -------------------------------------------------

deps: system-deps ui/node_modules/.installed $(TAURI)

# Installs only the packages that are not there yet (apt-get, with sudo when not root).
system-deps:
	@missing=$$(for p in $(APT_BUILD); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v cargo >/dev/null || { echo "Rust is missing: install it from https://rustup.rs"; exit 1; }
	@command -v npm >/dev/null || { echo "Node.js 20 or newer is missing: install it first"; exit 1; }

test-deps: system-deps tauri-driver
	@missing=$$(for p in $(APT_TEST); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages for the tests:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@# The end-to-end harness runs `kill` and a small Python tool (tests/tools/); install them
	@# from Debian only where the machine has none of its own.
	@missing=$$(command -v python3 >/dev/null || echo python3; [ -x /bin/kill ] || [ -x /usr/bin/kill ] || echo procps); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages for the tests:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

$(TAURI):
	mkdir -p $(TAURI_CLI_DIR)
	npm install --prefix $(TAURI_CLI_DIR) --no-save --no-package-lock --no-audit --no-fund @tauri-apps/cli@$(TAURI_CLI_VERSION)

tauri-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version '^2'

# npm ci from the committed lockfile, again whenever the lockfile changes.
ui/node_modules/.installed: ui/package-lock.json
	npm ci --prefix ui --no-audit --no-fund
	@touch $@

## --- building --------------------------------------------------------------------

UI_SOURCES := $(shell find ui/src ui/index.html ui/vite.config.ts ui/svelte.config.js -type f 2>/dev/null)

# The desktop crate embeds ui/dist at compile time, so every cargo step needs it built.
ui/dist/index.html: ui/node_modules/.installed $(UI_SOURCES)
	npm --prefix ui run build

# A debug build with the bundled UI (not the dev server): what `make run` and the
# end-to-end tests launch. No installer is made.
app: deps ui/dist/index.html
	$(TAURI) build --debug --no-bundle --ci

## --- checks and tests ------------------------------------------------------------

lint: deps ui/dist/index.html
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --locked -- -D warnings

unit: deps ui/dist/index.html
	cargo test --workspace --exclude w2b-e2e --locked

# The TypeScript types are written by the `export_bindings` test (run by `unit`); the
# committed copies must match them.
bindings-check: unit
	@git diff --exit-code --stat -- ui/src/ipc/bindings || { echo "ui/src/ipc/bindings is out of date: run 'make unit' and commit it"; exit 1; }
	@untracked=$$(git ls-files --others --exclude-standard -- ui/src/ipc/bindings); \
	if [ -n "$$untracked" ]; then echo "New bindings not committed: $$untracked"; exit 1; fi
	@echo "Bindings match the Rust types."

core-has-no-tauri:
	@for crate in w2b-core w2b-cli; do \
	  if cargo tree -p $$crate --locked -e normal,build --prefix none | grep -E '^tauri[-_ ]'; then \
	    echo "$$crate must not depend on tauri"; exit 1; fi; \
	done
	@echo "w2b-core and w2b-cli do not depend on tauri."

ui-check: ui/node_modules/.installed
	npm --prefix ui run check

ui-test: ui/node_modules/.installed
	npm --prefix ui test

# The Vitest suite and every Rust test binary again, under clocks shifted years ahead in far
# time zones (libfaketime): a test that reads the machine's clock, zone or locale fails here,
# not on some later day. The binaries are built first, under the real clock. docs/testing.md.
far-clocks: test-deps unit ui/node_modules/.installed
	python3 tests/tools/far_clocks.py

# Drives the real app under Xvfb; screenshots of each screen go to $(SCREENSHOTS).
e2e: test-deps app
	rm -rf $(SCREENSHOTS)
	W2B_APP_BINARY=$(APP_BINARY) W2B_SCREENSHOT_DIR=$(SCREENSHOTS) \
	  xvfb-run -a --server-args="-screen 0 1280x1000x24" \
	  cargo test -p w2b-e2e --locked -- --test-threads=1 --nocapture
	@echo "Screenshots of each screen: $(SCREENSHOTS)"

## --- start-up benchmark (not part of `make test`) ----------------------------------

# Release builds of the app and of a bare Tauri window, both through the Tauri CLI (so both
# serve their embedded pages, never a dev server); then start-up time and memory of each
# under Xvfb. See benches/startup/README.md. The bare window is built in one cargo run with
# the app, so both link the very same build of tauri (alone, feature unification would
# compile tauri a second time, slightly differently).
BENCH_RUNS ?= 5
# The newest 10,000-entry portfolio the criterion bench built (its folder is named after the
# generator and schema versions), for the start-up bench's large-portfolio row.
LARGE_DATA = $(lastword $(sort $(wildcard $(CARGO_TARGET_DIR)/tmp/portfolio-bench-g*-s*-10000/ward-to-board.sqlite3)))

bench-startup: deps ui/dist/index.html
	@command -v xvfb-run >/dev/null || { echo "xvfb-run is missing: run 'make test-deps' first"; exit 1; }
	$(TAURI) build --no-bundle --ci
	cd benches/startup/bare-window && $(TAURI) build --no-bundle --ci -- -p w2b-desktop -p w2b-bare-window
	xvfb-run -a --server-args="-screen 0 1280x1000x24" python3 benches/startup/measure.py \
	  --app $(CARGO_TARGET_DIR)/release/ward-to-board \
	  --bare $(CARGO_TARGET_DIR)/release/w2b-bare-window \
	  $(if $(LARGE_DATA),--large-data $(patsubst %/,%,$(dir $(LARGE_DATA)))) \
	  --runs $(BENCH_RUNS) --json $(CARGO_TARGET_DIR)/startup.json

## --- Markdown rendering benchmark (not part of `make test`) ---------------------------

# Render time per KB from 1 KB to 1 MB, for prose and for shapes built to be slow (issue
# #17); prints a table of microseconds per KB, then criterion's throughput for each.
bench-render:
	cargo bench -p w2b-core --bench render

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules
