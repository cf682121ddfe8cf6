"""The Nhiệm vụ page: diacritic-free search, filters, add, move and delete."""

from __future__ import annotations

import pytest
from cycle_ui import make_ctx, unit_id
from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import select

from models.enums import AuditAction, TaskStatus
from models.schema import AuditEntry, Task
from models.textutil import fold
from ui.models.common import SORT_ROLE
from ui.pages.tasks import TasksPage
from ui.task_dialogs import TaskDialog


@pytest.fixture
def page(demo_db, qtbot):
    p = TasksPage(make_ctx(demo_db, "tonghop", "2026-10"))
    qtbot.addWidget(p)
    p.resize(1366, 768)
    p.show()
    p.activate()
    return p


def visible_tasks(page: TasksPage) -> list[tuple[str, str]]:
    """(code, title) of every task row the current view shows (not groups)."""
    out: list[tuple[str, str]] = []
    proxy = page._active_proxy()
    model = page.tree_model if page.stack.currentWidget() is page.tree else page.table_model

    def walk(parent: QModelIndex) -> None:
        for row in range(proxy.rowCount(parent)):
            idx = proxy.index(row, 0, parent)
            node = model.node(proxy.mapToSource(idx))
            if not node.is_group:
                out.append((node.code, node.title))
            walk(idx)

    walk(QModelIndex())
    return out


def db_tasks_containing(db, needle: str) -> set[str]:
    with db.session() as s:
        tasks = s.scalars(select(Task).where(Task.is_group.is_(False))).all()
        return {
            t.code
            for t in tasks
            if any(needle in fold(" ".join(text.split())) for text in [
                t.code, t.title, t.content, t.timeframe_text,
                t.lead_unit.name if t.lead_unit else "",
                *[tu.unit.name for tu in t.other_units]])
        }


def test_search_ignores_diacritics_and_case(page, qtbot, demo_db):
    total = len(visible_tasks(page))
    assert page.count_label.text() == f"Hiển thị {total}/{total} nhiệm vụ"
    qtbot.keyClicks(page.search, "chuyen doi so")
    # The filter follows typing after a short pause; Enter applies it at once.
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    shown = visible_tasks(page)
    expected = db_tasks_containing(demo_db, "chuyen doi so")
    assert {code for code, _ in shown} == expected
    assert 0 < len(shown) < total
    assert any("chuyển đổi số" in title.lower() for _, title in shown)
    assert page.count_label.text() == f"Hiển thị {len(shown)}/{total} nhiệm vụ"
    # The table view shows the same rows; capitals and marks typed make no difference.
    page.set_view(1)
    assert {c for c, _ in visible_tasks(page)} == expected
    page.search.clear()
    page.search.insert("CHUYỂN ĐỔI SỐ")
    page.search.flush()
    assert {c for c, _ in visible_tasks(page)} == expected
    # Esc clears the search.
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert len(visible_tasks(page)) == total


def test_filters_combine(page, demo_db):
    vhxh = unit_id(demo_db, "VHXH")
    page.unit_combo.setCurrentIndex(page.unit_combo.findData(vhxh))
    by_unit = visible_tasks(page)
    with demo_db.session() as s:
        codes = set(s.scalars(select(Task.code).where(
            Task.lead_unit_id == vhxh, Task.is_group.is_(False))))
    assert {c for c, _ in by_unit} == codes
    page.overdue_check.setChecked(True)
    overdue = {c for c, _ in visible_tasks(page)}
    nodes = {n.code: n for n in page.tree_model.nodes()}
    assert overdue and all(nodes[c].overdue and nodes[c].lead_unit_id == vhxh for c in overdue)
    page.clear_filters()
    page.status_combo.setCurrentIndex(page.status_combo.findText("Đã hoàn thành quá hạn"))
    done_late = {c for c, _ in visible_tasks(page)}
    assert done_late and all(nodes[c].status is TaskStatus.DONE_LATE for c in done_late)
    page.clear_filters()
    page.due_check.setChecked(True)
    due = {c for c, _ in visible_tasks(page)}
    assert all(nodes[c].deadline and nodes[c].deadline.strftime("%Y-%m") == "2026-10"
               for c in due)


def test_add_task_through_the_dialog(page, monkeypatch, demo_db, no_modal):
    group = page.tree_model.nodes()[0]
    page.select_task(group.id)

    def fill_and_save(dialog: TaskDialog) -> int:
        dialog.code.setText("1.99")
        dialog.title_edit.setPlainText("Tập huấn kỹ năng số cho cán bộ thôn")
        dialog.lead.setCurrentIndex(dialog.lead.findText("Phòng Văn hóa - Xã hội"))
        dialog.parent_combo.setCurrentIndex(dialog.parent_combo.findData(group.id))
        dialog.timeframe.setText("Trong tháng 12/2026")
        assert dialog.preview.text() == "✓ Hạn hoàn thành: 31/12/2026"
        dialog.save_button.click()
        return dialog.result()

    monkeypatch.setattr(TaskDialog, "exec", fill_and_save)
    page.add_child()
    node = page.current_node()
    assert node is not None and node.code == "1.99"
    assert node.parent_id == group.id and node.lead_unit_name == "Phòng Văn hóa - Xã hội"
    assert page.detail.fields["deadline"].text() == "31/12/2026"


def test_duplicate_code_is_refused_in_the_dialog(page, monkeypatch):
    seen: list[str] = []

    def try_duplicate(dialog: TaskDialog) -> int:
        dialog.code.setText("1.1")
        dialog.title_edit.setPlainText("Trùng mã")
        dialog.save_button.click()
        seen.append(dialog.error.text())
        return 0

    monkeypatch.setattr(TaskDialog, "exec", try_duplicate)
    before = len(page.tree_model.nodes())
    page.add_task()
    assert "đã có trong kế hoạch" in seen[0]
    assert len(page.tree_model.nodes()) == before


def test_delete_asks_and_is_logged(page, demo_db, no_modal):
    # Given a task with one update in the open month
    from models.enums import Progress
    from models.schema import Period, TaskUpdate
    from models.services.tasks import TaskInput, create_task

    with page.ctx.transaction() as s:
        task = create_task(s, TaskInput(code="1.98", title="Nhiệm vụ tạm",
                                        parent_id=page.tree_model.nodes()[0].id))
        period = s.scalar(select(Period).where(Period.code == "2026-11"))
        s.add(TaskUpdate(task_id=task.id, period_id=period.id, progress=Progress.IN_PROGRESS))
        task_id = task.id
    page.reload(select_id=task_id)
    assert page.current_node().code == "1.98"
    # When the officer deletes it and confirms
    page.delete_task()
    question = next(text for kind, text in no_modal if kind == "confirm")
    assert "Xóa nhiệm vụ 1.98. Nhiệm vụ tạm?" in question
    assert "1 lần cập nhật" in question and "ghi vào nhật ký" in question
    # Then it is gone and the log says who deleted it
    assert task_id not in {n.id for n in page.tree_model.nodes()}
    with demo_db.session() as s:
        logged = s.scalars(select(AuditEntry).where(
            AuditEntry.action == AuditAction.DELETE, AuditEntry.entity == "task",
            AuditEntry.summary == "1.98")).all()
    assert len(logged) == 1 and logged[0].username == "tonghop"


def test_delete_refused_when_history_is_locked(page, no_modal):
    node = next(n for n in page.tree_model.nodes() if n.code == "1.1")
    page.select_task(node.id)
    page.delete_task()
    warning = next(text for kind, text in no_modal if kind == "warn")
    assert "kỳ đã chốt" in warning
    assert node.id in {n.id for n in page.tree_model.nodes()}


def test_move_up_keeps_code(page, demo_db, no_modal):
    nodes = page.tree_model.nodes()
    second = next(n for n in nodes if n.depth == 1 and n.parent_id == nodes[0].id
                  and n.code != nodes[1].code)
    page.select_task(second.id)
    page.shift("up")
    children = [n.code for n in page.tree_model.nodes() if n.parent_id == nodes[0].id]
    assert children[0] == second.code
    assert page.current_node().id == second.id


def test_leader_reads_only(demo_db, qtbot):
    p = TasksPage(make_ctx(demo_db, "lanhdao", "2026-10"))
    qtbot.addWidget(p)
    p.show()
    p.activate()
    assert not p.add_button.isVisible() and not p.delete_button.isEnabled()


def test_table_sorts_by_a_column_and_keeps_filtering(page, demo_db):
    page.set_view(1)
    col = page.table_model.column_of("deadline")
    page.table.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    proxy = page.table_proxy
    keys = [proxy.index(r, col).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert keys == sorted(keys, reverse=True)
    page.search.setText("chuyen doi so")
    page.search.flush()
    assert {c for c, _ in visible_tasks(page)} == db_tasks_containing(demo_db, "chuyen doi so")
    keys = [proxy.index(r, col).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert keys == sorted(keys, reverse=True)
