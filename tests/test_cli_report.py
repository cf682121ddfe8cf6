"""``python main.py report``: three files of a draft, their paths printed;
bad input answered with one Vietnamese line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest

from cli.app import main

REPO = Path(__file__).resolve().parent.parent


def test_report_writes_three_files_and_prints_their_paths(
    demo_db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(["report", "--db", str(demo_db_file), "--period", "2026-10", "--out", str(out)])
    printed = capsys.readouterr().out.splitlines()
    assert code == 0
    assert [Path(p).suffix for p in printed] == [".pdf", ".docx", ".xlsx"]
    for p in printed:
        assert Path(p).parent == out and Path(p).stat().st_size > 10_000
    texts = [p.text for p in docx.Document(printed[1]).paragraphs]
    assert "BÁO CÁO" in texts
    first_table = docx.Document(printed[1]).tables[0]
    assert "Số:      /BC-UBND" in [p.text for p in first_table.cell(0, 0).paragraphs]


def test_kind_and_date_options(
    demo_db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "report",
            "--db",
            str(demo_db_file),
            "--period",
            "2026-10",
            "--kind",
            "quarter",
            "--date",
            "05/11/2026",
            "--formats",
            "docx",
            "--out",
            str(tmp_path),
        ]
    )
    printed = capsys.readouterr().out.splitlines()
    assert code == 0 and len(printed) == 1 and printed[0].endswith("Du-thao-BC-2026-Q4.docx")
    document = docx.Document(printed[0])
    right = [p.text for p in document.tables[0].cell(0, 1).paragraphs]
    assert "Thượng Hồng, ngày 05 tháng 11 năm 2026" in right
    assert any("quý IV năm 2026" in p.text for p in document.paragraphs)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2026-13"], 'Kỳ báo cáo "2026-13" không hợp lệ'),
        (["--period", "2026-Q3", "--kind", "month"], "không phải là kỳ báo cáo tháng"),
        (["--period", "2020-01"], "Chưa có số liệu của kỳ tháng 1/2020"),
        (["--period", "2026-10", "--date", "31/02/2026"], "không có thật"),
        (["--period", "2026-10", "--formats", "pdf,odt"], 'Định dạng "odt" không hỗ trợ'),
    ],
)
def test_bad_input_is_one_vietnamese_line(
    demo_db_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    code = main(["report", "--db", str(demo_db_file), "--out", str(tmp_path / "x"), *args])
    err = capsys.readouterr().err.strip().splitlines()
    assert code != 0
    assert len(err) == 1 and err[0].startswith("Lỗi: ") and message in err[0], err
    assert not (tmp_path / "x").exists() or not any((tmp_path / "x").iterdir())


def test_help_is_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    out = capsys.readouterr().out
    assert "kỳ báo cáo" in out and "--kind" in out and "quý" in out and "--blank-date" in out


def test_runs_as_a_program(demo_db_file: Path, tmp_path: Path) -> None:
    proc: Any = subprocess.run(
        [
            sys.executable,
            str(REPO / "main.py"),
            "report",
            "--db",
            str(demo_db_file),
            "--period",
            "2026-10",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    paths = proc.stdout.split("\n")[:3]
    assert all(Path(p).exists() for p in paths)
