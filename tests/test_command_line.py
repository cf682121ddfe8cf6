"""The command line: Vietnamese help and errors, every command listed, GUI fast path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMANDS = ("demo", "report", "export", "import", "import-plan", "backup", "restore")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "main.py"), *args],
                          capture_output=True, text=True, cwd=REPO)


def test_help_lists_every_command_in_vietnamese() -> None:
    result = _run("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("cách dùng: ")
    for command in COMMANDS:
        assert f"    {command} " in result.stdout or f"    {command}\n" in result.stdout, command
    assert "usage:" not in result.stdout and "show this help" not in result.stdout
    for command in COMMANDS:
        sub = _run(command, "--help")
        assert sub.returncode == 0 and "--db" in sub.stdout, command
        assert "usage:" not in sub.stdout


def test_version_and_bad_arguments() -> None:
    version = _run("--version")
    assert version.returncode == 0 and version.stdout.strip().split()[-1].count(".") == 2
    bad = _run("report", "--period")
    assert bad.returncode == 2
    assert "lỗi:" in bad.stderr and "Traceback" not in bad.stderr


def test_bad_period_is_a_vietnamese_one_liner(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    assert _run("demo", "--db", str(db)).returncode == 0
    result = _run("report", "--db", str(db), "--period", "2026-13", "--out", str(tmp_path))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Lỗi: ")


def test_no_command_opens_the_gui_without_loading_the_commands() -> None:
    probe = (
        "import sys, cli.app as app\n"
        "app.run_gui = lambda args: print('GUI', args.db, 'reports.content' in sys.modules,"
        " 'openpyxl' in sys.modules) or 0\n"
        "sys.exit(app.main(['--db', 'x.db']))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "GUI x.db False False"
