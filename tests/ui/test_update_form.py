"""A unit enters its month through the real update form widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from cycle_ui import make_ctx, unit_id
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPlainTextEdit
from sqlalchemy import select

from models.enums import Progress
from models.schema import EvidenceFile, Indicator, IndicatorValue, Period, Task, TaskUpdate
from ui.models.common import ERROR_BACKGROUND
from ui.update_form import UnitUpdateForm

PERIOD = "2026-11"  # open in the demo; VHXH has not reported yet


@pytest.fixture
def form(demo_db, qtbot):
    ctx = make_ctx(demo_db, "vhxh", PERIOD)
    f = UnitUpdateForm(ctx, unit_id=unit_id(demo_db, "VHXH"), period_code=PERIOD)
    qtbot.addWidget(f)
    f.show()
    qtbot.waitExposed(f)
    assert f.form is not None and not f.read_only
    return f


def open_editor(view, row, col):
    index = view.model().index(row, col)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert editor is not None, "no editor opened"
    return editor


def type_in_cell(qtbot, view, row, col, text):
    editor = open_editor(view, row, col)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor, text)
    return editor


def stored(db, unit_code="VHXH"):
    with db.session() as s:
        period = s.scalar(select(Period).where(Period.code == PERIOD))
        ups = {
            t.code: u
            for u, t in s.execute(
                select(TaskUpdate, Task).join(Task).where(TaskUpdate.period_id == period.id)
            )
            if t.lead_unit.code == unit_code
        }
        vals = {
            i.code: v
            for v, i in s.execute(
                select(IndicatorValue, Indicator).join(Indicator).where(
                    IndicatorValue.period_id == period.id
                )
            )
            if i.lead_unit.code == unit_code
        }
    return ups, vals


def test_enter_a_month_with_rejected_input_then_save(form, qtbot, demo_db, no_modal):
    tm = form.tasks_model
    view = form.tasks_view
    first = tm.row(0)
    assert first.progress is None
    assert form.tabs.tabText(0) == f"Nhiệm vụ (0/{tm.rowCount()} đã cập nhật)"

    # Status through the combo editor.
    combo = open_editor(view, 0, tm.column_of("progress"))
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText("Đang thực hiện"))
    combo.activated.emit(combo.currentIndex())
    assert first.progress is Progress.IN_PROGRESS
    assert form.dirty

    # A percent of 150 is refused in place with a Vietnamese reason.
    pct = tm.column_of("percent")
    editor = type_in_cell(qtbot, view, 0, pct, "150")
    assert tm.index(0, pct).data(Qt.ItemDataRole.BackgroundRole) == ERROR_BACKGROUND
    assert "từ 0 đến 100" in tm.index(0, pct).data(Qt.ItemDataRole.ToolTipRole)
    assert form.message.isVisible() and "từ 0 đến 100" in form.message.text()
    # "12,3,4" is not a number.
    editor.selectAll()
    qtbot.keyClicks(editor, "12,3,4")
    assert "Không đọc được số" in tm.index(0, pct).data(Qt.ItemDataRole.ToolTipRole)
    # Saving now is refused and writes nothing.
    assert form.save() is False
    assert stored(demo_db)[0] == {}
    # "85,5" is accepted; Enter commits and moves down the column.
    assert view.currentIndex().row() == 0  # the refused cell was brought into focus
    editor = type_in_cell(qtbot, view, 0, pct, "85,5")
    assert tm.index(0, pct).data(Qt.ItemDataRole.BackgroundRole) != ERROR_BACKGROUND
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert view.currentIndex().row() == 1 and view.currentIndex().column() == pct

    # Result text through the panel below the table.
    view.setCurrentIndex(tm.index(0, tm.column_of("code")))
    form.panel.result.setFocus()
    # QTest types ASCII only; Vietnamese text arrives as an input-method commit.
    form.panel.result.insertPlainText("Đã tổ chức 2 hội nghị quán triệt")
    assert first.result == "Đã tổ chức 2 hội nghị quán triệt"

    # Second task: completed, the date is required.
    combo = open_editor(view, 1, tm.column_of("progress"))
    combo.setCurrentIndex(combo.findText("Đã hoàn thành"))
    combo.activated.emit(combo.currentIndex())
    assert tm.row(1).percent_text == "100"
    done = tm.column_of("completed")
    assert "ngày hoàn thành" in tm.index(1, done).data(Qt.ItemDataRole.ToolTipRole)
    type_in_cell(qtbot, view, 1, done, "10/11/2026")
    assert tm.errors(1) == {}

    # Indicators: "12,3,4" refused, "85.5" and "85,5" both read; evaluation follows.
    form.tabs.setCurrentIndex(1)
    im = form.indicators_model
    iview = form.indicators_view
    row = next(i for i, r in enumerate(im.rows()) if not r.yes_no and r.has_target
               and r.unit_label == "%")
    val = im.column_of("value")
    ev = im.column_of("evaluation")
    editor = type_in_cell(qtbot, iview, row, val, "12,3,4")
    assert "Không đọc được số" in im.index(row, val).data(Qt.ItemDataRole.ToolTipRole)
    assert im.index(row, ev).data() == ""
    editor.selectAll()
    qtbot.keyClicks(editor, "85.5")
    first_eval = im.index(row, ev).data()
    assert first_eval in ("Đạt", "Chưa đạt", "Vượt")
    editor.selectAll()
    qtbot.keyClicks(editor, "85,5")
    assert im.index(row, ev).data() == first_eval
    target = im.row(row).target_value
    expected = "Vượt" if 85.5 > target else ("Đạt" if 85.5 == target else "Chưa đạt")
    if im.row(row).comparator.value == "le":
        expected = {"Vượt": "Chưa đạt", "Chưa đạt": "Vượt"}.get(expected, expected)
    assert first_eval == expected
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    # A yes/no indicator takes Có/Không from a combo.
    yn = next((i for i, r in enumerate(im.rows()) if r.yes_no), None)
    if yn is not None:
        combo = open_editor(iview, yn, val)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData("Có"))
        combo.activated.emit(combo.currentIndex())
        assert im.row(yn).value_text == "Có"
        assert im.index(yn, ev).data() == "Đạt"

    # Ctrl+S saves (through the worker) and the values are in the database.
    # (The shortcut is triggered directly: key events reach a QShortcut only
    # in the active window, which an offscreen test run cannot guarantee.)
    shortcut = next(sc for sc in form.findChildren(QShortcut)
                    if sc.key() == QKeySequence(QKeySequence.StandardKey.Save))
    shortcut.activated.emit()
    qtbot.waitUntil(lambda: not form.dirty and not form.saving)
    assert "Đã lưu" in form.status.text()
    ups, vals = stored(demo_db)
    assert ups[first.code].progress is Progress.IN_PROGRESS
    assert ups[first.code].percent == 85.5
    assert ups[first.code].result == "Đã tổ chức 2 hội nghị quán triệt"
    assert ups[first.code].updated_by_name == "vhxh"
    second = tm.row(1)
    assert ups[second.code].completed_on == dt.date(2026, 11, 10)
    assert ups[second.code].percent == 100.0
    assert vals[im.row(row).code].value == 85.5
    if yn is not None:
        assert vals[im.row(yn).code].yes is True
    # The form was reloaded from the database: the tab shows the new count.
    assert form.tabs.tabText(0).startswith("Nhiệm vụ (2/")


def test_evidence_is_copied_on_save(form, qtbot, demo_db, tmp_path, no_modal):
    doc = tmp_path / "Biên bản hội nghị.pdf"
    doc.write_bytes(b"%PDF minh chung")
    tm = form.tasks_model
    combo = open_editor(form.tasks_view, 0, tm.column_of("progress"))
    combo.setCurrentIndex(combo.findText("Đang thực hiện"))
    combo.activated.emit(combo.currentIndex())
    form.tasks_view.setCurrentIndex(tm.index(0, 0))
    form.panel.add_files([doc])
    assert form.panel.evidence_model.rowCount() == 1
    assert tm.index(0, tm.column_of("evidence")).data() == "1 tệp"
    form.save_button.click()
    qtbot.waitUntil(lambda: not form.saving)
    with demo_db.session() as s:
        ev = s.scalars(select(EvidenceFile).where(
            EvidenceFile.original_name == "Biên bản hội nghị.pdf")).one()
    assert (demo_db.evidence_dir / ev.stored_name).read_bytes() == b"%PDF minh chung"


def test_closing_with_unsaved_changes_asks(form, qtbot, monkeypatch, no_modal):
    tm = form.tasks_model
    type_in_cell(qtbot, form.tasks_view, 0, tm.column_of("percent"), "10")
    assert form.dirty
    answers = []

    def answer(button):
        def exec_(box):
            answers.append(box.text())
            return button
        return exec_

    monkeypatch.setattr(QMessageBox, "exec", answer(QMessageBox.StandardButton.Cancel))
    form.close()
    assert form.isVisible() and "chưa lưu" in answers[-1]
    monkeypatch.setattr(QMessageBox, "exec", answer(QMessageBox.StandardButton.Discard))
    form.close()
    assert not form.isVisible()


def test_other_units_form_is_read_only_for_unit_staff(demo_db, qtbot):
    ctx = make_ctx(demo_db, "vhxh", PERIOD)
    f = UnitUpdateForm(ctx, unit_id=unit_id(demo_db, "KT"), period_code=PERIOD)
    qtbot.addWidget(f)
    assert f.read_only
    assert f.banner.text() == "Tài khoản của bạn chỉ được xem số liệu của đơn vị này."
    assert not f.save_button.isEnabled()
    tm = f.tasks_model
    assert not tm.flags(tm.index(0, tm.column_of("progress"))) & Qt.ItemFlag.ItemIsEditable
    assert isinstance(f.panel.result, QPlainTextEdit) and f.panel.result.isReadOnly()
