#!/usr/bin/env python3
"""Start-up time and memory of Ward to Board beside a bare Tauri window.

Builds nothing: give it the two release binaries (see README.md, or `make bench-startup`).
Needs a display (run it under xvfb-run) and Linux /proc. Python 3 standard library only.

For each of --runs rounds (the order of app and bare alternates from round to round):
  app cold   a first launch on a fresh data folder (installs the built-in curriculum)
  app warm   a second launch on that same folder: the everyday case
  app large  with --large-data DIR: a third launch, on the same XDG folders but a fresh data
             folder holding a copy of DIR's database (e.g. 10,000 portfolio entries). It is the
             app's first launch on that copy, so its daily backup runs (in the background, as
             for every first launch); whether that copy had finished at ready and at the memory
             reading is recorded per launch.
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
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

READY = re.compile(r"^w2b-ready (\d+)\s*$")
KINDS = ("app_cold", "app_warm", "app_large", "bare_cold", "bare_warm")
DATABASE_FILE = "ward-to-board.sqlite3"  # w2b_core::store::DATABASE_FILE
BACKUP_DIR = "backups"  # w2b_core::store::BACKUP_DIR
LABELS = {
    "app_cold": "app, cold (fresh data)",
    "app_warm": "app, warm (same data)",
    "app_large": "app, warm, large data",  # replaced by the entry count of --large-data
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
    binary: str, args: list[str], home: Path, timeout: float, settle: float, label: str,
    inspect=None,
) -> dict:
    """Starts the binary, waits for `w2b-ready`, measures memory, ends it.

    `inspect`, if given, is called at ready and again at the memory reading; what it returns
    is kept in the result as `at_ready` and `at_memory`."""
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
        extra = {"at_ready": inspect()} if inspect else {}
        time.sleep(settle)
        if proc.poll() is not None:
            raise BenchError(f"{label}: {binary} exited during the settle time."
                             f"{stderr_tail(stderr_path)}")
        memory = measure_memory(proc.pid)
        if inspect:
            extra["at_memory"] = inspect()
    finally:
        end_tree(proc)
    return {
        "ready_ms": round((ready_at - start) * 1000, 1),
        "reported_ms": reported,
        **memory,
        **extra,
    }


def stderr_tail(path: Path, lines: int = 15) -> str:
    try:
        tail = path.read_text(errors="replace").splitlines()[-lines:]
    except OSError:
        return ""
    return ("\n  Last lines of its stderr:\n    " + "\n    ".join(tail)) if tail else ""


# --- the benchmark ------------------------------------------------------------------


def backup_note(state: dict) -> str:
    if state["finished"]:
        return "done"
    return "running" if state["in_progress"] else "not started"


def when(rnd: int) -> str:
    return f"round {rnd}" if rnd else "warm-up"


def database_files(source: Path) -> list[str]:
    """The database file in `source` and its WAL if there is one (as the portfolio bench copies)."""
    return [name for name in (DATABASE_FILE, f"{DATABASE_FILE}-wal")
            if (source / name).is_file()]


def count_entries(source: Path) -> int | None:
    """Portfolio entries (not deleted) in `source`'s database, read without touching it."""
    work = Path(tempfile.mkdtemp(prefix="w2b-bench-count-"))
    try:
        folder = source
        if (source / f"{DATABASE_FILE}-wal").exists():  # immutable=1 would ignore the WAL
            folder = work
            for name in database_files(source):
                shutil.copyfile(source / name, work / name)
        uri = (folder / DATABASE_FILE).resolve().as_uri()
        uri += "?mode=ro&immutable=1" if folder == source else "?mode=ro"
        with sqlite3.connect(uri, uri=True) as conn:
            return conn.execute(
                "SELECT count(*) FROM entries WHERE deleted_at IS NULL").fetchone()[0]
    except (sqlite3.Error, OSError):
        return None
    finally:
        shutil.rmtree(work, ignore_errors=True)


def backup_state(data_dir: Path) -> dict:
    """The files in the data folder's backups/ (a `.partial` one is a copy still being made)."""
    folder = data_dir / BACKUP_DIR
    try:
        files = sorted(folder.iterdir())
    except OSError:
        files = []
    return {
        "finished": [f.name for f in files if not f.name.endswith(".partial")],
        "in_progress": [f.name for f in files if f.name.endswith(".partial")],
    }


def run_app_pair(app: str, timeout: float, settle: float, rnd: int,
                 large: Path | None = None) -> list[dict]:
    home = Path(tempfile.mkdtemp(prefix="w2b-bench-app-"))
    try:
        data_dir = home / "w2b-data"  # not created: the app makes it, as on a first run
        args = ["--data-dir", str(data_dir)]
        cold = launch(app, args, home, timeout, settle, f"app cold, {when(rnd)}")
        warm = launch(app, args, home, timeout, settle, f"app warm, {when(rnd)}")
        rows = [{"kind": "app_cold", **cold}, {"kind": "app_warm", **warm}]
        if large is not None:
            # Same XDG folders as the warm launch (WebKit's caches), fresh copy of the data.
            large_dir = home / "w2b-large"
            large_dir.mkdir()
            for name in database_files(large):
                shutil.copyfile(large / name, large_dir / name)
            os.sync()  # so writing the copy back to disk does not overlap the timed launch
            row = launch(app, ["--data-dir", str(large_dir)], home, timeout, settle,
                         f"app large, {when(rnd)}", inspect=lambda: backup_state(large_dir))
            rows.append({"kind": "app_large", **row})
        return rows
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
                                ("app_warm", "bare_cold"), ("app_large", "bare_warm"),
                                ("app_large", "app_warm")):
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

    head = (f"{'':27} {'ready, ms (min-max)':>22} {'in-process ms':>20} "
            f"{'RSS MiB (tree)':>22} {'PSS MiB (tree)':>22}")
    print(head)
    print("-" * len(head))
    for kind, s in summary["by_kind"].items():
        print(f"{LABELS[kind]:27} {ms(s['ready_ms']):>22} {ms(s['reported_ms']):>20} "
              f"{mib(s['rss_kib']):>22} {mib(s['pss_kib']):>22}")
    print()
    print("Ratios of medians (app / bare; app_large / app_warm: the cost of the data):")
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
    parser.add_argument("--large-data", metavar="DIR",
                        help=f"a data folder holding {DATABASE_FILE} (e.g. the portfolio "
                             "bench's target/tmp/portfolio-bench-g2-s4-10000): adds an app "
                             "launch on a fresh copy of it to every round")
    opts = parser.parse_args()

    binaries = {"app": os.path.abspath(opts.app), "bare": os.path.abspath(opts.bare)}
    for name, path in binaries.items():
        if not os.access(path, os.X_OK):
            print(f"measure.py: the {name} binary {path} is missing or not executable",
                  file=sys.stderr)
            return 2
    large = None
    if opts.large_data:
        large = Path(opts.large_data).resolve()
        if not (large / DATABASE_FILE).is_file():
            print(f"measure.py: --large-data {large} holds no {DATABASE_FILE}", file=sys.stderr)
            return 2
        entries = count_entries(large)
        LABELS["app_large"] = (f"app, warm, {entries:,} entries" if entries is not None
                               else f"app, warm, {large.name}")
        print(f"large data: {large} ({entries} entries)", file=sys.stderr)
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
                extra_args = {"large": large} if name == "app" else {}
                for row in step(binaries[name], opts.timeout, opts.settle, rnd, **extra_args):
                    row["round"] = rnd
                    results.append(row)
                    print(f"round {rnd}: {row['kind']:9} ready {row['ready_ms']:7.1f} ms "
                          f"(in-process {row['reported_ms']} ms), "
                          f"RSS {row['rss_kib'] / 1024:.1f} MiB, "
                          f"PSS {row['pss_kib'] / 1024:.1f} MiB, "
                          f"{len(row['processes'])} processes"
                          + (f", backup at ready {backup_note(row['at_ready'])}, "
                             f"at memory {backup_note(row['at_memory'])}"
                             if "at_ready" in row else ""), file=sys.stderr)
    except BenchError as error:
        print(f"\nmeasure.py: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130

    summary = build_summary(results)
    large_rows = [r for r in results if r["kind"] == "app_large"]
    if large_rows:
        summary["app_large_backup"] = {
            "data": str(large), "entries": count_entries(large),
            "database_mib": round((large / DATABASE_FILE).stat().st_size / 2**20, 1),
            "finished_by_ready": sum(bool(r["at_ready"]["finished"]) for r in large_rows),
            "finished_by_memory": sum(bool(r["at_memory"]["finished"]) for r in large_rows),
            "launches": len(large_rows),
        }
    print()
    print(f"Ward to Board start-up and memory, {opts.runs} rounds, medians (min-max)")
    print_table(summary)
    if large_rows:
        b = summary["app_large_backup"]
        print(f"\n{LABELS['app_large']}: a first launch on a fresh copy of a "
              f"{b['database_mib']} MiB database, so the daily backup ran in the background; "
              f"it had finished by ready in {b['finished_by_ready']}/{b['launches']} launches, "
              f"by the memory reading in {b['finished_by_memory']}/{b['launches']}.")
    if opts.json:
        Path(opts.json).parent.mkdir(parents=True, exist_ok=True)
        Path(opts.json).write_text(json.dumps({
            "binaries": binaries,
            "settings": {"runs": opts.runs, "settle_s": opts.settle, "timeout_s": opts.timeout,
                         "warmup": opts.warmup, "large_data": str(large) if large else None},
            "labels": LABELS,
            "environment": environment(),
            "summary": summary,
            "launches": results,
        }, indent=2) + "\n")
        print(f"\nAll launches: {opts.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
