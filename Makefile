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
# pdfinfo, pdftotext and pdffonts read back the PDFs the app writes (revalidation records).
APT_TEST += poppler-utils

.PHONY: help run test deps system-deps test-deps tauri-driver app lint unit ui-check ui-test \
        bindings-check core-has-no-tauri far-clocks e2e bench-startup bench-render clean \
        package package-check fuzz fuzz-short fuzz-build cargo-fuzz deny cargo-deny

help:
	@echo "make run    build and open Ward to Board"
	@echo "make test   run every check and test (installs what is missing)"

## --- the two commands -------------------------------------------------------------

run: deps app
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "No display found. On a machine without a desktop, run: xvfb-run -a make run"; exit 1; fi
	$(APP_BINARY)

test: deps test-deps lint unit bindings-check core-has-no-tauri ui-check ui-test far-clocks e2e \
      fuzz-short deny
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

## --- packages (docs/packaging.md) ------------------------------------------------

# Release .deb and .rpm, built offline by the Tauri bundler from the files staged here: the
# w2b tool, its manual pages and completions (made by w2b itself), the changelog. The bundler
# names the desktop file after the product ("Ward to Board.desktop"); finish_packages.py
# renames it to the app id in both packages, so the window groups with its launcher.
PACKAGE_STAGE := src-tauri/packaging/build
PACKAGE_OUT := $(CARGO_TARGET_DIR)/packages
APT_PACKAGE := rpm lintian appstream desktop-file-utils shared-mime-info dbus-daemon

package: deps ui/dist/index.html
	@missing=$$(for p in $(APT_PACKAGE); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages for packaging:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	cargo build --release --locked -p w2b-cli
	rm -rf $(PACKAGE_STAGE) && mkdir -p $(PACKAGE_STAGE)/completions
	install -m 755 $(CARGO_TARGET_DIR)/release/w2b $(PACKAGE_STAGE)/w2b
	$(PACKAGE_STAGE)/w2b manual $(PACKAGE_STAGE)/man1
	cp src-tauri/packaging/linux/ward-to-board.1 $(PACKAGE_STAGE)/man1/
	gzip -9n $(PACKAGE_STAGE)/man1/*.1
	$(PACKAGE_STAGE)/w2b completions bash > $(PACKAGE_STAGE)/completions/w2b.bash
	$(PACKAGE_STAGE)/w2b completions zsh > $(PACKAGE_STAGE)/completions/_w2b
	$(PACKAGE_STAGE)/w2b completions fish > $(PACKAGE_STAGE)/completions/w2b.fish
	gzip -9nc src-tauri/packaging/linux/changelog > $(PACKAGE_STAGE)/changelog.gz
	cd src-tauri && $(TAURI) build --bundles deb,rpm --ci
	python3 src-tauri/packaging/linux/finish_packages.py \
	  --bundles $(CARGO_TARGET_DIR)/release/bundle --out $(PACKAGE_OUT)
	@ls -l $(PACKAGE_OUT)

# The packages' contents, desktop file, metainfo, MIME types and lintian; then the installed
# binary through the WebDriver suite: a pack named on its command line, and a second launch
# handing a bundle and a review file to the first window (over a private D-Bus session).
package-check: package test-deps
	python3 src-tauri/packaging/linux/check_packages.py --out $(PACKAGE_OUT)
	W2B_PACKAGE_DEB=$$(ls $(PACKAGE_OUT)/*.deb) W2B_SCREENSHOT_DIR=$(SCREENSHOTS) \
	  dbus-run-session -- xvfb-run -a --server-args="-screen 0 1280x1000x24" \
	  cargo test -p w2b-e2e --locked --test package -- --ignored --test-threads=1 --nocapture

## --- fuzzing and the supply chain (docs/testing.md) -----------------------------------

# Each reader of files from elsewhere under libFuzzer (fuzz/, its own workspace). An input
# that panics, takes over 10 s or grows past 256 MB is a failure, saved under
# fuzz/artifacts/<target>/; replay one from fuzz/ with
# `cargo fuzz run --sanitizer none <target> artifacts/<target>/<file>`.
FUZZ_TARGETS := pack_archive bundle_verify review_file markdown_lesson markdown_note \
                framework_toml moodle_csv mahara_matrix leap2a_feed html_to_markdown
FUZZ_SECONDS ?= 60
# fuzz-short: every target for this long, about a minute in all after the build.
FUZZ_SHORT_SECONDS ?= 5
FUZZ_LIMITS := -rss_limit_mb=256 -timeout=10 -max_len=65536
# No sanitizer: our code forbids `unsafe`, so what is sought is panics, stalls and bloat,
# which the limits above catch; AddressSanitizer would double the build and halve the speed.
# Without one, cargo-fuzz passes only stable compiler flags, so stable Rust builds the targets.
CARGO_FUZZ := cd fuzz && cargo fuzz
FUZZ_BUILD_FLAGS := --sanitizer none --target-dir $(CARGO_TARGET_DIR)/fuzz
# Seeds: the fixtures each reader already has, and the inputs fuzzing found before.
FUZZ_SEEDS_pack_archive := tests/fixtures/packs
FUZZ_SEEDS_bundle_verify := tests/fixtures/bundles
FUZZ_SEEDS_review_file := tests/fixtures/reviews
FUZZ_SEEDS_markdown_lesson := tests/fixtures/packs/good-v2 tests/fixtures/packs/good
FUZZ_SEEDS_markdown_note := tests/fixtures/packs/good-v2 tests/fixtures/packs/good
FUZZ_SEEDS_framework_toml := tests/fixtures/frameworks
FUZZ_SEEDS_moodle_csv := tests/fixtures/frameworks/moodle
FUZZ_SEEDS_mahara_matrix := tests/fixtures/frameworks/mahara
FUZZ_SEEDS_leap2a_feed := tests/fixtures/leap2a
FUZZ_SEEDS_html_to_markdown := tests/fixtures/leap2a/mahara-journal
# The seed folders as seen from fuzz/, where cargo-fuzz runs; a target's own corpus comes first
# (libFuzzer adds what it finds there) and the regression inputs, when there are some, last.
fuzz_seeds = corpus/$(1) $(addprefix ../,$(FUZZ_SEEDS_$(1))) \
             $(if $(wildcard tests/fixtures/hostile/fuzz/$(1)),../tests/fixtures/hostile/fuzz/$(1))

cargo-fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

fuzz-build: cargo-fuzz
	$(CARGO_FUZZ) build $(FUZZ_BUILD_FLAGS)

# The targets for bundles and Leap2A write each input to a scratch file, kept here.
FUZZ_SCRATCH := $(CARGO_TARGET_DIR)/fuzz-scratch

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do mkdir -p fuzz/corpus/$$t; done
	mkdir -p $(FUZZ_SCRATCH)
	$(foreach t,$(FUZZ_TARGETS),(export W2B_FUZZ_SCRATCH=$(FUZZ_SCRATCH); \
	  $(CARGO_FUZZ) run $(FUZZ_BUILD_FLAGS) $(t) $(call fuzz_seeds,$(t)) -- \
	  $(FUZZ_LIMITS) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1);)
	rm -rf $(FUZZ_SCRATCH)

# What `make test` runs on every change.
fuzz-short:
	$(MAKE) fuzz FUZZ_SECONDS=$(FUZZ_SHORT_SECONDS)

# cargo-deny's own release profile asks for fat LTO and one codegen unit: a half-hour build
# on 2 cores. Without them it builds in a fraction of that and checks as fast for a tree
# this size.
cargo-deny:
	@command -v cargo-deny >/dev/null || CARGO_PROFILE_RELEASE_LTO=false \
	  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 cargo install cargo-deny --locked

# Licences, banned and duplicate crates, and sources, as deny.toml says. Advisories are not
# checked: their database is fetched from GitHub, which this build may not reach.
deny: cargo-deny
	cargo deny --locked check licenses bans sources

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

## --- figures next to their floors (not part of `make test`) -------------------------

# Runs every step in benches/compare/steps/ in name order and prints one table of figures,
# floors, ratios and goals met; the same rows go to $(CARGO_TARGET_DIR)/bench-compare.json.
# See benches/README.md. The first run builds the large portfolios (minutes); later runs
# reuse them.
.PHONY: bench-compare
bench-compare:
	python3 benches/compare/compare.py

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules
