"""Architecture rules that keep the domain testable and the program offline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHECK = r"""
import importlib, pkgutil, sys
import models, reports
for pkg in (models, reports):
    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
        if ".migrations" in info.name:
            continue
        importlib.import_module(info.name)
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print("QT:" + ",".join(bad))
"""


def test_models_and_reports_do_not_import_qt() -> None:
    proc = subprocess.run([sys.executable, "-c", CHECK], cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().endswith("QT:"), proc.stdout


def test_no_network_libraries_in_program_code() -> None:
    """The program never opens a socket: no HTTP clients in its sources."""
    forbidden = ("import requests", "import urllib.request", "import httpx", "http.client", "socket.create_connection")
    offenders = []
    for folder in ("models", "reports", "ui", "cli"):
        for path in (REPO / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            offenders += [f"{path.relative_to(REPO)}: {f}" for f in forbidden if f in text]
    assert offenders == []
