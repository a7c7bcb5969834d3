#!/usr/bin/env python3
"""Runs every step in benches/compare/steps/ in name order and prints one table of figures
next to their floors, with the ratio of each to its floor and whether its goal was met; writes
the same rows as JSON to $CARGO_TARGET_DIR/bench-compare.json (see benches/README.md).

A step is any executable file. It prints one JSON object per line on standard output:
  {"measure": "...", "size": "...", "value": 1.23, "unit": "ms",
   "floor": "raw FTS5 query", "floor_value": 0.4, "goal": "<= 10 ms", "met": true}
`floor`, `floor_value`, `goal` and `met` may be left out. Other lines (and standard error)
are passed through as the step's own progress. A step that fails is reported, and the others
still run; the driver then exits with status 1.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
FIELDS = ("measure", "size", "value", "unit")


def steps(folder: Path, only: list[str]) -> list[Path]:
    """Executable files in `folder`, in name order (only those whose names contain one of
    `only`, when given)."""
    found = sorted(p for p in folder.iterdir() if p.is_file() and os.access(p, os.X_OK))
    return [p for p in found if not only or any(o in p.name for o in only)]


def parse_row(line: str, step: str) -> dict | None:
    """The figure a line reports, or None when the line is not a figure."""
    line = line.strip()
    if not line.startswith("{"):
        return None
    try:
        row = json.loads(line)
    except json.JSONDecodeError:
        return None
    if not isinstance(row, dict) or any(k not in row for k in FIELDS):
        return None
    if not isinstance(row["value"], (int, float)):
        return None
    floor = row.get("floor_value")
    row["ratio"] = (
        round(row["value"] / floor, 2) if isinstance(floor, (int, float)) and floor > 0 else None
    )
    row["step"] = step
    return row


def run_step(path: Path) -> tuple[list[dict], int]:
    """Runs one step from the repository's root; its figures and its exit status."""
    print(f"== {path.name}", file=sys.stderr, flush=True)
    process = subprocess.Popen(
        [str(path)], cwd=REPO, stdout=subprocess.PIPE, text=True, bufsize=1
    )
    rows = []
    assert process.stdout is not None
    for line in process.stdout:
        row = parse_row(line, path.name)
        if row is None:
            sys.stderr.write(line)
        else:
            rows.append(row)
            print(f"   {row['measure']} [{row['size']}]: {row['value']} {row['unit']}",
                  file=sys.stderr, flush=True)
    return rows, process.wait()


def number(value) -> str:
    if value is None:
        return "-"
    return f"{value:,.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"


def table(rows: list[dict]) -> str:
    """The rows as a plain-text table, one figure a line."""
    heads = ["measure", "size", "value", "floor", "floor value", "ratio", "goal", "met"]
    lines = [
        [
            r["measure"],
            r["size"],
            f"{number(r['value'])} {r['unit']}",
            r.get("floor") or "-",
            f"{number(r['floor_value'])} {r['unit']}" if r.get("floor_value") is not None else "-",
            f"{r['ratio']:.2f}x" if r.get("ratio") is not None else "-",
            r.get("goal") or "-",
            {True: "yes", False: "NO"}.get(r.get("met"), "-"),
        ]
        for r in rows
    ]
    widths = [max(len(str(c)) for c in col) for col in zip(heads, *lines)]
    out = ["  ".join(h.ljust(w) for h, w in zip(heads, widths))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(str(c).ljust(w) for c, w in zip(line, widths)) for line in lines]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="run only steps whose names contain these")
    parser.add_argument("--steps", type=Path, default=HERE / "steps")
    parser.add_argument("--json", type=Path, help="where to write the rows (default: "
                        "$CARGO_TARGET_DIR/bench-compare.json)")
    args = parser.parse_args()
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    out = args.json or target / "bench-compare.json"

    rows, failed = [], []
    for path in steps(args.steps, args.only):
        found, status = run_step(path)
        rows += found
        if status != 0:
            failed.append(f"{path.name} (exit status {status})")
    print(table(rows))
    met = [r for r in rows if r.get("met") is not None]
    print(f"\n{sum(1 for r in met if r['met'])} of {len(met)} goals met.")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"rows": rows, "failed_steps": failed}, indent=2) + "\n")
    print(f"Written to {out}")
    for f in failed:
        print(f"Step failed: {f}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
