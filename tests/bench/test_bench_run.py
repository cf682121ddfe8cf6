"""bench/run.py gathers every bench module's figures into one JSON object.

Fake bench modules in a temp folder stand in for the real ones: a good one,
one that raises, one that hangs past its budget. The real modules are run
by ``python bench/run.py --quick`` itself (figures, not tests).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
assert _spec is not None and _spec.loader is not None
bench_run = importlib.util.module_from_spec(_spec)
sys.modules["bench_run"] = bench_run
_spec.loader.exec_module(bench_run)


def test_normalise_keeps_module_figures_and_applies_known_goals() -> None:
    figures = bench_run.normalise(
        {
            "startup_to_window_s": {"value": 2.0, "unit": "s"},
            "pdf_speedup_vs_libreoffice": 7.5,
            "filter": {"filter_20000_tasks_ms": {"value": 12.0, "goal": 50, "ok": True}},
            "rows": 20000,
            "note": "context is not a figure",
            "quick": True,
            "goal_s": 1.5,
        },
        source="bench_x",
    )
    # a known goal filled in and judged (slower than 1.5 s fails)
    assert figures["startup_to_window_s"]["goal"] == 1.5
    assert figures["startup_to_window_s"]["ok"] is False
    # "at least 5x faster" is judged upwards
    assert figures["pdf_speedup_vs_libreoffice"] == {
        "value": 7.5, "goal": 5.0, "unit": "x", "ok": True, "source": "bench_x"
    }
    # nested group: a known key keeps its name, the module's own ok is kept
    assert figures["filter_20000_tasks_ms"]["ok"] is True
    assert figures["rows"] == {"value": 20000, "ok": None, "source": "bench_x"}
    assert "note" not in figures and "quick" not in figures and "goal_s" not in figures


def test_main_reports_figures_errors_and_missing_goals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bench_good.py").write_text(
        "def run(quick):\n"
        "    print('noise on stdout must not break the JSON')\n"
        "    return {'results': {'export_bundle_s': {'value': 0.4 if quick else 0.5, 'goal': 1.0,"
        " 'unit': 's'}}}\n",
        encoding="utf-8",
    )
    (tmp_path / "bench_broken.py").write_text(
        "def run(quick):\n    raise RuntimeError('no LibreOffice')\n", encoding="utf-8"
    )
    (tmp_path / "bench_hangs.py").write_text(
        "import time\ndef run(quick):\n    time.sleep(60)\n", encoding="utf-8"
    )
    monkeypatch.setattr(bench_run, "BENCH_DIR", tmp_path)
    # When the runner runs them with a 5-second budget per module
    code = bench_run.main(["--quick", "--budget", "5"])
    report = json.loads(capsys.readouterr().out)
    # Then one JSON object carries the good figure, both failures and what was not measured
    assert code == 1
    assert report["quick"] is True
    assert report["results"]["export_bundle_s"] == {
        "value": 0.4, "goal": 1.0, "unit": "s", "ok": True, "source": "bench_good"
    }
    assert "RuntimeError: no LibreOffice" in report["errors"]["bench_broken"]
    assert "timed out" in report["errors"]["bench_hangs"]
    assert "startup_to_window_s" in report["missing_goals"]
    assert "export_bundle_s" not in report["missing_goals"]
    assert report["machine"]["cores"] >= 1 and report["machine"]["python"]
