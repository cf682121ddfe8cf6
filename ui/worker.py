"""The one helper that runs work off the UI thread.

``run_in_background(fn, on_done=..., on_error=...)`` runs ``fn(control)`` on a
pool thread and hands the result, or the exception, back on the UI thread
(Qt queued signals), in the style of Anki's ``taskman`` and Picard's
``thread.run_task``. Rules:

- ``fn`` never touches a widget; it may call ``control.report(done, total,
  text)`` from its thread and should look at ``control.cancelled`` (or call
  ``control.check()``) between steps when the job is cancellable;
- ``on_done(result)`` / ``on_error(exc)`` run on the UI thread; without an
  ``on_error`` the error is shown in a Vietnamese message box: an ``AppError``
  as is, anything else as a generic message (the traceback goes to the log);
- if the job is still running after ``SHOW_DELAY_MS`` a progress dialog with
  Vietnamese text appears (non-modal unless asked), with a "Hủy" button when
  ``cancellable``;
- ``set_synchronous(True)`` (tests) runs ``fn`` at once in the calling thread
  and calls the callbacks before ``run_in_background`` returns;
- ``wait_for_all()`` blocks until every job is finished (quit, test teardown).

Call ``run_in_background`` from the UI thread only.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from models.errors import AppError
from ui.texts import common as T

log = logging.getLogger(__name__)

SHOW_DELAY_MS = 300

_synchronous = False
_pool: QThreadPool | None = None
_active: set[Job] = set()


class JobCancelled(Exception):
    """Raised by ``JobControl.check()`` when the user pressed "Hủy"."""


def set_synchronous(value: bool) -> None:
    """Run every job in the calling thread (tests); callbacks fire immediately."""
    global _synchronous
    _synchronous = value


def is_synchronous() -> bool:
    return _synchronous


def _thread_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(4)
    return _pool


def error_message(exc: BaseException) -> str:
    """The Vietnamese text shown for ``exc`` (an AppError's own message)."""
    if isinstance(exc, AppError):
        return exc.message
    from models import paths

    try:
        where = str(paths.log_dir())
    except OSError:
        where = "-"
    return T.UNEXPECTED_ERROR.format(log=where)


class JobControl:
    """What the work function may use: progress reports and the cancel flag.

    Any thread may call these methods.
    """

    def __init__(self, job: Job) -> None:
        self._job = job
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Raise ``JobCancelled`` if the user asked to stop."""
        if self._cancel.is_set():
            raise JobCancelled

    def report(self, done: int, total: int, text: str = "") -> None:
        """Report progress: ``done`` of ``total`` steps (total 0 = unknown)."""
        self._job._progress.emit(int(done), int(total), str(text))


class Job(QObject):
    """A running (or finished) background job; lives on the UI thread.

    Signals: ``progress(done, total, text)`` and ``finished()`` (after the
    callbacks ran, success, error or cancel alike).
    """

    progress = Signal(int, int, str)
    finished = Signal()
    _progress = Signal(int, int, str)
    _succeeded = Signal(object)
    _failed = Signal(object, str)

    def __init__(
        self,
        *,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_cancelled: Callable[[], None] | None,
        progress_label: str | None,
        parent_widget: QWidget | None,
        cancellable: bool,
        modal: bool,
    ) -> None:
        super().__init__()
        self.control = JobControl(self)
        self._on_done = on_done
        self._on_error = on_error
        self._on_cancelled = on_cancelled
        self._label = progress_label or T.WORKING
        self._parent_widget = parent_widget
        self._cancellable = cancellable
        self._modal = modal
        self._dialog: QProgressDialog | None = None
        self._last: tuple[int, int, str] = (0, 0, "")
        self._done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self._progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self._failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    # -- state ----------------------------------------------------------------
    @property
    def running(self) -> bool:
        return not self._done.is_set()

    def cancel(self) -> None:
        """Ask the work function to stop (it decides when)."""
        self.control.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText(T.JOB_CANCELLING)

    def wait(self, timeout_s: float | None = None) -> bool:
        """Block until the work function returned (does not run callbacks)."""
        return self._done.wait(timeout_s)

    # -- progress UI (UI thread) ---------------------------------------------------
    def _show_dialog(self) -> None:
        if not self.running or self._dialog is not None or QApplication.instance() is None:
            return
        dialog = QProgressDialog(self._parent_widget)
        dialog.setWindowTitle(T.APP_TITLE)
        dialog.setLabelText(self._label)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(420)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setRange(0, 0)
        if self._cancellable:
            dialog.setCancelButtonText(T.CANCEL)
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)
        dialog.setWindowModality(
            Qt.WindowModality.WindowModal if self._modal else Qt.WindowModality.NonModal
        )
        self._dialog = dialog
        self._apply_progress(*self._last)
        dialog.show()

    def _apply_progress(self, done: int, total: int, text: str) -> None:
        if self._dialog is None:
            return
        if total > 0:
            self._dialog.setRange(0, total)
            self._dialog.setValue(min(done, total))
        else:
            self._dialog.setRange(0, 0)
        if self.control.cancelled:
            self._dialog.setLabelText(T.JOB_CANCELLING)
        elif text:
            self._dialog.setLabelText(
                T.PROGRESS_STEP.format(text=text, done=done, total=total) if total > 0 else text
            )

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        self._last = (done, total, text)
        self._apply_progress(done, total, text)
        self.progress.emit(done, total, text)

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None

    # -- completion (UI thread) --------------------------------------------------
    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        self._close_dialog()
        self.result = result
        try:
            if self._on_done is not None:
                self._on_done(result)
        finally:
            self._finish()

    @Slot(object, str)
    def _on_failed(self, exc: BaseException, tb: str) -> None:
        self._close_dialog()
        self.error = exc
        try:
            if isinstance(exc, JobCancelled):
                if self._on_cancelled is not None:
                    self._on_cancelled()
                return
            if not isinstance(exc, AppError):
                log.error("Background job failed:\n%s", tb)
            elif exc.detail:
                log.warning("Background job refused: %s (%s)", exc.message, exc.detail)
            if self._on_error is not None:
                self._on_error(exc)
            else:
                from ui import dialogs

                dialogs.error(self._parent_widget, error_message(exc))
        finally:
            self._finish()

    def _finish(self) -> None:
        _active.discard(self)
        self.finished.emit()


class _Runner(QRunnable):
    def __init__(self, job: Job, fn: Callable[[JobControl], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job = job
        self._fn = fn

    def run(self) -> None:  # pool thread
        job = self._job
        try:
            result = self._fn(job.control)
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread
            job._done.set()
            job._failed.emit(exc, traceback.format_exc())
        else:
            job._done.set()
            job._succeeded.emit(result)


def run_in_background(
    fn: Callable[[JobControl], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    progress_label: str | None = None,
    parent: QWidget | None = None,
    cancellable: bool = False,
    modal: bool = False,
    show_progress: bool = True,
) -> Job:
    """Run ``fn(control)`` off the UI thread; callbacks come back on the UI thread.

    ``progress_label`` is the Vietnamese text of the progress dialog shown
    when the job lasts more than ``SHOW_DELAY_MS``; ``show_progress=False``
    never shows one (the caller shows its own busy state). UI thread only.
    """
    job = Job(
        on_done=on_done,
        on_error=on_error,
        on_cancelled=on_cancelled,
        progress_label=progress_label,
        parent_widget=parent,
        cancellable=cancellable,
        modal=modal,
    )
    _active.add(job)
    if _synchronous:
        try:
            result = fn(job.control)
        except BaseException as exc:  # noqa: BLE001 - same path as a worker failure
            job._done.set()
            job._on_failed(exc, traceback.format_exc())
        else:
            job._done.set()
            job._on_succeeded(result)
        return job
    if show_progress:
        QTimer.singleShot(SHOW_DELAY_MS, job, job._show_dialog)
    _thread_pool().start(_Runner(job, fn))
    return job


def active_jobs() -> int:
    return len(_active)


def wait_for_all(timeout_s: float = 30.0) -> bool:
    """Wait until every worker thread returned and deliver pending callbacks.

    Returns False if some job is still running after ``timeout_s``. UI thread.
    """
    ok = True
    if _pool is not None:
        ok = _pool.waitForDone(int(timeout_s * 1000))
    app = QApplication.instance()
    if app is not None:
        for _ in range(5):
            app.processEvents()
            if not _active:
                break
    return ok
