"""The plan import dialog: read a file in the worker, review, edit, import."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from models.audit import Actor
from models.enums import UnitKind
from models.schema import Plan, Task, Unit

DATA = Path(__file__).resolve().parents[1] / "plan_import" / "data"


@pytest.fixture
def ctx(db):
    actor = Actor(user_id=None, username="cán bộ tổng hợp")
    with db.transaction(actor=actor) as session:
        session.add_all(
            [
                Unit(code="VP", name="Văn phòng HĐND và UBND xã", kind=UnitKind.OFFICE),
                Unit(code="VHXH", name="Phòng Văn hóa - Xã hội", kind=UnitKind.DEPARTMENT),
                Unit(code="CA", name="Công an xã", kind=UnitKind.POLICE),
            ]
        )
    notified: list[str] = []
    return SimpleNamespace(
        db=db,
        actor=actor,
        can=lambda _permission, **_kw: True,
        notify=notified.append,
        notified=notified,
    )


def _index_of(model, code):
    def search(parent):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data() == code:
                return index
            found = search(index)
            if found is not None:
                return found
        return None

    from PySide6.QtCore import QModelIndex

    return search(QModelIndex())


def test_review_uncheck_edit_and_import(qtbot, ctx, no_modal, tmp_path) -> None:
    from PySide6.QtCore import Qt

    from ui.plan_import_dialog import PlanImportDialog, TaskTreeModel, UnitModel

    dialog = PlanImportDialog(ctx)
    qtbot.addWidget(dialog)
    # Given the Word plan read in the worker
    dialog.open_file(DATA / "ke-hoach-minh-tan.docx")
    model = dialog.task_model
    assert model is not None and dialog.tabs.isEnabled()
    assert dialog.tabs.tabText(0) == "Nhiệm vụ (18)" and dialog.tabs.tabText(1) == "Chỉ tiêu (6)"
    box = dialog.reporting_box
    assert not box.isHidden() and box.isChecked()
    assert box.text().endswith("đơn vị báo cáo trước ngày 15, xã gửi báo cáo trước ngày 18")
    # The task "Trước tháng 10/2025" is shown as not understood.
    flagged = _index_of(model, "PL.III.5")
    problem = flagged.siblingAtColumn(TaskTreeModel.PROBLEM)
    assert "Trước tháng 10/2025" in problem.data()
    assert problem.data(Qt.ItemDataRole.BackgroundRole) is not None
    # When the user unchecks task 1.2 and the whole group PL.I ...
    model.setData(
        _index_of(model, "1.2"), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    model.setData(
        _index_of(model, "PL.I"), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert (
        _index_of(model, "PL.I.3").data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    )
    # ... edits the lead unit of 1.1 and the time frame of PL.III.5 ...
    lead = _index_of(model, "1.1").siblingAtColumn(TaskTreeModel.LEAD)
    assert model.setData(lead, "Công an xã")
    time = flagged.siblingAtColumn(TaskTreeModel.TIME)
    assert model.setData(time, "Trước ngày 30/9/2025")
    assert flagged.siblingAtColumn(TaskTreeModel.DEADLINE).data() == "30/09/2025"
    assert flagged.siblingAtColumn(TaskTreeModel.PROBLEM).data() == ""
    # ... and decides that "Phòng Kinh tế" is not created but left without a unit.
    units = dialog.unit_model
    row = next(i for i, r in enumerate(units.rows) if r.name == "Phòng Kinh tế")
    assert units.rows[row].action == "new" and units.rows[row].code == "PKT"
    units.setData(units.index(row, UnitModel.ACTION), "skip")
    assert (
        "Sẽ nhập: 13 nhiệm vụ (5 nhóm), 6 chỉ tiêu, thêm 4 đơn vị mới."
        == dialog.selection_label.text()
    )
    assert dialog.commit_button.isEnabled()
    # Then importing writes the rest, in one go.
    qtbot.mouseClick(dialog.commit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert (
        no_modal
        and no_modal[-1][0] == "info"
        and "Đã nhập 13 nhiệm vụ (5 nhóm) và 6 chỉ tiêu" in no_modal[-1][1]
    )
    with ctx.db.session() as session:
        tasks = {t.code: t for t in session.scalars(select(Task))}
        assert "1.2" not in tasks and "PL.I" not in tasks and "PL.I.1" not in tasks
        assert tasks["1.1"].lead_unit.code == "CA"
        assert tasks["PL.III.5"].deadline.isoformat() == "2025-09-30"
        assert not tasks["PL.III.5"].timeframe_flagged
        assert session.scalars(select(Unit).where(Unit.name == "Phòng Kinh tế")).first() is None
        assert "Phòng Kinh tế" in tasks["PL.III.4"].content  # kept as text, not lost
        assert session.scalars(select(Plan)).one().active
    assert "tasks" in ctx.notified


def test_clash_with_active_plan_needs_replace_and_excel_errors_need_consent(
    qtbot, ctx, no_modal, tmp_path
) -> None:
    from ui.plan_import_dialog import PlanImportDialog

    dialog = PlanImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.open_file(DATA / "ke-hoach-minh-tan.docx")
    dialog.commit()
    second = PlanImportDialog(ctx)
    qtbot.addWidget(second)
    second.open_file(DATA / "ke-hoach-minh-tan.docx")
    assert "mã trong tệp trùng" in second.plan_label.text()
    assert not second.commit_button.isEnabled()
    second.replace_box.setChecked(True)
    assert second.commit_button.isEnabled()

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plan_import"))
    from plan_import_helpers import fill_template

    from models.plan_import.excel import write_template

    path = write_template(tmp_path / "mau.xlsx", unit_names=["Công an xã"])
    fill_template(
        path,
        tasks=[("A1", "Rà soát", None, "Công an xã", None, "Quý IV/2025", None), ("A2", None)],
        indicators=[],
    )
    third = PlanImportDialog(ctx)
    qtbot.addWidget(third)
    third.open_file(path)
    assert "1 dòng lỗi" in third.plan_label.text()
    assert not third.commit_button.isEnabled()
    third.clean_only_box.setChecked(True)
    assert third.commit_button.isEnabled()
    warnings = third.warning_view.model()
    rows = [
        (warnings.index(r, 0).data(), warnings.index(r, 1).data())
        for r in range(warnings.rowCount())
    ]
    assert ('Trang "Nhiệm vụ", dòng 3, cột B (Tên nhiệm vụ)', "thiếu tên") in rows


def test_template_button_saves_the_workbook(qtbot, ctx, no_modal, tmp_path, monkeypatch) -> None:
    from openpyxl import load_workbook

    from ui import dialogs
    from ui.plan_import_dialog import PlanImportDialog

    target = tmp_path / "mau-nhap-ke-hoach.xlsx"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a, **_k: target)
    dialog = PlanImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.template_button.click()
    book = load_workbook(target)
    assert [book["Danh mục"].cell(row=r, column=1).value for r in range(2, 5)] == [
        "Văn phòng HĐND và UBND xã", "Phòng Văn hóa - Xã hội", "Công an xã",
    ]  # fmt: skip
    assert no_modal[-1] == ("info", f"Đã lưu mẫu Excel: {target}")


def test_unreadable_file_shows_one_message(qtbot, ctx, no_modal, tmp_path) -> None:
    from ui.plan_import_dialog import PlanImportDialog

    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.4 rubbish")
    dialog = PlanImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.open_file(broken)
    assert no_modal[-1][0] == "error" and "hong.pdf" in no_modal[-1][1]
    assert not dialog.tabs.isEnabled() and not dialog.commit_button.isEnabled()
