"""Roles: each role can do what it should and nothing more.

Checked three ways: the permission table itself, the services that write
(they refuse with a Vietnamese ``PermissionDenied`` and write nothing), and
the UI (``AppContext.can`` and the widgets that offer the actions).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models.enums import Role
from models.errors import PermissionDenied
from models.permissions import (
    SYSTEM,
    Permission,
    allowed,
    permissions_of,
    principal_of,
    require,
)
from models.schema import AuditEntry, Period, TaskUpdate, User
from models.services import updates
from tests.reliability.helpers import actor_of, dump_db, form_with_change, save_form, unit_id

P = Permission
OPEN_PERIOD = "2026-10"  # open in the demo commune (earlier months are locked)


class _Account:
    """A detached stand-in for a ``User`` row."""

    def __init__(self, role: Role, unit_id: int | None = None, active: bool = True) -> None:
        self.role = role
        self.unit_id = unit_id
        self.active = active


def test_permission_table_per_role() -> None:
    assert permissions_of(_Account(Role.ADMIN)) == frozenset(Permission)
    assert permissions_of(_Account(Role.OFFICER, unit_id=2)) == frozenset(Permission) - {
        P.MANAGE_USERS,
        P.RESTORE,
        P.ACCEPT_KEY_CHANGE,
    }
    assert permissions_of(_Account(Role.LEADER)) == {P.VIEW, P.APPROVE, P.VIEW_AUDIT}
    assert permissions_of(_Account(Role.UNIT_STAFF, unit_id=2)) == {
        P.VIEW,
        P.EDIT_UNIT_DATA,
        P.SUBMIT_UNIT,
    }


def test_unit_staff_only_own_unit_and_nobody_without_account() -> None:
    staff = _Account(Role.UNIT_STAFF, unit_id=2)
    assert allowed(staff, P.EDIT_UNIT_DATA, unit_id=2)
    assert not allowed(staff, P.EDIT_UNIT_DATA, unit_id=3)
    assert not allowed(_Account(Role.UNIT_STAFF, unit_id=None), P.EDIT_UNIT_DATA)
    assert allowed(_Account(Role.OFFICER), P.EDIT_UNIT_DATA, unit_id=3)
    assert not allowed(_Account(Role.LEADER), P.EDIT_UNIT_DATA, unit_id=3)
    assert not allowed(None, P.VIEW)
    assert not allowed(_Account(Role.ADMIN, active=False), P.VIEW)
    assert allowed(SYSTEM, P.RESTORE)
    assert not allowed(_Account(Role.ADMIN), "no.such.permission")


def test_refusals_are_vietnamese_sentences() -> None:
    with pytest.raises(PermissionDenied) as err:
        require(_Account(Role.LEADER), P.LOCK_PERIOD)
    assert err.value.message == (
        "Tài khoản Lãnh đạo không có quyền chốt hoặc mở chốt số liệu kỳ báo cáo."
    )
    with pytest.raises(PermissionDenied) as err:
        require(_Account(Role.UNIT_STAFF, unit_id=2), P.EDIT_UNIT_DATA, unit_id=3)
    assert err.value.message == (
        "Cán bộ đơn vị chỉ được cập nhật số liệu và gửi báo cáo của đơn vị mình."
    )
    with pytest.raises(PermissionDenied) as err:
        require(None, P.VIEW)
    assert "đăng nhập" in err.value.message
    with pytest.raises(PermissionDenied) as err:
        require(_Account(Role.OFFICER, active=False), P.VIEW)
    assert "bị khóa" in err.value.message


def test_principal_of_actor(demo_db) -> None:
    from models.audit import Actor

    with demo_db.session() as s:
        assert principal_of(s, Actor.system()) is SYSTEM
        assert principal_of(s, None) is SYSTEM
        officer = principal_of(s, actor_of(demo_db, "tonghop"))
        assert isinstance(officer, User) and officer.role is Role.OFFICER
        assert principal_of(s, Actor(99999, "ghost")) is None


# --- Through the services ------------------------------------------------------


def _updates_of(db, unit_code: str) -> list[tuple[int, str]]:
    with db.session() as s:
        period_id = s.scalar(select(Period.id).where(Period.code == OPEN_PERIOD))
        rows = s.execute(
            select(TaskUpdate.task_id, TaskUpdate.result).where(TaskUpdate.period_id == period_id)
        ).all()
    return sorted((int(a), str(b)) for a, b in rows)


def test_unit_staff_saves_own_unit_only(demo_db) -> None:
    # Given the staff of Phòng Văn hóa - Xã hội
    own = form_with_change(demo_db, unit_code="VHXH", period_code=OPEN_PERIOD, result="Đã họp")
    save_form(demo_db, own, username="vhxh")
    assert any(r == "Đã họp" for _t, r in _updates_of(demo_db, "VHXH"))

    # When they try to save the form of Phòng Kinh tế
    other = form_with_change(demo_db, unit_code="KT", period_code=OPEN_PERIOD, result="Không được")
    before = dump_db(demo_db)
    with pytest.raises(PermissionDenied) as err:
        save_form(demo_db, other, username="vhxh")
    # Then they are told why, and nothing changed
    assert "Phòng Kinh tế" in err.value.message
    assert dump_db(demo_db) == before


def test_leader_reads_but_cannot_save_or_lock(demo_db) -> None:
    form = form_with_change(demo_db, unit_code="VHXH", period_code=OPEN_PERIOD, result="Lãnh đạo")
    before = dump_db(demo_db)
    with pytest.raises(PermissionDenied):
        save_form(demo_db, form, username="lanhdao")
    with pytest.raises(PermissionDenied), demo_db.transaction(
        actor=actor_of(demo_db, "lanhdao")
    ) as s:
        updates.lock_period(s, OPEN_PERIOD, user=s.scalar(select(User).filter_by(username="lanhdao")))
    assert dump_db(demo_db) == before


def test_unit_staff_cannot_lock(demo_db) -> None:
    before = dump_db(demo_db)
    with pytest.raises(PermissionDenied), demo_db.transaction(actor=actor_of(demo_db, "vhxh")) as s:
        updates.lock_period(s, OPEN_PERIOD, user=s.scalar(select(User).filter_by(username="vhxh")))
    assert dump_db(demo_db) == before


def test_officer_saves_any_unit_and_locks(demo_db) -> None:
    form = form_with_change(demo_db, unit_code="KT", period_code=OPEN_PERIOD, result="Tổng hợp nhập")
    save_form(demo_db, form, username="tonghop")
    assert any(r == "Tổng hợp nhập" for _t, r in _updates_of(demo_db, "KT"))
    with demo_db.transaction(actor=actor_of(demo_db, "tonghop")) as s:
        updates.lock_period(s, OPEN_PERIOD, user=s.scalar(select(User).filter_by(username="tonghop")))
    with demo_db.session() as s:
        assert s.scalar(select(Period.locked).where(Period.code == OPEN_PERIOD))
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert last is not None and last.username == "tonghop"


def test_deactivated_account_cannot_save(demo_db) -> None:
    with demo_db.transaction() as s:
        s.scalar(select(User).filter_by(username="vhxh")).active = False
    form = form_with_change(demo_db, unit_code="VHXH", period_code=OPEN_PERIOD, result="x")
    with pytest.raises(PermissionDenied):
        save_form(demo_db, form, username="vhxh")


def test_admin_can_everything_in_the_cycle(demo_db) -> None:
    assert unit_id(demo_db, "KT")
    form = form_with_change(demo_db, unit_code="KT", period_code=OPEN_PERIOD, result="Quản trị")
    save_form(demo_db, form, username="admin")
    with demo_db.transaction(actor=actor_of(demo_db, "admin")) as s:
        admin = s.scalar(select(User).filter_by(username="admin"))
        updates.lock_period(s, OPEN_PERIOD, user=admin)
        updates.unlock_period(s, OPEN_PERIOD, user=admin)


def test_only_officer_and_admin_export_bundles(demo_db, tmp_path) -> None:
    from models.bundle.export import export_bundle

    out = tmp_path / "usb"
    out.mkdir()
    for username in ("vhxh", "lanhdao"):
        with pytest.raises(PermissionDenied) as err:
            export_bundle(demo_db, period_code=OPEN_PERIOD, out_dir=out,
                          actor=actor_of(demo_db, username))
        assert "xuất gói dữ liệu" in err.value.message
    assert list(out.iterdir()) == []
    made = export_bundle(demo_db, period_code=OPEN_PERIOD, out_dir=out,
                         actor=actor_of(demo_db, "tonghop"))
    assert made.is_file()


def test_only_officer_and_admin_draft_and_issue_reports(demo_db) -> None:
    from models.services import register

    for username in ("vhxh", "lanhdao"):
        with pytest.raises(PermissionDenied), demo_db.transaction(
            actor=actor_of(demo_db, username)
        ) as s:
            register.save_draft(s, period_code=OPEN_PERIOD, actor=actor_of(demo_db, username))
    with demo_db.transaction(actor=actor_of(demo_db, "tonghop")) as s:
        doc = register.save_draft(s, period_code=OPEN_PERIOD, actor=actor_of(demo_db, "tonghop"))
        assert doc.id is not None


def test_only_admin_resets_passwords(demo_db) -> None:
    from models import auth

    with demo_db.session() as s:
        target = s.scalar(select(User).filter_by(username="vhxh"))
        for username in ("tonghop", "lanhdao", "vhxh"):
            who = s.scalar(select(User).filter_by(username=username))
            with pytest.raises(PermissionDenied):
                auth.reset_password(s, user_id=target.id, new_password="moi-123456", by=who)
        admin = s.scalar(select(User).filter_by(username="admin"))
        auth.reset_password(s, user_id=target.id, new_password="moi-123456", by=admin)
        assert target.must_change_password


# --- Through the UI -------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("admin", {"own": True, "other": True, "lock": True, "export": True, "backup": True,
                   "issue": True, "plan": True, "audit": True, "users": True}),
        ("tonghop", {"own": True, "other": True, "lock": True, "export": True, "backup": True,
                     "issue": True, "plan": True, "audit": True, "users": False}),
        ("lanhdao", {"own": False, "other": False, "lock": False, "export": False,
                     "backup": False, "issue": False, "plan": False, "audit": True,
                     "users": False}),
        ("vhxh", {"own": True, "other": False, "lock": False, "export": False, "backup": False,
                  "issue": False, "plan": False, "audit": False, "users": False}),
    ],
)
def test_ui_offers_each_role_what_it_may_do(demo_db, qt_sync, qtbot, no_modal, username, expected):
    from tests.reliability.conftest import make_ctx
    from ui.context import MANAGE_USERS
    from ui.main_window import MainWindow
    from ui.pages.audit import AuditPage
    from ui.pages.bundles import BundlesPage
    from ui.pages.tasks import TasksPage
    from ui.pages.updates import UpdatesPage
    from ui.update_form import UnitUpdateForm

    ctx = make_ctx(demo_db, username)
    vhxh, kt = unit_id(demo_db, "VHXH"), unit_id(demo_db, "KT")

    own = UnitUpdateForm(ctx, unit_id=vhxh, period_code=OPEN_PERIOD)
    other = UnitUpdateForm(ctx, unit_id=kt, period_code=OPEN_PERIOD)
    for w in (own, other):
        qtbot.addWidget(w)
    assert (own.may_edit, other.may_edit) == (expected["own"], expected["other"])

    updates_page = UpdatesPage(ctx)
    qtbot.addWidget(updates_page)
    updates_page.activate() if hasattr(updates_page, "activate") else None
    updates_page._update_buttons()
    # The lock button is offered only to those who may lock (the period is open).
    assert updates_page.lock_button.isEnabled() == expected["lock"]

    bundles_page = BundlesPage(ctx)
    qtbot.addWidget(bundles_page)
    assert bundles_page.export_button.isEnabled() == expected["export"]

    tasks_page = TasksPage(ctx)
    qtbot.addWidget(tasks_page)
    assert tasks_page.can_edit == expected["plan"]

    audit_page = AuditPage(ctx)
    qtbot.addWidget(audit_page)
    assert audit_page.allowed == expected["audit"]

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.action_backup.isEnabled() == expected["backup"]
    assert window.action_import_plan.isEnabled() == expected["plan"]
    assert ctx.can(MANAGE_USERS) == expected["users"]
    try:
        from ui.pages.reports import ReportsPage
    except ImportError:
        ReportsPage = None  # noqa: N806 - not in this build
    if ReportsPage is not None:
        reports_page = ReportsPage(ctx)
        qtbot.addWidget(reports_page)
        assert reports_page.can_issue == expected["issue"]
    try:
        from ui.pages.catalog import CatalogPage
    except ImportError:
        return
    catalog_page = CatalogPage(ctx)
    qtbot.addWidget(catalog_page)
    # Only administrators get the accounts tab.
    assert (catalog_page.users_tab is not None) == expected["users"]


def test_ui_save_by_unit_staff_for_another_unit_is_refused_by_the_service(demo_db, qt_sync):
    """Even if a widget offered it, the service refuses (defence in depth)."""
    from tests.reliability.conftest import make_ctx

    ctx = make_ctx(demo_db, "vhxh")
    form = form_with_change(demo_db, unit_code="KT", period_code=OPEN_PERIOD, result="x")
    before = dump_db(demo_db)
    with pytest.raises(PermissionDenied), ctx.session() as s:
        updates.save_unit_form(s, form, actor=ctx.actor, evidence_dir=demo_db.evidence_dir,
                               mark_submitted=False)
    assert dump_db(demo_db) == before


def test_only_officer_and_admin_import_a_plan(demo_db) -> None:
    from models.plan_import.commit import import_plan
    from models.plan_import.model import ParsedPlan

    before = dump_db(demo_db)
    for username in ("vhxh", "lanhdao"):
        with pytest.raises(PermissionDenied) as err:
            import_plan(demo_db, ParsedPlan(source_name="ke-hoach.xlsx"),
                        actor=actor_of(demo_db, username))
        assert "sửa kế hoạch" in err.value.message
    assert dump_db(demo_db) == before
