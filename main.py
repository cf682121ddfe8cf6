#!/usr/bin/env python3
"""Theo dõi Nghị quyết 57 — commune office tracker.

``python main.py`` opens the desktop program; ``python main.py --help``
lists the commands (demo, report, export, import, import-plan, backup,
restore).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cli.app import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
