#!/usr/bin/env bash
# Opening the longest built-in lesson (read, render, sanitise) against pulldown-cmark alone, and
# importing a pack of 1,000 lessons from its archive against raw SQLite inserts of the same
# Markdown. Prints JSON lines for `make bench-compare`; build output goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/../../.."
target=${CARGO_TARGET_DIR:-$PWD/target}
cargo build --release --locked -p w2b-core --example lesson_and_pack >&2
"$target/release/examples/lesson_and_pack"
