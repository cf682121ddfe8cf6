"""Message boxes and file dialogs that always speak Vietnamese.

Native file dialogs would show the system's language (English on many office
PCs) and ignore our translator, so the file helpers use Qt's own dialog
(``DontUseNativeDialog``), translated by ``ui.i18n``. Message boxes set their
button texts explicitly as well, so they are Vietnamese even without the
translator. UI thread only.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ui.texts import common as T

_BUTTON_TEXTS = {
    QMessageBox.StandardButton.Ok: T.OK,
    QMessageBox.StandardButton.Cancel: T.CANCEL,
    QMessageBox.StandardButton.Yes: T.YES,
    QMessageBox.StandardButton.No: T.NO,
    QMessageBox.StandardButton.Save: T.SAVE,
    QMessageBox.StandardButton.Close: T.CLOSE,
}

_DIALOG_OPTIONS = QFileDialog.Option.DontUseNativeDialog


def localize_buttons(box: QMessageBox) -> None:
    """Give the standard buttons of ``box`` their Vietnamese text."""
    for which, text in _BUTTON_TEXTS.items():
        button = box.button(which)
        if button is not None:
            button.setText(text)


def message_box(
    parent: QWidget | None,
    *,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    detail: str | None = None,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    default: QMessageBox.StandardButton | None = None,
) -> QMessageBox:
    """Build (not show) a message box with Vietnamese buttons."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if detail:
        box.setDetailedText(detail)
    box.setStandardButtons(buttons)
    if default is not None:
        box.setDefaultButton(default)
    localize_buttons(box)
    return box


def info(parent: QWidget | None, text: str, *, title: str = T.TITLE_INFO) -> None:
    message_box(parent, icon=QMessageBox.Icon.Information, title=title, text=text).exec()


def warn(parent: QWidget | None, text: str, *, title: str = T.TITLE_WARN) -> None:
    message_box(parent, icon=QMessageBox.Icon.Warning, title=title, text=text).exec()


def error(
    parent: QWidget | None, text: str, *, title: str = T.TITLE_ERROR, detail: str | None = None
) -> None:
    message_box(
        parent, icon=QMessageBox.Icon.Critical, title=title, text=text, detail=detail
    ).exec()


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    yes_text: str | None = None,
    no_text: str | None = None,
    default_yes: bool = False,
) -> bool:
    """Ask a yes/no question; True when the user chose yes."""
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    box = message_box(
        parent,
        icon=QMessageBox.Icon.Question,
        title=title,
        text=text,
        buttons=yes | no,
        default=yes if default_yes else no,
    )
    if yes_text:
        box.button(yes).setText(yes_text)
    if no_text:
        box.button(no).setText(no_text)
    return box.exec() == yes


def _filter_string(filters: Sequence[str] | None) -> str:
    items = list(filters or [])
    if T.ALL_FILES not in items:
        items.append(T.ALL_FILES)
    return ";;".join(items)


def _start_dir(directory: str | os.PathLike[str] | None) -> str:
    if directory:
        return str(directory)
    return str(Path.home())


def file_dialog(
    parent: QWidget | None,
    *,
    title: str,
    directory: str | os.PathLike[str] | None = None,
    filters: Sequence[str] | None = None,
    save: bool = False,
    folder: bool = False,
    default_suffix: str | None = None,
) -> QFileDialog:
    """Build (not show) Qt's own file dialog with Vietnamese labels."""
    dialog = QFileDialog(parent, title, _start_dir(directory))
    dialog.setOptions(_DIALOG_OPTIONS)
    if folder:
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    else:
        dialog.setNameFilters(_filter_string(filters).split(";;"))
        dialog.setFileMode(
            QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile
        )
    dialog.setAcceptMode(
        QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen
    )
    if default_suffix:
        dialog.setDefaultSuffix(default_suffix.lstrip("."))
    # Labels Qt does not route through translate() in every version.
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, T.CANCEL)
    dialog.setLabelText(
        QFileDialog.DialogLabel.Accept, T.SAVE if save else (T.CHOOSE if folder else T.OPEN)
    )
    _readable_layout(dialog)
    return dialog


def _readable_layout(dialog: QFileDialog) -> None:
    """Detail view with columns wide enough for Vietnamese headers and dates."""
    from PySide6.QtWidgets import QSplitter, QTreeView

    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.resize(920, 580)
    char = dialog.fontMetrics().averageCharWidth()
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None:
        header = tree.header()
        for column, chars in ((0, 30), (1, 10), (2, 11), (3, 19)):
            header.resizeSection(column, chars * char + 24)
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None:
        splitter.setSizes([22 * char, 900])


def ask_open_file(
    parent: QWidget | None,
    *,
    title: str = T.OPEN_FILE,
    directory: str | os.PathLike[str] | None = None,
    filters: Sequence[str] | None = None,
) -> Path | None:
    """Let the user pick an existing file; None when cancelled."""
    dialog = file_dialog(parent, title=title, directory=directory, filters=filters)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def ask_save_file(
    parent: QWidget | None,
    *,
    title: str = T.SAVE_FILE,
    directory: str | os.PathLike[str] | None = None,
    filters: Sequence[str] | None = None,
    default_name: str | None = None,
    default_suffix: str | None = None,
) -> Path | None:
    """Let the user choose where to save (Qt asks before replacing a file)."""
    start = Path(_start_dir(directory))
    dialog = file_dialog(
        parent,
        title=title,
        directory=start,
        filters=filters,
        save=True,
        default_suffix=default_suffix,
    )
    if default_name:
        dialog.selectFile(str(start / default_name))
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def ask_directory(
    parent: QWidget | None,
    *,
    title: str = T.CHOOSE_FOLDER,
    directory: str | os.PathLike[str] | None = None,
) -> Path | None:
    """Let the user pick a folder; None when cancelled."""
    dialog = file_dialog(parent, title=title, directory=directory, folder=True)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])
