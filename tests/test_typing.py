"""The Qt-free packages (``models``, ``reports``) type-check under ``mypy --strict``.

What is checked and how (strict mode, the per-library overrides for the
libraries without type information, ``models/migrations`` left out) is the
``[tool.mypy]`` section of pyproject.toml; this test only runs it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_models_and_reports_pass_mypy() -> None:
    pytest.importorskip("mypy", reason="mypy is not installed (pip install .[test])")
    proc = subprocess.run(
        [sys.executable, "-m", "mypy"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = (proc.stdout + proc.stderr)[-8000:]
    assert proc.returncode == 0, f"mypy found type errors:\n{output}"
    assert "Success" in proc.stdout, output
