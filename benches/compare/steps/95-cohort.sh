#!/usr/bin/env bash
# The cohort report over 200 bundles of 1,000 entries each (`w2b cohort report`'s work: verify
# every bundle in turn, then write the page, CSV and JSON): its time against the 10 s goal, and
# the process's peak memory (/usr/bin/time -v), which stays that of one bundle per worker
# however many there are, and its processor time. Prints JSON lines for `make bench-compare`;
# progress goes to stderr. The bundles are written once (a few minutes) into
# $CARGO_TARGET_DIR/tmp and kept.
set -euo pipefail
cd "$(dirname "$0")/../../.."
target=${CARGO_TARGET_DIR:-$PWD/target}
data="$target/tmp/cohort-bench-g1-200x1000"
work="$target/tmp/cohort-bench-run"

cargo build --release --locked -p w2b-core --example cohort_report >&2
program="$target/release/examples/cohort_report"
"$program" build "$data" >&2

rm -rf "$work" && mkdir -p "$work/out"
/usr/bin/time -v "$program" report "$data" "$work/out" > "$work/figures.json" \
  2> "$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
peak_kib=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$work/time.txt")
user_s=$(sed -n 's/^\s*User time (seconds): //p' "$work/time.txt")
system_s=$(sed -n 's/^\s*System time (seconds): //p' "$work/time.txt")
bundle_mib=$(du -m "$data/learner-000.w2bbundle" | cut -f1)

python3 - "$work/figures.json" "$peak_kib" "$bundle_mib" "$user_s" "$system_s" <<'PY'
import json, sys
figures = json.load(open(sys.argv[1]))
peak_mib = round(int(sys.argv[2]) / 1024, 1)
assert figures["learners"] == 200 and figures["refused"] == 0, figures
size = "200 bundles x 1,000 entries"
seconds = round(figures["seconds"], 2)
print(json.dumps({"measure": "cohort report", "size": size, "value": seconds, "unit": "s",
                  "goal": "< 10 s", "met": seconds < 10}))
# Processor time over every worker: what the report costs on a machine shared with others.
cpu = round(float(sys.argv[4]) + float(sys.argv[5]), 2)
print(json.dumps({"measure": "cohort report processor time (user + system)", "size": size,
                  "value": cpu, "unit": "s"}))
print(json.dumps({"measure": "cohort report peak memory", "size": size, "value": peak_mib,
                  "unit": "MiB", "goal": "bounded: one bundle at a time (< 256 MiB)",
                  "met": peak_mib < 256, "bundle_file_mib": int(sys.argv[3])}))
PY
