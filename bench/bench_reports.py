"""Benchmark of the monthly report in the Decree 30 format.

    python bench/bench_reports.py [--quick]

Prints one JSON object. Figures (keys of bench/README.md):
- ``report_set_demo_s``: build the report of October 2026 from the demo
  commune's database and write its PDF, DOCX and XLSX, in-process (goal
  < 0.5 s). The value is the first generation in a fresh process after the
  imports (fonts registered on the way, as for the first report a user makes);
  the median of the following runs is in the note.
- ``report_set_large_s``: the same for a synthetic large commune: 300 tasks,
  80 indicators, 5 years of monthly updates and values (goal < 1.5 s).
- ``pdf_speedup_vs_libreoffice``: LibreOffice headless converting our DOCX
  to PDF, divided by our own PDF time (report built from the database and
  drawn) in the same run (goal >= 5). Skipped (``ok: null``) when soffice is
  not installed.

``--quick`` runs the same cases (they take seconds); it only makes fewer
repeated runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
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

PERIOD = "2026-10"
TODAY = dt.date(2026, 11, 21)
LARGE_TASKS = 300
LARGE_INDICATORS = 80
LARGE_YEARS = 5


def _generate(db: Any, out: Path) -> dict[str, float]:
    """One full report set; returns the time of each step."""
    from reports.content import build_report
    from reports.docx import render_docx
    from reports.pdf import render_pdf
    from reports.xlsx import render_xlsx

    times: dict[str, float] = {}
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    with db.session() as s:
        doc, _data = build_report(s, period_code=PERIOD, today=TODAY)
    t1 = time.perf_counter()
    render_pdf(doc, out / "report.pdf")
    t2 = time.perf_counter()
    render_docx(doc, out / "report.docx")
    t3 = time.perf_counter()
    render_xlsx(doc, out / "report.xlsx")
    t4 = time.perf_counter()
    times.update(build=t1 - t0, pdf=t2 - t1, docx=t3 - t2, xlsx=t4 - t3, total=t4 - t0)
    times["cpu"] = time.process_time() - cpu0  # less sensitive to a busy machine
    return times


def _measure(db: Any, out: Path, runs: int) -> tuple[dict[str, float], dict[str, float]]:
    """(first run, median of the following runs) of each step."""
    first = _generate(db, out)
    later = [_generate(db, out) for _ in range(runs)]
    median = {k: statistics.median(r[k] for r in later) for k in first}
    return first, median


def build_large(db: Any) -> dict[str, int]:
    """Grow the demo commune into a large one: 300 tasks, 80 indicators and
    monthly data over 5 years (updates, values, submissions)."""
    from sqlalchemy import select

    from models.enums import (
        Comparator,
        MeasureUnit,
        PeriodConvention,
        PeriodKind,
        Progress,
        Recurrence,
    )
    from models.periods import PeriodRef, period_bounds
    from models.schema import (
        Indicator,
        IndicatorTarget,
        IndicatorValue,
        Period,
        Plan,
        Task,
        TaskUpdate,
        Unit,
    )

    rng = random.Random(57)
    results = [
        "Tiếp tục thực hiện theo kế hoạch; trong tháng hướng dẫn {n} lượt người dân sử dụng dịch vụ công trực tuyến.",
        "Đã số hóa thêm {n} hồ sơ, cập nhật vào hệ thống quản lý văn bản và điều hành.",
        "Tổ chức {k} buổi tuyên truyền về chuyển đổi số tại các thôn, có {n} lượt người tham dự.",
        "Hoàn thành khảo sát, đang tổng hợp số liệu để xây dựng báo cáo.",
    ]
    difficulties = [
        "Kinh phí bố trí cho nhiệm vụ còn hạn chế.",
        "Đường truyền Internet tại một số thôn chưa ổn định.",
        "Cán bộ phụ trách kiêm nhiệm nhiều việc.",
        "",
        "",
        "",
    ]
    with db.transaction() as s:
        s.info["audit"] = False
        plan = s.scalar(select(Plan).where(Plan.active.is_(True)))
        units = list(s.scalars(select(Unit)))
        roots = [t for t in s.scalars(select(Task).where(Task.parent_id.is_(None)))]
        leaves = list(s.scalars(select(Task).where(Task.is_group.is_(False))))
        order = 10_000
        while len(leaves) < LARGE_TASKS:
            root = roots[len(leaves) % len(roots)]
            n = len(leaves) + 1
            deadline = dt.date(2022 + n % 5, 1 + n % 12, 28)
            task = Task(
                plan=plan,
                parent=root,
                code=f"{root.code}.{100 + n}",
                title=(
                    "Triển khai các giải pháp chuyển đổi số, ứng dụng khoa học, công nghệ trong "
                    f"lĩnh vực được giao, giai đoạn {n}"
                ),
                lead_unit=units[n % len(units)],
                timeframe_text=f"Trước ngày {deadline.day}/{deadline.month}/{deadline.year}",
                deadline=deadline if n % 4 else None,
                recurrence=Recurrence.NONE if n % 4 else Recurrence.CONTINUOUS,
                sort_order=order + n,
            )
            s.add(task)
            leaves.append(task)
        indicators = list(s.scalars(select(Indicator)))
        while len(indicators) < LARGE_INDICATORS:
            n = len(indicators) + 1
            ind = Indicator(
                plan=plan,
                code=f"VI.{n}",
                name=f"Tỷ lệ hồ sơ, dịch vụ thuộc nhóm {n} được số hóa, xử lý trên môi trường số",
                group_name="VI. Chỉ tiêu bổ sung",
                measure_unit=MeasureUnit.PERCENT,
                unit_label="%",
                comparator=Comparator.GE,
                lead_unit=units[n % len(units)],
                sort_order=order + n,
            )
            ind.targets.append(IndicatorTarget(year=2030, comparator=Comparator.GE, value=80, raw_text="≥80%"))
            s.add(ind)
            indicators.append(ind)
        s.flush()
        existing = {p.code: p for p in s.scalars(select(Period))}
        periods: list[Period] = []
        year, month = 2021, 12
        while (year, month) <= (2026, 11):
            ref = PeriodRef(PeriodKind.MONTH, year, month)
            period = existing.get(ref.code)
            if period is None:
                start, end = period_bounds(ref, PeriodConvention.CALENDAR)
                period = Period(
                    code=ref.code, kind=PeriodKind.MONTH, year=year, number=month,
                    start_date=start, end_date=end, locked=True,
                )
                s.add(period)
            periods.append(period)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        s.flush()
        have_update = {
            (u.task_id, u.period_id) for u in s.scalars(select(TaskUpdate))
        }
        have_value = {
            (v.indicator_id, v.period_id) for v in s.scalars(select(IndicatorValue))
        }
        updates = values = 0
        for i, period in enumerate(periods):
            for task in leaves:
                if (task.id, period.id) in have_update:
                    continue
                done = task.deadline is not None and period.end_date >= task.deadline and rng.random() < 0.7
                s.add(
                    TaskUpdate(
                        task_id=task.id,
                        period_id=period.id,
                        progress=Progress.COMPLETED if done else Progress.IN_PROGRESS,
                        percent=100.0 if done else float(min(95, 5 * (i + 1))),
                        completed_on=task.deadline if done else None,
                        result=rng.choice(results).format(n=rng.randint(5, 300), k=rng.randint(1, 6)),
                        difficulties=rng.choice(difficulties),
                        updated_by_name="bench",
                    )
                )
                updates += 1
            for ind in indicators:
                if (ind.id, period.id) in have_value or ind.measure_unit is MeasureUnit.YESNO:
                    continue
                s.add(
                    IndicatorValue(
                        indicator_id=ind.id,
                        period_id=period.id,
                        value=round(min(100.0, 20 + i * 1.2 + rng.random() * 5), 1),
                        updated_by_name="bench",
                    )
                )
                values += 1
            s.flush()
    return {
        "tasks": len(leaves),
        "indicators": len(indicators),
        "months": len(periods),
        "added_updates": updates,
        "added_values": values,
    }


def _libreoffice(docx: Path, out: Path) -> float | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = out / "lo-profile"
    t0 = time.perf_counter()
    proc = subprocess.run(
        [
            soffice, "--headless", f"-env:UserInstallation=file://{profile}",
            "--convert-to", "pdf", "--outdir", str(out / "lo"), str(docx),
        ],
        capture_output=True, text=True, timeout=300,
    )
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0 or not (out / "lo" / (docx.stem + ".pdf")).exists():
        raise RuntimeError(f"LibreOffice failed: {proc.stderr[-500:]}")
    return elapsed


def run(quick: bool) -> dict[str, Any]:
    from models.db import open_database
    from models.demo import build_demo

    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp_name:
        tmp = Path(tmp_name)
        demo = open_database(tmp / "demo.db")
        build_demo(demo, commune_code=10993, today=TODAY)
        out = tmp / "demo-out"
        out.mkdir()
        demo_first, demo_median = _measure(demo, out, runs)

        # LibreOffice on our DOCX, against our own PDF (database -> PDF) of the same run.
        lo_first = _libreoffice(out / "report.docx", tmp)
        lo_warm = _libreoffice(out / "report.docx", tmp) if lo_first is not None else None
        ours_pdf = demo_first["build"] + demo_first["pdf"]
        demo.close()

        large = open_database(tmp / "large.db")
        build_demo(large, commune_code=10993, today=TODAY)
        t0 = time.perf_counter()
        sizes = build_large(large)
        build_s = time.perf_counter() - t0
        large_out = tmp / "large-out"
        large_out.mkdir()
        large_first, large_median = _measure(large, large_out, runs)
        large.close()

    def fmt(times: dict[str, float]) -> str:
        return ", ".join(f"{k} {v:.3f}" for k, v in times.items())

    results: dict[str, Any] = {
        "machine_load_1min": {"value": round(os.getloadavg()[0], 2), "unit": ""},
        "report_set_demo_s": {
            "value": round(demo_first["total"], 3),
            "goal": 0.5,
            "unit": "s",
            "note": f"first run: {fmt(demo_first)}; median of {runs} later runs: {fmt(demo_median)}",
        },
        "report_set_large_s": {
            "value": round(large_first["total"], 3),
            "goal": 1.5,
            "unit": "s",
            "note": (
                f"{sizes['tasks']} tasks, {sizes['indicators']} indicators, {sizes['months']} months "
                f"(built in {build_s:.1f} s); first run: {fmt(large_first)}; "
                f"median of {runs} later runs: {fmt(large_median)}"
            ),
        },
    }
    if lo_first is None:
        results["pdf_speedup_vs_libreoffice"] = {
            "value": None, "goal": 5.0, "unit": "x", "ok": None,
            "note": "LibreOffice (soffice) not installed",
        }
    else:
        results["pdf_speedup_vs_libreoffice"] = {
            "value": round(lo_first / ours_pdf, 1),
            "goal": 5.0,
            "unit": "x",
            "better": "higher",
            "note": (
                f"LibreOffice DOCX->PDF {lo_first:.2f} s (second run {lo_warm:.2f} s, "
                f"ratio {lo_warm / ours_pdf:.1f}x) vs our database->PDF {ours_pdf:.3f} s "
                f"(build {demo_first['build']:.3f} + draw {demo_first['pdf']:.3f})"
            ),
        }
        results["libreoffice_docx_to_pdf_s"] = {"value": round(lo_first, 2), "unit": "s"}
    results["report_pdf_demo_s"] = {"value": round(ours_pdf, 3), "unit": "s"}
    return {"results": results}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(json.dumps(run(args.quick), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
