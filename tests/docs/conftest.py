"""Guide screenshots run the real UI: offscreen Qt, the program's translator and
look, synchronous workers, and no message box that could block a test."""

from __future__ import annotations

import os
from collections.abc import Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _qt_app(qapp: object) -> Iterator[object]:
    from ui import worker
    from ui.app import configure_application

    configure_application(qapp)  # type: ignore[arg-type]
    worker.set_synchronous(True)
    yield qapp
    worker.set_synchronous(False)
    assert worker.wait_for_all(10)


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """``QMessageBox.exec`` records the text and returns the default button."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        default = box.defaultButton()
        if default is not None:
            return int(box.standardButton(default).value)
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown
