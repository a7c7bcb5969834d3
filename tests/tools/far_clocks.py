#!/usr/bin/env python3
"""Runs the front end's Vitest suite and every Rust test binary again under shifted clocks
and far time zones (with libfaketime), so a test that reads the machine's clock, zone or
locale fails here instead of on some later day. See docs/testing.md.

The test binaries are built first under the real clock: cargo's freshness checks compare file
times, and a fake clock would make it rebuild (or worse, skip) things. Each binary then runs
from its own package folder, as `cargo test` would run it.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Far from the machine's own zone, at awkward moments: the last day of February late at night
# (a day ahead of UTC in Auckland), and just after midnight at New Year (a year behind UTC in
# Los Angeles), with a locale that writes dates month first.
CLOCKS = [
    {"TZ": "Pacific/Auckland", "at": "2031-02-28 23:30:00", "LC_ALL": "C.UTF-8"},
    {"TZ": "America/Los_Angeles", "at": "2027-01-01 00:05:00", "LC_ALL": "en_US.UTF-8"},
]


def test_binaries() -> list[tuple[str, Path]]:
    build = subprocess.run(
        ["cargo", "test", "--workspace", "--exclude", "w2b-e2e", "--locked", "--no-run",
         "--message-format=json"],
        cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True,
    )
    found = []
    for line in build.stdout.splitlines():
        message = json.loads(line)
        if message.get("reason") != "compiler-artifact" or not message.get("executable"):
            continue
        if not message.get("profile", {}).get("test"):
            continue
        found.append((message["executable"], Path(message["manifest_path"]).parent))
    return sorted(set(found))


def run(what: str, command: list[str], cwd: Path, clock: dict) -> bool:
    env = dict(os.environ, TZ=clock["TZ"], LC_ALL=clock["LC_ALL"], LANG=clock["LC_ALL"])
    print(f"--- {what} at {clock['at']} in {clock['TZ']} ({clock['LC_ALL']})", flush=True)
    done = subprocess.run(["faketime", clock["at"], *command], cwd=cwd, env=env)
    return done.returncode == 0


def main() -> int:
    binaries = test_binaries()
    if not binaries:
        print("far_clocks: cargo built no test binaries", file=sys.stderr)
        return 1
    failed = []
    for clock in CLOCKS:
        if not run("Vitest", ["npm", "--prefix", str(ROOT / "ui"), "test"], ROOT, clock):
            failed.append(f"Vitest in {clock['TZ']}")
        for executable, package in binaries:
            name = Path(executable).name
            if not run(name, [executable, "--quiet"], package, clock):
                failed.append(f"{name} in {clock['TZ']}")
    if failed:
        print("Failed under a shifted clock or far time zone:\n  " + "\n  ".join(failed), file=sys.stderr)
        return 1
    print(f"Every suite passed under {len(CLOCKS)} shifted clocks and far time zones.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
