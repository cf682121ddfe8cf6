"""Qt's own dialogs speak Vietnamese: no English button or label remains."""

from __future__ import annotations

import ctypes
import re

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QToolButton,
    QWizard,
    QWizardPage,
)

from ui import dialogs, i18n

# Words that would betray an untranslated Qt string on these dialogs.
ENGLISH = re.compile(
    r"\b(OK|Cancel|Yes|No|Save|Discard|Close|Apply|Open|Retry|Ignore|Abort|Reset|Help|"
    r"Restore|Defaults|Back|Next|Finish|Look|File|Files|name|type|Directory|Directories|"
    r"Name|Size|Type|Date|Modified|Computer|Parent|Folder|Detail|View|List|Forward|"
    r"Undo|Redo|Cut|Copy|Paste|Delete|Select|All|Show|Details|Choose)\b"
)


def _clean(text: str) -> str:
    return text.replace("&", "").strip()


def _texts(widget: object) -> list[str]:
    out: list[str] = []
    for button in widget.findChildren(QAbstractButton):  # type: ignore[attr-defined]
        if button.text():
            out.append(_clean(button.text()))
        if isinstance(button, QToolButton) and button.toolTip():
            out.append(button.toolTip())
    for label in widget.findChildren(QLabel):  # type: ignore[attr-defined]
        if label.text():
            out.append(_clean(label.text()))
    return out


def _assert_vietnamese(texts: list[str]) -> None:
    english = [t for t in texts if ENGLISH.search(t)]
    assert english == [], f"English left: {english}"


def test_message_box_standard_buttons(qtbot) -> None:  # noqa: ANN001
    box = QMessageBox()
    qtbot.addWidget(box)
    buttons = QMessageBox.StandardButton
    wanted = {
        buttons.Ok: "Đồng ý",
        buttons.Cancel: "Hủy",
        buttons.Yes: "Có",
        buttons.No: "Không",
        buttons.Save: "Lưu",
        buttons.Discard: "Bỏ",
        buttons.Close: "Đóng",
        buttons.Apply: "Áp dụng",
        buttons.Open: "Mở",
        buttons.Retry: "Thử lại",
        buttons.Ignore: "Bỏ qua",
        buttons.Reset: "Đặt lại",
        buttons.RestoreDefaults: "Khôi phục mặc định",
        buttons.Help: "Trợ giúp",
    }
    for which in wanted:
        box.addButton(which)
    box.setDetailedText("chi tiết kỹ thuật")
    box.show()
    for which, text in wanted.items():
        assert _clean(box.button(which).text()) == text
    assert "Xem chi tiết…" in _texts(box)
    _assert_vietnamese(_texts(box))


def test_dialog_button_box(qtbot) -> None:  # noqa: ANN001
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Discard
    )
    qtbot.addWidget(box)
    assert sorted(_clean(b.text()) for b in box.buttons()) == ["Bỏ", "Hủy", "Lưu", "Đồng ý"]


def test_helpers_use_vietnamese_buttons(qtbot) -> None:  # noqa: ANN001
    box = dialogs.message_box(
        None,
        icon=QMessageBox.Icon.Question,
        title="Xác nhận",
        text="Xóa đơn vị?",
        buttons=QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    qtbot.addWidget(box)
    assert [_clean(b.text()) for b in box.buttons()] == ["Có", "Không"] or sorted(
        _clean(b.text()) for b in box.buttons()
    ) == ["Có", "Không"]


class _Recorder(QTranslator):
    """Records what Qt asks for in the contexts we cover (test only).

    PySide6 drops a reference to None when Qt passes no disambiguation; the
    recorder gives it back so the interpreter survives the test session.
    """

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def isEmpty(self) -> bool:  # noqa: N802
        return False

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ANN001, ANN201
        if disambiguation is None:
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
        table = i18n.CATALOG.get(context)
        if table is None:
            return source  # never None (see ui.i18n)
        self.asked.add((context, source))
        return table.get(source, source)


def test_catalogue_round_trip() -> None:
    # Every entry of the catalogue comes back from Qt through the compiled .qm.
    for context, table in i18n.CATALOG.items():
        for source, text in table.items():
            assert QCoreApplication.translate(context, source) == text


def test_file_dialogs_are_vietnamese(qtbot, qapp, tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "bao-cao.docx").write_bytes(b"x")
    recorder = _Recorder()
    qapp.installTranslator(recorder)  # asked first; answers from the same catalogue
    try:
        _check_file_dialogs(qtbot, tmp_path)
    finally:
        qapp.removeTranslator(recorder)
    missing = {(c, src) for c, src in recorder.asked if src not in i18n.CATALOG[c]}
    assert missing == set(), f"untranslated Qt strings: {missing}"


def _check_file_dialogs(qtbot, tmp_path) -> None:  # noqa: ANN001
    for save, folder in ((False, False), (True, False), (False, True)):
        dialog = dialogs.file_dialog(
            None,
            title="Chọn tệp",
            directory=tmp_path,
            filters=["Tài liệu Word (*.docx)"],
            save=save,
            folder=folder,
        )
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        texts = _texts(dialog)
        _assert_vietnamese(texts)
        # The file list's column headers come from QFileSystemModel.
        from PySide6.QtWidgets import QTreeView

        tree = dialog.findChild(QTreeView, "treeView")
        headers = [
            tree.model().headerData(c, tree.header().orientation())
            for c in range(tree.model().columnCount())
        ]
        assert headers[:4] == ["Tên", "Kích thước", "Loại", "Ngày sửa đổi"]
        dialog.close()
    # Labels Qt shows on the dialog itself.
    dialog = dialogs.file_dialog(None, title="Mở", directory=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = _texts(dialog)
    assert "Tìm trong:" in labels and "Tên tệp:" in labels and "Loại tệp:" in labels


def test_wizard_buttons(qtbot) -> None:  # noqa: ANN001
    wizard = QWizard()
    qtbot.addWidget(wizard)
    wizard.setOption(QWizard.WizardOption.HaveHelpButton, True)
    wizard.addPage(QWizardPage())
    wizard.addPage(QWizardPage())
    wizard.show()
    wizard.next()
    texts = {
        _clean(wizard.buttonText(b))
        for b in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
            QWizard.WizardButton.HelpButton,
        )
    }
    assert texts == {"< Quay lại", "Tiếp theo >", "Hoàn tất", "Hủy", "Trợ giúp"}


def test_text_context_menu(qtbot) -> None:  # noqa: ANN001
    edit = QLineEdit("Thượng Hồng")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [_clean(a.text()).split("\t")[0] for a in menu.actions() if a.text()]
    assert texts[:6] == ["Hoàn tác", "Làm lại", "Cắt", "Sao chép", "Dán", "Xóa"]
    assert "Chọn tất cả" in texts


def test_untranslated_strings_are_left_to_qt() -> None:
    # Shortcut names are not ours to translate: Ctrl+S must stay Ctrl+S.
    text = QKeySequence("Ctrl+S").toString(QKeySequence.SequenceFormat.NativeText)
    assert text == "Ctrl+S"
    assert QCoreApplication.translate("SomeOtherContext", "Hello") == "Hello"
