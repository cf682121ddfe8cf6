"""Benchmark of plan import: reading plans of every kind, and saving one.

    python bench/bench_plan_import.py [--quick]

Prints one JSON object. Figures (seconds, median of several runs):

- ``plan_parse_hai_phong_s``: the Hải Phòng sample (PDF text, three
  appendices, 38 indicators; skipped when ``../shared/samples`` is absent);
- ``plan_parse_word_s`` / ``plan_parse_pdf_s``: the Word plan of the tests
  and the PDF made from it (real tables; tables rebuilt from PDF text);
- ``plan_parse_large_text_s``: a plan of the size the brief names as the
  upper end (300 tasks in the text, an 80-row indicator table copied from
  a PDF), made up from the sample's shapes;
- ``plan_excel_300_tasks_s``: reading a filled template with 300 tasks and
  80 indicators, row by row checks included;
- ``plan_commit_large_s``: saving that workbook's plan (tasks, targets,
  new units) into a fresh SQLite database in one transaction.

The user waits for these behind a progress dialog; the goal asked of them is
"a few seconds on an old office PC" (set here at 5 s for the large plan).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DATA = REPO / "tests" / "plan_import" / "data"
SAMPLE = REPO.parent / "shared" / "samples" / "plans" / "ke-hoach-dang-uy-xa-hai-phong.txt"
GOAL_LARGE_S = 5.0


def _median(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def _large_text(tasks: int = 300, indicators: int = 80) -> str:
    """A plan with ``tasks`` numbered tasks and a PDF-like indicator table."""
    lines = ["KẾ HOẠCH", "Chuyển đổi số xã Bình An", "", "I. NHIỆM VỤ VÀ GIẢI PHÁP", ""]
    groups = 10
    per_group = tasks // groups
    for g in range(1, groups + 1):
        lines += [f"{g}. Nhóm nhiệm vụ thứ {g} về chuyển đổi số", ""]
        for t in range(1, per_group + 1):
            lines += [
                f"{g}.{t}. Triển khai nội dung số {t} của nhóm {g}, bảo đảm tiến độ và chất lượng theo",
                "",
                "yêu cầu của kế hoạch, phân công rõ người, rõ việc, rõ thời gian hoàn thành.",
                "",
                "- Cơ quan chủ trì: Phòng Văn hóa - Xã hội.",
                "- Thời gian thực hiện: Trong tháng 9/2026.",
                "",
            ]
    lines += [
        "II. TỔ CHỨC THỰC HIỆN",
        "Các đơn vị báo cáo trước ngày 15 hằng tháng.",
        "",
        "Phụ lục I",
        "",
    ]
    lines += [
        "STT Mục tiêu 2025 2030 2035 2040 2045",
        "Cơ quan chủ trì thực",
        "hiện",
        "Cơ quan phối hợp",
    ]
    lines += ["I Phát triển chuyển đổi số"]
    for i in range(1, indicators + 1):
        if i % 25 == 0:
            lines += ["", "", "", str(i // 25 + 1), "", " STT Mục tiêu 2025 2030 2035 2040 2045",
                      "Cơ quan chủ trì thực", "hiện", "Cơ quan phối hợp"]  # fmt: skip
        lines += [
            str(i),
            f"Tỷ lệ hồ sơ thủ tục hành chính loại {i} được",
            "xử lý trực tuyến toàn trình",
            "≥70% 90% 100% 100% 100%",
            "Văn phòng",
            "HĐND&UBND xã",
            "Các cơ quan, đơn vị",
        ]
    return "\n".join(lines)


def run(quick: bool = False) -> dict[str, Any]:
    from models.audit import Actor
    from models.db import open_database
    from models.plan_import.commit import import_plan
    from models.plan_import.excel import import_workbook, write_template
    from models.plan_import.parser import parse_document, parse_file
    from models.plan_import.text_source import read_text

    repeat = 2 if quick else 5
    figures: dict[str, Any] = {}
    if SAMPLE.exists():
        figures["plan_parse_hai_phong_s"] = {
            "value": _median(lambda: parse_file(SAMPLE), repeat),
            "unit": "s",
        }
    figures["plan_parse_word_s"] = {
        "value": _median(lambda: parse_file(DATA / "ke-hoach-minh-tan.docx"), repeat), "unit": "s",
    }  # fmt: skip
    figures["plan_parse_pdf_s"] = {
        "value": _median(lambda: parse_file(DATA / "ke-hoach-minh-tan.pdf"), repeat), "unit": "s",
    }  # fmt: skip
    text = _large_text(150 if quick else 300, 40 if quick else 80)
    large = parse_document(read_text(text, name="lon.txt"))
    figures["plan_parse_large_text_s"] = {
        "value": _median(lambda: parse_document(read_text(text, name="lon.txt")), repeat),
        "unit": "s",
        "goal": GOAL_LARGE_S,
        "note": f"{sum(1 for t in large.tasks if not t.is_group)} tasks, {len(large.indicators)} indicators",
    }
    with tempfile.TemporaryDirectory() as folder:
        workbook = write_template(Path(folder) / "mau.xlsx", unit_names=["Phòng Văn hóa - Xã hội"])
        from openpyxl import load_workbook

        book = load_workbook(workbook)
        sheet = book["Nhiệm vụ"]
        count = 150 if quick else 300
        for row in range(count):
            group, item = divmod(row, 30)
            code = f"{group + 1}.{item + 1}"
            sheet.append([code, f"Nhiệm vụ {code} về chuyển đổi số", "", f"Đơn vị số {row % 12}",
                          "Phòng Văn hóa - Xã hội", "Trong tháng 9/2026", ""])  # fmt: skip
        for group in range(count // 30):
            sheet.append([str(group + 1), f"Nhóm {group + 1}", "", "", "", "", ""])
        ind = book["Chỉ tiêu"]
        for row in range(80):
            ind.append([str(row + 1), f"Tỷ lệ thứ {row + 1}", "Nhóm", "%", "≥", "70%", "85,5", "90", "95", "100",
                        "Phòng Văn hóa - Xã hội", ""])  # fmt: skip
        book.save(workbook)
        figures["plan_excel_300_tasks_s"] = {
            "value": _median(lambda: import_workbook(workbook), repeat), "unit": "s", "goal": GOAL_LARGE_S,
        }  # fmt: skip
        plan = import_workbook(workbook).plan

        def commit() -> None:
            with tempfile.TemporaryDirectory() as inner:
                db = open_database(Path(inner) / "x.db")
                try:
                    from models.plan_import.units import MatchKind, match_units

                    new = {n: m.proposal for n, m in match_units(plan.unit_names(), []).items()
                           if m.kind is MatchKind.NEW}  # fmt: skip
                    import_plan(db, plan, actor=Actor.system(), new_units=new)
                finally:
                    db.close()

        figures["plan_commit_large_s"] = {
            "value": _median(commit, max(1, repeat // 2)), "unit": "s", "goal": GOAL_LARGE_S,
        }  # fmt: skip
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    print(json.dumps(run(parser.parse_args().quick), ensure_ascii=False, indent=2))
