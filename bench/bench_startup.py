"""Benchmark of start-up: time from launching the program to its main window.

    python bench/bench_startup.py [--quick]

Builds the demo commune once (not timed), then starts ``python main.py --db
demo.db`` in a fresh process several times, offscreen, with the bench-only
auto sign-in (``NQ57_BENCH=1``, ``NQ57_BENCH_AUTOLOGIN=admin``: the sign-in
dialog is skipped, nothing else is). The clock runs from just before the
process is created to the moment the program prints ``NQ57_BENCH_SHOWN``
from the main window's first show event, so it includes the interpreter,
imports, opening (and checking) the database, the first page and painting.

Prints ``{"startup_to_window_s": <median>, "goal_s": 1.5, ...}``: the median
of the runs, the first run (coldest: start-of-day backup, empty caches) and
every run. Goal: < 1.5 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

GOAL_S = 1.5
MARK = "NQ57_BENCH_SHOWN"


def build_demo(folder: Path) -> Path:
    from models.db import open_database
    from models.demo import build_demo as build

    path = folder / "demo.db"
    db = open_database(path)
    try:
        build(db, commune_code=10993)
    finally:
        db.close()
    return path


def start_once(db_path: Path, data_dir: Path, *, timeout_s: float = 60.0) -> tuple[float, float]:
    """Seconds from process creation to the main window's first show, and the
    CPU seconds the program used until then (robust to a busy machine)."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["NQ57_BENCH"] = "1"
    env["NQ57_BENCH_AUTOLOGIN"] = "admin"
    env["NQ57_DATA_DIR"] = str(data_dir)
    env["PYTHONDONTWRITEBYTECODE"] = "0"
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "--db", str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    shown: float | None = None
    cpu = float("nan")
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(MARK):
                shown = time.perf_counter() - started
                for part in line.split():
                    if part.startswith("cpu="):
                        cpu = float(part[4:])
                break
        proc.wait(timeout=timeout_s)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if shown is None:
        raise RuntimeError(f"the program ended without showing its window (exit {proc.returncode})")
    return shown, cpu


def _load() -> float | None:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def run(quick: bool) -> dict[str, Any]:
    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="nq57-bench-startup-") as tmp:
        folder = Path(tmp)
        db_path = build_demo(folder)
        data_dir = folder / "data"
        data_dir.mkdir()
        load_before = _load()
        measured = [start_once(db_path, data_dir) for _ in range(runs)]
    times = [wall for wall, _cpu in measured]
    cpus = [cpu for _wall, cpu in measured]
    median = statistics.median(times)
    return {
        "startup_to_window_s": {"value": round(median, 3), "goal": GOAL_S, "unit": "s"},
        "goal_s": GOAL_S,
        "startup_cpu_s": {"value": round(statistics.median(cpus), 3), "unit": "s"},
        "startup_first_run_s": {"value": round(times[0], 3), "unit": "s"},
        "runs_s": [round(t, 3) for t in times],
        "load_average": load_before,
        "cores": os.cpu_count(),
        "note": "median of fresh processes on the demo commune, offscreen, auto sign-in; "
        "the first run also makes the start-of-day backup; startup_cpu_s is the CPU "
        "time the program used until its window showed (wall time grows on a busy machine)",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    result = run(args.quick)
    flat = {
        "startup_to_window_s": result["startup_to_window_s"]["value"],
        "goal_s": GOAL_S,
        "cpu_s": result["startup_cpu_s"]["value"],
        "first_run_s": result["startup_first_run_s"]["value"],
        "runs_s": result["runs_s"],
        "load_average": result["load_average"],
    }
    print(json.dumps(flat, ensure_ascii=False))


if __name__ == "__main__":
    main()
