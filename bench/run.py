#!/usr/bin/env python3
"""Run every benchmark of the project and print one JSON object.

    python bench/run.py            # full figures (several minutes)
    python bench/run.py --quick    # short version (< 5 minutes on 2 cores)
    python bench/run.py --only bench_reports --only bench_ui

Each ``bench/bench_*.py`` exposes ``run(quick: bool) -> dict``. Every module
runs in its own Python process, one after the other (so one module's Qt
application, caches or peak memory never colour another's figures, and a
hung module can be stopped), under a time budget. A module that fails or
runs out of time is reported under ``"errors"``; the others still run.

The output::

    {"machine": {"cpu", "cores", "ram_gb", "os", "python"},
     "quick": true,
     "results": {"startup_to_window_s": {"value": 0.9, "goal": 1.5, "unit": "s",
                                         "ok": true, "source": "bench_startup"}, ...},
     "missing_goals": [...],        # goals named in the issues no module measured
     "errors": {"bench_x": "..."},
     "elapsed_s": 123.4}

Figures a module returns are taken as they are (see ``normalise``); a goal of
the issues that no module measured is listed in ``missing_goals`` rather than
invented. Exit code: 0 if every module ran, 1 otherwise (a missed goal is a
figure, not a crash: it shows as ``"ok": false``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent

#: Seconds one module may take, and the whole run (quick / full).
MODULE_BUDGET_S = {True: 150.0, False: 1800.0}
TOTAL_BUDGET_S = {True: 285.0, False: 3 * 3600.0}

#: The speed and memory goals named in the issues: key -> (goal, unit, comparator, what).
#: Modules report figures under these keys; extra figures are kept as they come.
GOALS: dict[str, tuple[float, str, str, str]] = {
    "startup_to_window_s": (1.5, "s", "<=", "cold start to the first window"),
    "filter_20000_tasks_ms": (50.0, "ms", "<=", "filter over 20,000 tasks, per keystroke"),
    "open_update_form_100_tasks_ms": (300.0, "ms", "<=", "open a unit's update form with 100 tasks"),
    "report_set_demo_s": (0.5, "s", "<=", "report set PDF+DOCX+XLSX, demo commune"),
    "report_set_large_s": (1.5, "s", "<=", "report set, 300 tasks / 80 indicators / 5 years"),
    "pdf_speedup_vs_libreoffice": (5.0, "x", ">=", "our PDF vs LibreOffice DOCX->PDF"),
    "export_bundle_s": (1.0, "s", "<=", "export of one commune-period"),
    "consolidate_126_sqlite_s": (5.0, "s", "<=", "import + consolidation of 126 bundles, SQLite"),
    "consolidate_3321_sqlite_s": (60.0, "s", "<=", "3,321 bundles, SQLite"),
    "consolidate_3321_postgres_s": (120.0, "s", "<=", "3,321 bundles, PostgreSQL"),
    "peak_memory_mb": (400.0, "MB", "<=", "peak memory during consolidation"),
    "memory_growth_with_bundles": (1.0, "bool", "==", "peak memory not growing with bundle count"),
}

_CHILD = r"""
import contextlib, importlib, json, sys, traceback
sys.path.insert(0, {root!r})
sys.path.insert(0, {bench!r})
out_path = {out!r}
try:
    module = importlib.import_module({module!r})
    with contextlib.redirect_stdout(sys.stderr):
        result = module.run(quick={quick!r})
    payload = {{"result": result}}
except BaseException as exc:  # noqa: BLE001
    payload = {{"error": f"{{exc.__class__.__name__}}: {{exc}}",
                "traceback": traceback.format_exc()[-4000:]}}
with open(out_path, "w", encoding="utf-8") as fh:
    json.dump(payload, fh, ensure_ascii=False, default=str)
"""


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    return {
        "cpu": _cpu_name(),
        "cores": os.cpu_count(),
        "ram_gb": _ram_gb(),
        "os": platform.platform(),
        "python": platform.python_version(),
    }


def _cpu_name() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        for line in meminfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    if sys.platform == "win32":
        import ctypes

        class MemoryStatus(ctypes.Structure):
            _fields_ = [  # noqa: RUF012 - ctypes layout
                ("length", ctypes.c_ulong), ("load", ctypes.c_ulong),
                ("total_phys", ctypes.c_ulonglong), ("avail_phys", ctypes.c_ulonglong),
                ("total_page", ctypes.c_ulonglong), ("avail_page", ctypes.c_ulonglong),
                ("total_virtual", ctypes.c_ulonglong), ("avail_virtual", ctypes.c_ulonglong),
                ("avail_ext", ctypes.c_ulonglong),
            ]

        status = MemoryStatus()
        status.length = ctypes.sizeof(MemoryStatus)
        if ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):
            return round(status.total_phys / 1024**3, 1)
    return None


def discover(only: list[str] | None = None) -> list[str]:
    """Names of the ``bench_*.py`` modules present, in a stable order."""
    names = sorted(p.stem for p in BENCH_DIR.glob("bench_*.py"))
    if only:
        wanted = {n if n.startswith("bench_") else f"bench_{n}" for n in only}
        names = [n for n in names if n in wanted]
    return names


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _meets(value: Any, goal: Any, comparator: str) -> bool | None:
    if goal is None or value is None:
        return None
    if comparator == "==":
        return bool(value == goal)
    if not (_is_number(value) and _is_number(goal)):
        return None
    if comparator in (">=", ">"):
        return value >= goal if comparator == ">=" else value > goal
    return value <= goal if comparator in ("<=", "") else value < goal


def normalise(result: Mapping[str, Any], *, source: str) -> dict[str, dict[str, Any]]:
    """Figures of one module as ``{key: {value, goal, unit, ok, source, ...}}``.

    Accepted shapes: ``{"results": {...}}`` or a flat mapping whose entries are
    either figure dicts with a ``"value"`` (plus optional ``goal``, ``unit``,
    ``ok``, ``comparator``/``better``, ``note``), nested groups of those
    (keys joined with ``.`` unless the inner key is a known goal), or plain
    numbers (kept as figures without a goal, unless the key is a known goal).
    """
    body = result.get("results", result) if isinstance(result, Mapping) else {}
    figures: dict[str, dict[str, Any]] = {}

    def add(key: str, raw: Any) -> None:
        known = GOALS.get(key)
        if isinstance(raw, Mapping) and "value" in raw:
            figure = dict(raw)
        elif _is_number(raw) or isinstance(raw, bool):
            figure = {"value": raw}
        else:
            figure = {"value": raw}
        if known is not None:
            figure.setdefault("goal", known[0])
            figure.setdefault("unit", known[1])
        comparator = str(figure.pop("comparator", "") or "")
        better = figure.pop("better", None)
        if not comparator:
            if better == "higher":
                comparator = ">="
            elif known is not None:
                comparator = known[2]
            else:
                comparator = "<="
        if "ok" not in figure:
            figure["ok"] = _meets(figure.get("value"), figure.get("goal"), comparator)
        figure["source"] = source
        figures[key] = figure

    def walk(prefix: str, mapping: Mapping[str, Any]) -> None:
        for key, raw in mapping.items():
            full = key if (not prefix or key in GOALS) else f"{prefix}.{key}"
            if key in ("errors", "machine") or (key.startswith("goal") and key not in GOALS):
                continue  # reported elsewhere, or a goal stated beside its figure
            if isinstance(raw, Mapping) and "value" not in raw:
                walk(full, raw)
            elif isinstance(raw, Mapping) or _is_number(raw) or (
                isinstance(raw, bool) and full in GOALS
            ):
                add(full, raw)
            # strings, lists and flags such as "quick": context, not figures

    if isinstance(body, Mapping):
        walk("", body)
    return figures


def run_module(name: str, *, quick: bool, timeout: float) -> dict[str, Any]:
    """Run one module's ``run(quick)`` in a child process; ``{"result"|"error": ...}``."""
    with tempfile.TemporaryDirectory(prefix="nq57-bench-") as tmp:
        out = Path(tmp) / "out.json"
        code = _CHILD.format(
            root=str(ROOT), bench=str(BENCH_DIR), module=name, quick=quick, out=str(out)
        )
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env.setdefault("NQ57_DATA_DIR", str(Path(tmp) / "data"))
        started = time.perf_counter()
        try:
            proc = subprocess.run(
                [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                text=True, encoding="utf-8", errors="replace", timeout=timeout, check=False,
            )
        except subprocess.TimeoutExpired:
            return {"error": f"timed out after {timeout:.0f} s", "elapsed_s": round(timeout, 1)}
        elapsed = round(time.perf_counter() - started, 1)
        if not out.is_file():
            tail = (proc.stderr or "").strip().splitlines()[-5:]
            return {"error": f"exited {proc.returncode}: " + " | ".join(tail), "elapsed_s": elapsed}
        payload: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        payload["elapsed_s"] = elapsed
        return payload


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run every benchmark; print one JSON object.")
    parser.add_argument("--quick", action="store_true", help="short version (< 5 minutes)")
    parser.add_argument("--only", action="append", metavar="MODULE", help="run only these modules")
    parser.add_argument("--budget", type=float, help="seconds per module (default 150 quick, 1800 full)")
    parser.add_argument("--output", type=Path, help="also write the JSON to this file")
    parser.add_argument("--verbose", action="store_true", help="progress on stderr")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    total_budget = TOTAL_BUDGET_S[args.quick]
    module_budget = args.budget or MODULE_BUDGET_S[args.quick]
    results: dict[str, dict[str, Any]] = {}
    errors: dict[str, str] = {}
    modules: dict[str, dict[str, Any]] = {}
    for name in discover(args.only):
        remaining = total_budget - (time.perf_counter() - started)
        if remaining < 5:
            errors[name] = "not run: the total time budget was spent"
            continue
        if args.verbose:
            print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        payload = run_module(name, quick=args.quick, timeout=min(module_budget, remaining))
        modules[name] = {"elapsed_s": payload.get("elapsed_s")}
        if "error" in payload:
            errors[name] = payload["error"]
            if args.verbose and payload.get("traceback"):
                print(payload["traceback"], file=sys.stderr)
            continue
        result = payload.get("result")
        if not isinstance(result, Mapping):
            errors[name] = f"run() returned {type(result).__name__}, not a dict"
            continue
        for key, figure in normalise(result, source=name).items():
            if key in results:
                key = f"{name}.{key}"
            results[key] = figure
        if isinstance(result.get("errors"), Mapping):
            for key, message in result["errors"].items():
                errors[f"{name}.{key}"] = str(message)
        if args.verbose:
            print(f"[bench] {name}: {payload.get('elapsed_s')} s", file=sys.stderr, flush=True)

    report = {
        "machine": machine(),
        "quick": args.quick,
        "results": results,
        "missing_goals": [key for key in GOALS if key not in results],
        "errors": errors,
        "modules": modules,
        "elapsed_s": round(time.perf_counter() - started, 1),
    }
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
