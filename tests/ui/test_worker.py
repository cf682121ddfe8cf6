"""The background-job helper, in its real threaded mode."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QProgressDialog, QWidget

from models.errors import InputError
from ui import worker


@pytest.fixture
def threaded() -> None:
    # Jobs left running by earlier tests would hold the pool's threads.
    assert worker.wait_for_all(10), f"{worker.active_jobs()} jobs still running"
    worker.set_synchronous(False)


def test_result_comes_back_on_the_ui_thread(qtbot, threaded) -> None:  # noqa: ANN001
    main = threading.get_ident()
    seen: dict[str, object] = {}

    def work(control: worker.JobControl) -> int:
        seen["work_thread"] = threading.get_ident()
        control.report(1, 2, "Bước 1")
        return 42

    def done(result: int) -> None:
        seen["done_thread"] = threading.get_ident()
        seen["result"] = result

    job = worker.run_in_background(work, on_done=done, show_progress=False)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == 42
    assert seen["work_thread"] != main and seen["done_thread"] == main
    assert not job.running and job.result == 42


def test_app_error_goes_to_on_error(qtbot, threaded) -> None:  # noqa: ANN001
    errors: list[BaseException] = []

    def work(_control: worker.JobControl) -> None:
        raise InputError("Số liệu không hợp lệ.")

    worker.run_in_background(work, on_error=errors.append, show_progress=False)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert worker.error_message(errors[0]) == "Số liệu không hợp lệ."


def test_unexpected_error_is_shown_in_vietnamese(qtbot, threaded, no_modal) -> None:  # noqa: ANN001
    def work(_control: worker.JobControl) -> None:
        raise ZeroDivisionError("division by zero")

    worker.run_in_background(work, show_progress=False)
    qtbot.waitUntil(lambda: bool(no_modal), timeout=5000)
    kind, text = no_modal[0]
    assert kind == "error"
    assert text.startswith("Đã xảy ra lỗi không mong đợi")
    assert "ZeroDivisionError" not in text and "Traceback" not in text


def test_slow_job_shows_progress_and_can_be_cancelled(qtbot, threaded) -> None:  # noqa: ANN001
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    started = threading.Event()
    cancelled: list[bool] = []

    def work(control: worker.JobControl) -> None:
        started.set()
        for step in range(200):
            control.report(step, 200, "Đang xử lý")
            control.check()
            time.sleep(0.02)

    job = worker.run_in_background(
        work,
        on_cancelled=lambda: cancelled.append(True),
        progress_label="Đang nhập dữ liệu…",
        parent=parent,
        cancellable=True,
    )
    assert started.wait(5)
    # The progress dialog appears after the delay, in Vietnamese, with "Hủy".
    qtbot.waitUntil(lambda: job._dialog is not None and job._dialog.isVisible(), timeout=5000)
    dialog = job._dialog
    assert isinstance(dialog, QProgressDialog)
    assert dialog.labelText().startswith("Đang xử lý") or dialog.labelText() == "Đang nhập dữ liệu…"
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Hủy"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(cancelled), timeout=5000)
    assert not job.running


def test_quick_job_shows_no_dialog(qtbot, threaded) -> None:  # noqa: ANN001
    done: list[int] = []
    job = worker.run_in_background(lambda _c: 1, on_done=done.append, progress_label="Nhanh")
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    qtbot.wait(worker.SHOW_DELAY_MS + 100)
    assert job._dialog is None


def test_wait_for_all(qtbot, threaded) -> None:  # noqa: ANN001
    done: list[str] = []
    worker.run_in_background(
        lambda _c: time.sleep(0.2) or "xong", on_done=done.append, show_progress=False
    )
    assert worker.active_jobs() >= 1
    assert worker.wait_for_all(5)
    assert done == ["xong"] and worker.active_jobs() == 0


def test_synchronous_mode_calls_back_at_once() -> None:
    worker.set_synchronous(True)
    done: list[int] = []
    worker.run_in_background(lambda _c: 7, on_done=done.append)
    assert done == [7]
