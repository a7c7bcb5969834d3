#!/usr/bin/env bash
# Start-up of the release app beside a bare Tauri window built the same way (make
# bench-startup: release builds, then benches/startup/measure.py under Xvfb), as JSON lines for
# `make bench-compare`: time to interactive and whole-process-tree PSS, warm start (the
# everyday case) and cold start (first run). Build and measuring output goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/../../.."
target=${CARGO_TARGET_DIR:-$PWD/target}
make bench-startup BENCH_RUNS="${BENCH_RUNS:-5}" >&2
python3 - "$target/startup.json" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))["summary"]["by_kind"]
def median(kind, metric):
    return summary[kind][metric]["median"]
for app, bare, what in (("app_warm", "bare_warm", "warm"), ("app_cold", "bare_cold", "cold, first run")):
    ready, floor = median(app, "ready_ms"), median(bare, "ready_ms")
    print(json.dumps({"measure": f"start-up to interactive, {what}", "size": "release build",
                      "value": round(ready, 1), "unit": "ms", "floor": "bare Tauri window",
                      "floor_value": round(floor, 1), "goal": "at most 1.15x bare",
                      "met": ready <= 1.15 * floor}))
    pss, bare_pss = median(app, "pss_kib") / 1024, median(bare, "pss_kib") / 1024
    print(json.dumps({"measure": f"memory after start-up (PSS, process tree), {what}",
                      "size": "release build", "value": round(pss, 1), "unit": "MiB",
                      "floor": "bare Tauri window", "floor_value": round(bare_pss, 1),
                      "goal": "at most 25 MiB over bare", "met": pss - bare_pss <= 25}))
PY
