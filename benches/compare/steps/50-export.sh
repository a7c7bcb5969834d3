#!/usr/bin/env bash
# Export of 10,000 entries with 1,000 attachments (about 500 MB): time against `cp` of the same
# attachment files (with sync, as the export syncs its file), peak memory of the export's own
# process (/usr/bin/time -v), and a portfolio search run meanwhile against the same search with
# nothing else running. Prints JSON lines for `make bench-compare`; progress goes to stderr.
# The portfolio is built once (several minutes) into $CARGO_TARGET_DIR/tmp and kept.
set -euo pipefail
cd "$(dirname "$0")/../../.."
target=${CARGO_TARGET_DIR:-$PWD/target}
data="$target/tmp/export-bench-g1-10000"
work="$target/tmp/export-bench-run"

cargo build --release --locked -p w2b-core --example export_portfolio >&2
program="$target/release/examples/export_portfolio"
"$program" build "$data" >&2

rm -rf "$work" && mkdir -p "$work/out"
started=$(date +%s.%N)
cp -r "$data/files" "$work/copy"
sync -f "$work/copy"
ended=$(date +%s.%N)
cp_seconds=$(python3 -c "print(round($ended - $started, 3))")
rm -rf "$work/copy"

/usr/bin/time -v "$program" export "$data" "$work/out" > "$work/figures.json" \
  2> "$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
peak_kib=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$work/time.txt")
megabytes=$(du -sm "$data/files" | cut -f1)

python3 - "$work/figures.json" "$cp_seconds" "$peak_kib" "$megabytes" <<'PY'
import json, sys
figures = json.load(open(sys.argv[1]))
cp_seconds, peak_mib, mb = float(sys.argv[2]), int(sys.argv[3]) / 1024, sys.argv[4]
size = f"10,000 entries, 1,000 attachments, {mb} MB"
rows = [
    {"measure": "export (write, verify, page beside)", "size": size,
     "value": figures["seconds"], "unit": "s", "floor": "cp of the same files, synced",
     "floor_value": cp_seconds, "goal": "at most 3x cp",
     "met": figures["seconds"] <= 3 * cp_seconds},
    {"measure": "export peak memory (whole process)", "size": size,
     "value": round(peak_mib, 1), "unit": "MiB", "floor": None, "floor_value": None,
     "goal": "under 64 MiB", "met": peak_mib < 64},
    {"measure": "portfolio search during export, p95", "size": size,
     "value": figures["read_p95_ms"], "unit": "ms", "floor": "same search, nothing else running",
     "floor_value": figures["idle_read_p95_ms"], "goal": "readers free: at most 3x idle",
     "met": figures["read_p95_ms"] <= 3 * max(figures["idle_read_p95_ms"], 1.0)},
]
for row in rows:
    print(json.dumps(row))
PY
rm -rf "$work"
