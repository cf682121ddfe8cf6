"""``python main.py import-plan``: the JSON of a dry run, importing, bad files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from plan_import_helpers import DATA, HAI_PHONG, REPO, fill_template
from sqlalchemy import func, select

from cli.app import main
from models.db import open_database
from models.schema import Indicator, Task, Unit

TASK_KEYS = {"code", "title", "lead_unit", "cooperating_units", "timeframe_text", "deadline"}
INDICATOR_KEYS = {"code", "name", "unit", "comparator", "targets", "lead_unit"}


@pytest.mark.skipif(not HAI_PHONG.exists(), reason="sample missing")
def test_dry_run_json_shape_of_the_hai_phong_sample() -> None:
    # Run as a user would, to see the bytes printed (Vietnamese, not \u escapes).
    proc = subprocess.run(
        [sys.executable, "main.py", "import-plan", str(HAI_PHONG), "--dry-run", "--format", "json"],
        cwd=REPO, capture_output=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr.decode()
    text = proc.stdout.decode("utf-8")
    assert "Văn phòng HĐND&UBND xã" in text and "\\u" not in text
    data = json.loads(text)
    assert {"tasks", "indicators", "reporting", "warnings"} <= set(data)
    assert all(TASK_KEYS <= set(t) for t in data["tasks"])
    assert all(INDICATOR_KEYS <= set(i) for i in data["indicators"])
    assert len(data["indicators"]) == 38
    first = data["indicators"][0]
    assert first["targets"] == {
        "2025": "≥30%",
        "2030": "≥90",
        "2035": "≥40",
        "2040": "≥80",
        "2045": "≥100",
    }
    assert first["unit"] == "%" and first["comparator"] == "≥"
    assert first["lead_unit"] == "Các doanh nghiệp viễn thông trên địa bàn"
    row = next(t for t in data["tasks"] if t["code"] == "PL3.8")
    assert row["deadline"] == "2025-12-20" and row["timeframe_text"] == "Trước ngày 20/12/2025"
    assert row["lead_unit"] == "Văn phòng HĐND&UBND xã"
    assert row["cooperating_units"] == ["Các cơ quan, đơn vị liên quan"]
    continuous = next(t for t in data["tasks"] if t["code"] == "PL3.6")
    assert continuous["deadline"] is None and continuous["recurrence"] == "continuous"
    assert any("số trang" in w["message"] for w in data["warnings"])
    assert any(r["frequencies"] for r in data["reporting"])


def test_text_output_and_import_into_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = DATA / "ke-hoach-minh-tan.docx"
    assert main(["import-plan", str(plan), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("Đọc được")
    assert "1.1. Ban hành Quy chế" in out and "chủ trì: Văn phòng HĐND và UBND xã" in out
    database = tmp_path / "xa.db"
    open_database(database).close()
    assert main(["import-plan", str(plan), "--db", str(database)]) == 0
    out = capsys.readouterr().out
    assert out.startswith('Đã nhập kế hoạch "Chuyển đổi số và phát triển')
    assert "Đã thêm đơn vị mới: Công an xã (mã CA)." in out
    assert 'Không gán đơn vị cho "Các cơ quan, đơn vị".' in out
    db = open_database(database)
    try:
        with db.session() as session:
            assert session.scalar(select(func.count()).select_from(Indicator)) == 6
            assert session.scalar(select(func.count()).select_from(Task)) == 24
            assert session.scalars(select(Unit.code).where(Unit.name == "Công an xã")).one() == "CA"
    finally:
        db.close()
    # Importing again clashes with the plan now in use: a Vietnamese one-liner, nothing changed.
    assert main(["import-plan", str(plan), "--db", str(database)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: Kế hoạch đang dùng đã có") and err.count("\n") == 1
    assert (
        main(["import-plan", str(plan), "--db", str(database), "--replace", "--format", "json"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["imported"]["tasks"] == 24 and data["imported"]["new_units"] == []


def test_unreadable_files_end_with_one_vietnamese_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = {
        "hong.pdf": b"%PDF-1.4 truncated",
        "cu.doc": b"\xd0\xcf\x11\xe0",
        "anh.png": b"\x89PNG",
        "trong.txt": b"   \n\n",
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert main(["import-plan", str(path), "--dry-run", "--format", "json"]) == 1, name
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.startswith("Lỗi: ") and captured.err.count("\n") == 1, name
        assert "Traceback" not in captured.err
    assert main(["import-plan", str(tmp_path / "khong-co.docx"), "--dry-run"]) == 1
    assert "Không tìm thấy tệp" in capsys.readouterr().err
    assert main(["import-plan", str(DATA / "ke-hoach-minh-tan.docx")]) == 1  # no --db, no --dry-run
    assert "--db" in capsys.readouterr().err


def test_excel_rows_with_errors_block_the_import_unless_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "mau.xlsx"
    assert main(["import-plan", str(template), "--write-template"]) == 0
    assert "Đã ghi mẫu Excel" in capsys.readouterr().out
    assert load_workbook(template).sheetnames[:3] == ["Hướng dẫn", "Nhiệm vụ", "Chỉ tiêu"]
    fill_template(
        template,
        tasks=[("1", "Rà soát dữ liệu", None, "Công an xã", None, "Quý IV/2025", None),
               ("2", None, None, None, None, None, None)],
        indicators=[],
    )  # fmt: skip
    database = tmp_path / "xa.db"
    open_database(database).close()
    assert main(["import-plan", str(template), "--db", str(database)]) == 1
    err = capsys.readouterr().err
    assert 'Trang "Nhiệm vụ", dòng 3, cột B (Tên nhiệm vụ): thiếu tên' in err
    assert "Lỗi: Tệp có 1 lỗi; chưa nhập gì." in err
    assert main(["import-plan", str(template), "--db", str(database), "--clean-rows-only"]) == 0
    db = open_database(database)
    try:
        with db.session() as session:
            assert list(session.scalars(select(Task.code))) == ["1"]
    finally:
        db.close()
