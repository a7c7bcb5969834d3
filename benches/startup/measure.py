#!/usr/bin/env python3
"""Start-up time and memory of Ward to Board beside a bare Tauri window.

Builds nothing: give it the two release binaries (see README.md, or `make bench-startup`).
Needs a display (run it under xvfb-run) and Linux /proc. Python 3 standard library only.

For each of --runs rounds (the order of app and bare alternates from round to round):
  app cold   a first launch on a fresh data folder (installs the built-in curriculum)
  app warm   a second launch on that same folder: the everyday case
  bare cold  the bare window on fresh XDG folders
  bare warm  the bare window again on the same folders
Each launch is timed from spawn to its `w2b-ready <ms>` line on stdout (wall clock,
time.monotonic). After --settle seconds, RSS and PSS are summed over the whole process tree
(the binary and its WebKit children, found through /proc/*/stat parent links). Then the
tree is ended (SIGTERM, SIGKILL after 5 s) and the temporary folders removed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

READY = re.compile(r"^w2b-ready (\d+)\s*$")
KINDS = ("app_cold", "app_warm", "bare_cold", "bare_warm")
LABELS = {
    "app_cold": "app, cold (fresh data)",
    "app_warm": "app, warm (same data)",
    "bare_cold": "bare window, cold",
    "bare_warm": "bare window, warm",
}


class BenchError(Exception):
    """A launch that did not become ready, or another reason to stop."""


# --- the process tree ---------------------------------------------------------------


def read_stat(pid: int) -> tuple[str, int] | None:
    """(command name, parent pid) of a process, or None if it is gone."""
    try:
        data = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The name is in parentheses and may itself contain spaces or parentheses.
    open_paren, close_paren = data.index("("), data.rindex(")")
    fields = data[close_paren + 2 :].split()
    return data[open_paren + 1 : close_paren], int(fields[1])


def process_tree(root: int) -> list[int]:
    """The root pid and all its descendants still alive (root first)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = read_stat(int(entry))
            if stat:
                children.setdefault(stat[1], []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop(0)
        if pid == root and read_stat(root) is None:
            continue
        tree.append(pid)
        todo.extend(sorted(children.get(pid, [])))
    return tree


def smaps_rollup(pid: int) -> dict[str, int]:
    """Rss and Pss of a process in KiB (empty if it is gone or unreadable)."""
    values: dict[str, int] = {}
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return values
    for line in text.splitlines():
        key, _, rest = line.partition(":")
        if key in ("Rss", "Pss"):
            values[key.lower() + "_kib"] = int(rest.split()[0])
    return values


def measure_memory(root: int) -> dict:
    processes = []
    for pid in process_tree(root):
        stat = read_stat(pid)
        mem = smaps_rollup(pid)
        if stat and mem:
            processes.append({"pid": pid, "ppid": stat[1], "name": stat[0], **mem})
    return {
        "rss_kib": sum(p["rss_kib"] for p in processes),
        "pss_kib": sum(p.get("pss_kib", 0) for p in processes),
        "processes": processes,
    }


def end_tree(proc: subprocess.Popen, grace: float = 5.0) -> None:
    """SIGTERM the process, its descendants and its process group; SIGKILL after `grace` s."""
    pids = process_tree(proc.pid) if proc.poll() is None else []

    def send(sig: int) -> None:
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        try:
            os.killpg(proc.pid, sig)  # the binary leads its own session and group
        except (ProcessLookupError, PermissionError):
            pass

    send(signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        proc.poll()
        if all(read_stat(pid) is None or is_zombie(pid) for pid in pids):
            break
        time.sleep(0.05)
    else:
        send(signal.SIGKILL)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass


def is_zombie(pid: int) -> bool:
    try:
        data = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return data[data.rindex(")") + 2 :].startswith("Z")


# --- one launch ---------------------------------------------------------------------


def launch(
    binary: str, args: list[str], home: Path, timeout: float, settle: float, label: str
) -> dict:
    """Starts the binary, waits for `w2b-ready`, measures memory, ends it."""
    env = dict(os.environ)
    env["W2B_STARTUP_REPORT"] = "1"
    # Keep WebKit's caches and any config inside the run's own folder.
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                     ("XDG_CACHE_HOME", "cache")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / sub)
    env.pop("W2B_DATA_DIR", None)
    stderr_path = home / f"stderr-{time.monotonic_ns()}.log"
    lines: queue.Queue = queue.Queue()

    with open(stderr_path, "wb") as stderr:
        start = time.monotonic()
        proc = subprocess.Popen(
            [binary, *args], stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL,
            env=env, start_new_session=True,
        )

    def pump() -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:  # keeps draining after `ready` so the pipe never fills
            lines.put((time.monotonic(), raw.decode(errors="replace")))
        lines.put((time.monotonic(), None))

    threading.Thread(target=pump, daemon=True).start()
    try:
        ready_at, reported = None, None
        deadline = start + timeout
        while ready_at is None:
            try:
                at, line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise BenchError(
                    f"{label}: no 'w2b-ready' line on stdout within {timeout:g} s from {binary}.\n"
                    "  Is the binary built with the UI that calls report_ready, and does the window "
                    f"open at all?{stderr_tail(stderr_path)}"
                ) from None
            if line is None:
                raise BenchError(
                    f"{label}: {binary} exited (status {proc.wait()}) before printing "
                    f"'w2b-ready'.{stderr_tail(stderr_path)}"
                )
            match = READY.match(line)
            if match:
                ready_at, reported = at, int(match.group(1))
        time.sleep(settle)
        if proc.poll() is not None:
            raise BenchError(f"{label}: {binary} exited during the settle time."
                             f"{stderr_tail(stderr_path)}")
        memory = measure_memory(proc.pid)
    finally:
        end_tree(proc)
    return {
        "ready_ms": round((ready_at - start) * 1000, 1),
        "reported_ms": reported,
        **memory,
    }


def stderr_tail(path: Path, lines: int = 15) -> str:
    try:
        tail = path.read_text(errors="replace").splitlines()[-lines:]
    except OSError:
        return ""
    return ("\n  Last lines of its stderr:\n    " + "\n    ".join(tail)) if tail else ""


# --- the benchmark ------------------------------------------------------------------


def when(rnd: int) -> str:
    return f"round {rnd}" if rnd else "warm-up"


def run_app_pair(app: str, timeout: float, settle: float, rnd: int) -> list[dict]:
    home = Path(tempfile.mkdtemp(prefix="w2b-bench-app-"))
    try:
        data_dir = home / "w2b-data"  # not created: the app makes it, as on a first run
        args = ["--data-dir", str(data_dir)]
        cold = launch(app, args, home, timeout, settle, f"app cold, {when(rnd)}")
        warm = launch(app, args, home, timeout, settle, f"app warm, {when(rnd)}")
        return [{"kind": "app_cold", **cold}, {"kind": "app_warm", **warm}]
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run_bare_pair(bare: str, timeout: float, settle: float, rnd: int) -> list[dict]:
    home = Path(tempfile.mkdtemp(prefix="w2b-bench-bare-"))
    try:
        cold = launch(bare, [], home, timeout, settle, f"bare cold, {when(rnd)}")
        warm = launch(bare, [], home, timeout, settle, f"bare warm, {when(rnd)}")
        return [{"kind": "bare_cold", **cold}, {"kind": "bare_warm", **warm}]
    finally:
        shutil.rmtree(home, ignore_errors=True)


def summarise(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "n": len(values)}


def build_summary(results: list[dict]) -> dict:
    summary: dict = {}
    for kind in KINDS:
        rows = [r for r in results if r["kind"] == kind]
        if rows:
            summary[kind] = {
                metric: summarise([r[metric] for r in rows])
                for metric in ("ready_ms", "reported_ms", "rss_kib", "pss_kib")
            }
    ratios: dict = {}
    for app_kind, bare_kind in (("app_cold", "bare_cold"), ("app_warm", "bare_warm"),
                                ("app_warm", "bare_cold")):
        if app_kind in summary and bare_kind in summary:
            ratios[f"{app_kind}/{bare_kind}"] = {
                metric: round(summary[app_kind][metric]["median"]
                              / summary[bare_kind][metric]["median"], 2)
                for metric in ("ready_ms", "rss_kib", "pss_kib")
                if summary[bare_kind][metric]["median"]
            }
    return {"by_kind": summary, "ratios_of_medians": ratios}


def print_table(summary: dict) -> None:
    def ms(s: dict) -> str:
        return f"{s['median']:7.0f} ({s['min']:.0f}-{s['max']:.0f})"

    def mib(s: dict) -> str:
        return f"{s['median'] / 1024:6.1f} ({s['min'] / 1024:.1f}-{s['max'] / 1024:.1f})"

    head = (f"{'':26} {'ready, ms (min-max)':>22} {'in-process ms':>20} "
            f"{'RSS MiB (tree)':>22} {'PSS MiB (tree)':>22}")
    print(head)
    print("-" * len(head))
    for kind, s in summary["by_kind"].items():
        print(f"{LABELS[kind]:26} {ms(s['ready_ms']):>22} {ms(s['reported_ms']):>20} "
              f"{mib(s['rss_kib']):>22} {mib(s['pss_kib']):>22}")
    print()
    print("Ratios of medians (app / bare):")
    for name, r in summary["ratios_of_medians"].items():
        print(f"  {name:22} start {r.get('ready_ms', float('nan')):5.2f}x   "
              f"RSS {r.get('rss_kib', float('nan')):5.2f}x   "
              f"PSS {r.get('pss_kib', float('nan')):5.2f}x")


def environment() -> dict:
    info = {"kernel": platform.release(), "python": platform.python_version(),
            "cpus": os.cpu_count(), "display": os.environ.get("DISPLAY"),
            "wayland_display": os.environ.get("WAYLAND_DISPLAY")}
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "libwebkit2gtk-4.1-0"],
                             capture_output=True, text=True, check=False)
        info["webkit2gtk"] = out.stdout.strip() or None
    except OSError:
        info["webkit2gtk"] = None
    return info


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", required=True, help="the release ward-to-board binary")
    parser.add_argument("--bare", required=True, help="the release w2b-bare-window binary")
    parser.add_argument("--runs", type=int, default=5, help="rounds (default 5)")
    parser.add_argument("--settle", type=float, default=3.0,
                        help="seconds between ready and the memory reading (default 3)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds to wait for 'w2b-ready' (default 60)")
    parser.add_argument("--warmup", type=int, default=1,
                        help="untimed launches of each binary first, to fill the page cache "
                             "(default 1)")
    parser.add_argument("--json", help="write every launch and the summary here")
    opts = parser.parse_args()

    binaries = {"app": os.path.abspath(opts.app), "bare": os.path.abspath(opts.bare)}
    for name, path in binaries.items():
        if not os.access(path, os.X_OK):
            print(f"measure.py: the {name} binary {path} is missing or not executable",
                  file=sys.stderr)
            return 2
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        print("measure.py: no display; run it under xvfb-run -a", file=sys.stderr)
        return 2

    results: list[dict] = []
    try:
        for i in range(opts.warmup):
            print(f"warm-up {i + 1}/{opts.warmup}", file=sys.stderr)
            run_bare_pair(binaries["bare"], opts.timeout, 0.5, 0)
            run_app_pair(binaries["app"], opts.timeout, 0.5, 0)
        for rnd in range(1, opts.runs + 1):
            steps = [("app", run_app_pair), ("bare", run_bare_pair)]
            if rnd % 2 == 0:
                steps.reverse()
            for name, step in steps:
                for row in step(binaries[name], opts.timeout, opts.settle, rnd):
                    row["round"] = rnd
                    results.append(row)
                    print(f"round {rnd}: {row['kind']:9} ready {row['ready_ms']:7.1f} ms "
                          f"(in-process {row['reported_ms']} ms), "
                          f"RSS {row['rss_kib'] / 1024:.1f} MiB, "
                          f"PSS {row['pss_kib'] / 1024:.1f} MiB, "
                          f"{len(row['processes'])} processes", file=sys.stderr)
    except BenchError as error:
        print(f"\nmeasure.py: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130

    summary = build_summary(results)
    print()
    print(f"Ward to Board start-up and memory, {opts.runs} rounds, medians (min-max)")
    print_table(summary)
    if opts.json:
        Path(opts.json).parent.mkdir(parents=True, exist_ok=True)
        Path(opts.json).write_text(json.dumps({
            "binaries": binaries,
            "settings": {"runs": opts.runs, "settle_s": opts.settle, "timeout_s": opts.timeout,
                         "warmup": opts.warmup},
            "environment": environment(),
            "summary": summary,
            "launches": results,
        }, indent=2) + "\n")
        print(f"\nAll launches: {opts.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
