"""The PyInstaller build: a broken spec is caught before a release.

``test_build_and_smoke`` runs ``scripts/build.py`` (PyInstaller into a temp
folder, then the built program's ``--version``, ``--help``, ``demo`` and an
offscreen start). It takes about a minute, so it runs only when
``NQ57_TEST_BUILD=1`` and PyInstaller is installed (``pip install -e ".[build]"``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _version() -> str:
    with (REPO / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("NQ57_TEST_BUILD") != "1", reason="set NQ57_TEST_BUILD=1 to build")
def test_build_and_smoke(tmp_path: Path) -> None:
    pytest.importorskip("PyInstaller", reason="PyInstaller not installed (extra 'build')")
    report_file = tmp_path / "report.json"
    # When the build script builds and smoke-tests the program in a temp folder
    proc = subprocess.run(
        [
            sys.executable, str(REPO / "scripts" / "build.py"),
            "--dist", str(tmp_path / "dist"), "--work", str(tmp_path / "work"),
            "--json", str(report_file),
        ],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=1200, check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    report = json.loads(report_file.read_text(encoding="utf-8"))
    checks = report["checks"]
    # Then both executables print the pyproject version
    assert checks["nq57-tracker --version"].endswith(_version())
    assert checks["nq57-cli --version"].endswith(_version())
    # and the frozen program built the demo commune from its bundled data
    assert checks["demo"].startswith("Đã tạo dữ liệu mẫu Xã Thượng Hồng")
    assert checks["program folder untouched"].endswith("files unchanged")
    assert report["failures"] == []
    folder = tmp_path / "dist" / report["name"] / "_internal"
    assert (folder / "models" / "migrations" / "versions" / "0001_baseline_schema.py").is_file()
    assert (folder / "resources" / "icons" / "app.ico").is_file()
    assert (folder / "resources" / "fonts" / "LiberationSerif-Regular.ttf").is_file()
    assert (folder / "vietnam_provinces" / "data").is_dir()
    # the user guide opened by the Help menu, with its pictures
    assert (folder / "docs" / "huong-dan-su-dung.html").is_file()
    assert (folder / "docs" / "img" / "07-phieu-cap-nhat.png").is_file()


@pytest.mark.parametrize("argv", [["prog"], ["prog", "--version"]])
def test_windowed_streams_hook_never_leaves_none(argv: list[str]) -> None:
    # Given a windowed start (no console: sys.stdout and sys.stderr are None)
    code = (
        "import sys, runpy\n"
        f"sys.argv = {argv!r}\n"
        "real = sys.__stdout__\n"
        "sys.stdout = None; sys.stderr = None\n"
        f"runpy.run_path({str(REPO / 'scripts' / 'pyi_rth_streams.py')!r})\n"
        "print('lost on purpose')\n"
        "print('x', file=sys.stderr)\n"
        "real.write('streams ' + str(sys.stdout is not None and sys.stderr is not None))\n"
    )
    # When the runtime hook runs, then printing works (goes to the console or nowhere)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.endswith("streams True")
    assert "lost on purpose" not in proc.stdout
