"""PyInstaller runtime hook: make the windowed program's streams usable.

The Windows GUI executable is built with ``console=False`` so that double-
clicking it opens no black console window. Python then starts with
``sys.stdout`` and ``sys.stderr`` set to ``None`` and any ``print`` would
raise. When the program is started from a console with arguments
(``nq57-tracker.exe --version``) we attach to that console so the output is
seen; otherwise output goes to ``os.devnull``. The console executable
``nq57-cli.exe`` never needs this hook (its streams are real), and on Linux
and macOS the streams are always set, so the hook does nothing there.
"""

from __future__ import annotations

import os
import sys


def _console_stream():  # type: ignore[no-untyped-def]
    if sys.platform == "win32" and len(sys.argv) > 1:
        import ctypes

        attach_parent_process = -1
        if ctypes.windll.kernel32.AttachConsole(attach_parent_process):
            try:
                return open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
            except OSError:
                pass
    return open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


if sys.stdout is None or sys.stderr is None:
    _stream = _console_stream()
    if sys.stdout is None:
        sys.stdout = _stream
    if sys.stderr is None:
        sys.stderr = _stream
