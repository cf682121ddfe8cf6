"""UI tests: offscreen Qt, Vietnamese translator and look, synchronous workers.

Each test gets its own data folder (``NQ57_DATA_DIR``, from the root
conftest), so the UI settings file (window state) is isolated too. Workers
run in the calling thread; teardown still waits for any that were started
asynchronously.
"""

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


class MessageRecorder:
    """Message boxes shown during a test: (icon, title, text). They never block.

    ``answer`` is what the next boxes return (default: their default button,
    or OK).
    """

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer: object | None = None

    @property
    def texts(self) -> list[str]:
        return [text for _icon, _title, text in self.shown]


@pytest.fixture(autouse=True)
def messages(monkeypatch: pytest.MonkeyPatch) -> MessageRecorder:
    """Replace ``QMessageBox.exec`` so no test can hang on a modal box."""
    from PySide6.QtWidgets import QMessageBox

    recorder = MessageRecorder()

    def fake_exec(box: QMessageBox) -> int:
        recorder.shown.append((box.icon().name, box.windowTitle(), box.text()))
        if recorder.answer is not None:
            return int(recorder.answer)  # type: ignore[call-overload]
        default = box.defaultButton()
        if default is not None:
            return int(box.standardButton(default).value)
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return recorder


@pytest.fixture
def no_modal(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Record ``ui.dialogs`` messages as (kind, text) instead of showing them.

    ``confirm`` answers yes. Kinds: "info", "warn", "error", "confirm".
    """
    from ui import dialogs

    shown: list[tuple[str, str]] = []

    def record(kind: str):  # noqa: ANN202
        def show(_parent: object, text: str, **_kw: object) -> None:
            shown.append((kind, text))

        return show

    def confirm(_parent: object, _title: str, text: str, **_kw: object) -> bool:
        shown.append(("confirm", text))
        return True

    monkeypatch.setattr(dialogs, "info", record("info"))
    monkeypatch.setattr(dialogs, "warn", record("warn"))
    monkeypatch.setattr(dialogs, "error", record("error"))
    monkeypatch.setattr(dialogs, "confirm", confirm)
    return shown
