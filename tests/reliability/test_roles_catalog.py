"""Roles for the catalogue, accounts, plan tasks and settings.

Every service that writes these checks the acting user itself (the audit
actor of the session), whatever the UI shows:

- commune, units, signers, recipients, settings, plan tasks: administrators
  and compiling officers;
- accounts (add, edit, reset password, lock): administrators only;
- leaders and unit staff: refused with a Vietnamese ``PermissionDenied`` and
  nothing written; the program itself (no actor: command line, tests) may.

And the UI: a leader sees the editing actions of these pages disabled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import texts
from models.audit import Actor
from models.enums import Role, UnitKind
from models.errors import InputError, PermissionDenied
from models.permissions import Permission
from models.schema import AuditEntry, Recipient, Setting, Signer, Task, Unit, User
from models.services import catalog
from models.services import settings as settings_service
from models.services import tasks as task_service
from tests.reliability.helpers import actor_of, dump_db, unit_id

P = Permission
#: Demo accounts by role ("" = the program itself, no actor); those refused
#: everything here come first, so that nothing made by an allowed role (a
#: backup folder on disk) can hide a write by a refused one.
ACCOUNTS: dict[str, Role | None] = {
    "lanhdao": Role.LEADER,
    "vhxh": Role.UNIT_STAFF,
    "tonghop": Role.OFFICER,
    "admin": Role.ADMIN,
    "": None,
}
WHO_MAY: dict[Permission, set[Role | None]] = {
    P.MANAGE_CATALOG: {Role.ADMIN, Role.OFFICER, None},
    P.EDIT_PLAN: {Role.ADMIN, Role.OFFICER, None},
    P.EDIT_SETTINGS: {Role.ADMIN, Role.OFFICER, None},
    P.MANAGE_USERS: {Role.ADMIN, None},
}


@dataclass(frozen=True)
class Ids:
    """Records made for the test (as the program) before the roles try."""

    spare_unit: int  # unused: may be deleted
    middle_unit: int  # between two others: may move
    signer: int  # signed nothing: may be deleted
    recipient: int
    user: int  # a unit staff account that is not one of the actors
    task_a: int  # first of two sibling tasks under group 99
    task_b: int
    group: int


def _prepare(db: Any) -> Ids:
    with db.transaction() as s:
        vhxh = unit_id(db, "VHXH")
        first = catalog.add_unit(s, catalog.UnitInput(code="TN1", name="Tổ thử nghiệm một"))
        middle = catalog.add_unit(s, catalog.UnitInput(code="TN2", name="Tổ thử nghiệm hai"))
        catalog.add_unit(s, catalog.UnitInput(code="TN3", name="Tổ thử nghiệm ba"))
        signer = catalog.add_signer(
            s, catalog.SignerInput(full_name="Nguyễn Văn Thử", title="Phó Chủ tịch")
        )
        rec = catalog.add_recipient(s, catalog.RecipientInput(name="Văn phòng Thử nghiệm"))
        user = catalog.add_user(
            s, username="thunghiem", full_name="Đỗ Thị Thử", password="thu-123456",
            role=Role.UNIT_STAFF, unit_id=vhxh,
        )
        group = task_service.create_task(
            s, task_service.TaskInput(code="99", title="Nhóm thử nghiệm", is_group=True)
        )
        a = task_service.create_task(
            s, task_service.TaskInput(code="99.1", title="Việc thử một", parent_id=group.id,
                                      lead_unit_id=vhxh, timeframe_text="Năm 2026")
        )
        b = task_service.create_task(
            s, task_service.TaskInput(code="99.2", title="Việc thử hai", parent_id=group.id,
                                      lead_unit_id=vhxh, timeframe_text="Năm 2026")
        )
        return Ids(first.id, middle.id, signer.id, rec.id, user.id, a.id, b.id, group.id)


def _unit_input(s: Session, uid: int, **changes: Any) -> catalog.UnitInput:
    u = s.get(Unit, uid)
    assert u is not None
    return replace(
        catalog.UnitInput(code=u.code, name=u.name, kind=u.kind, reports=u.reports,
                          active=u.active),
        **changes,
    )


def _signer_input(s: Session, sid: int, **changes: Any) -> catalog.SignerInput:
    x = s.get(Signer, sid)
    assert x is not None
    return replace(
        catalog.SignerInput(full_name=x.full_name, title=x.title, authority=x.authority,
                            body=x.body, on_behalf_of=x.on_behalf_of, active=x.active),
        **changes,
    )


def _recipient_input(s: Session, rid: int, **changes: Any) -> catalog.RecipientInput:
    r = s.get(Recipient, rid)
    assert r is not None
    return replace(catalog.RecipientInput(name=r.name, short_name=r.short_name), **changes)


def _agency(s: Session) -> catalog.AgencyInput:
    commune = catalog.local_commune(s)
    assert commune is not None
    return replace(catalog.agency_of(commune), place_name="Thượng Hồng mới")


Op = Callable[[Session, Ids, Any], object]

OPERATIONS: dict[str, tuple[Permission, Op]] = {
    # Catalogue: the commune's identity, units, signers, recipients.
    "catalog.update_commune_info": (
        P.MANAGE_CATALOG, lambda s, i, _t: catalog.update_commune_info(s, _agency(s))),
    "catalog.add_unit": (
        P.MANAGE_CATALOG,
        lambda s, i, _t: catalog.add_unit(s, catalog.UnitInput(
            code="MOI", name="Đơn vị mới", kind=UnitKind.OTHER))),
    "catalog.update_unit": (
        P.MANAGE_CATALOG,
        lambda s, i, _t: catalog.update_unit(
            s, i.middle_unit, _unit_input(s, i.middle_unit, name="Tổ thử nghiệm hai (sửa)"))),
    "catalog.delete_unit": (P.MANAGE_CATALOG, lambda s, i, _t: catalog.delete_unit(s, i.spare_unit)),
    "catalog.set_unit_active": (
        P.MANAGE_CATALOG, lambda s, i, _t: catalog.set_unit_active(s, i.middle_unit, False)),
    "catalog.move_unit": (P.MANAGE_CATALOG, lambda s, i, _t: catalog.move_unit(s, i.middle_unit, -1)),
    "catalog.add_signer": (
        P.MANAGE_CATALOG,
        lambda s, i, _t: catalog.add_signer(s, catalog.SignerInput(
            full_name="Phạm Thị Ký", title="Chủ tịch"))),
    "catalog.update_signer": (
        P.MANAGE_CATALOG,
        lambda s, i, _t: catalog.update_signer(
            s, i.signer, _signer_input(s, i.signer, title="Chủ tịch", is_default=True))),
    "catalog.delete_signer": (P.MANAGE_CATALOG, lambda s, i, _t: catalog.delete_signer(s, i.signer)),
    "catalog.add_recipient": (
        P.MANAGE_CATALOG,
        lambda s, i, _t: catalog.add_recipient(s, catalog.RecipientInput(name="Lưu: VT mới"))),
    "catalog.update_recipient": (
        P.MANAGE_CATALOG,
        lambda s, i, _t: catalog.update_recipient(
            s, i.recipient, _recipient_input(s, i.recipient, upward=True))),
    "catalog.delete_recipient": (
        P.MANAGE_CATALOG, lambda s, i, _t: catalog.delete_recipient(s, i.recipient)),
    # Accounts.
    "catalog.add_user": (
        P.MANAGE_USERS,
        lambda s, i, _t: catalog.add_user(
            s, username="moi.tao", full_name="Người Mới", password="moi-123456",
            password_repeat="moi-123456", role=Role.LEADER)),
    "catalog.update_user": (
        P.MANAGE_USERS,
        lambda s, i, _t: catalog.update_user(
            s, i.user, full_name="Đỗ Thị Thử (sửa)", role=Role.LEADER, unit_id=None)),
    "catalog.reset_password": (
        P.MANAGE_USERS,
        lambda s, i, _t: catalog.reset_password(
            s, i.user, new_password="dat-lai-123", password_repeat="dat-lai-123")),
    "catalog.set_user_active": (
        P.MANAGE_USERS, lambda s, i, _t: catalog.set_user_active(s, i.user, False)),
    # Plan tasks.
    "tasks.create_task": (
        P.EDIT_PLAN,
        lambda s, i, _t: task_service.create_task(s, task_service.TaskInput(
            code="99.3", title="Việc thử ba", parent_id=i.group))),
    "tasks.update_task": (
        P.EDIT_PLAN,
        lambda s, i, _t: task_service.update_task(
            s, i.task_a,
            replace(task_service.task_input(s, i.task_a), title="Việc thử một (sửa)"))),
    "tasks.move_task": (
        P.EDIT_PLAN,
        lambda s, i, _t: task_service.move_task(s, i.task_b, parent_id=i.group, index=0)),
    "tasks.shift_task": (
        P.EDIT_PLAN, lambda s, i, _t: task_service.shift_task(s, i.task_a, "down")),
    "tasks.delete_task": (P.EDIT_PLAN, lambda s, i, _t: task_service.delete_task(s, i.task_b)),
    # Settings.
    "settings.set_idle_lock_minutes": (
        P.EDIT_SETTINGS, lambda s, i, _t: settings_service.set_idle_lock_minutes(s, 5)),
    "settings.set_backup_folder": (
        P.EDIT_SETTINGS,
        lambda s, i, tmp: settings_service.set_backup_folder(s, tmp / "sao-luu-moi")),
    "settings.set_setting": (
        P.EDIT_SETTINGS, lambda s, i, _t: settings_service.set_setting(s, "thu_nghiem", 1)),
}


def _actor(db: Any, username: str) -> Actor | None:
    return actor_of(db, username) if username else None


def _audit_count(s: Session) -> int:
    return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_each_role_may_do_what_it_should_and_nothing_more(demo_db, tmp_path, name) -> None:
    permission, op = OPERATIONS[name]
    ids = _prepare(demo_db)
    for username, role in ACCOUNTS.items():
        actor = _actor(demo_db, username)
        if role in WHO_MAY[permission]:
            # Allowed: the change is made (and logged as this user), then undone
            # so that the next role finds the same records.
            with demo_db.session(actor=actor) as s:
                before = _audit_count(s)
                op(s, ids, tmp_path)
                s.flush()
                new = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
                assert _audit_count(s) > before, (name, username)
                assert new.user_id == (actor.user_id if actor else None), (name, username)
                s.rollback()
        else:
            # Refused: a Vietnamese sentence naming the role and the action, nothing written.
            snapshot = dump_db(demo_db)
            with pytest.raises(PermissionDenied) as err, demo_db.transaction(actor=actor) as s:
                op(s, ids, tmp_path)
            assert role is not None
            assert err.value.message == texts.PERM_DENIED.format(
                role=texts.label(role), what=texts.PERMISSION_LABELS[permission]
            ), (name, username)
            assert dump_db(demo_db) == snapshot, (name, username)
            assert not (tmp_path / "sao-luu-moi").exists(), (name, username)


def test_a_deactivated_or_deleted_account_writes_nothing(demo_db) -> None:
    ids = _prepare(demo_db)
    with demo_db.transaction() as s:
        s.scalar(select(User).filter_by(username="tonghop")).active = False
    snapshot = dump_db(demo_db)
    with pytest.raises(PermissionDenied) as err, demo_db.transaction(
        actor=actor_of(demo_db, "tonghop")
    ) as s:
        task_service.delete_task(s, ids.task_b)
    assert "bị khóa" in err.value.message
    with pytest.raises(PermissionDenied) as err, demo_db.transaction(
        actor=Actor(987654, "da.xoa")
    ) as s:
        catalog.add_recipient(s, catalog.RecipientInput(name="Không được"))
    assert "đăng nhập" in err.value.message
    assert dump_db(demo_db) == snapshot


def test_role_is_read_from_the_database_not_from_sign_in(demo_db) -> None:
    """An officer demoted to leader while signed in is refused at the next save."""
    ids = _prepare(demo_db)
    officer = actor_of(demo_db, "tonghop")
    with demo_db.transaction() as s:
        s.scalar(select(User).filter_by(username="tonghop")).role = Role.LEADER
    with pytest.raises(PermissionDenied), demo_db.transaction(actor=officer) as s:
        task_service.shift_task(s, ids.task_a, "down")


def test_reset_password_by_the_caller_is_checked_by_auth(demo_db) -> None:
    """``by`` given explicitly (the UI passes the signed-in user) decides."""
    ids = _prepare(demo_db)
    snapshot = dump_db(demo_db)
    with demo_db.session(actor=actor_of(demo_db, "admin")) as s:
        leader = s.scalar(select(User).filter_by(username="lanhdao"))
        with pytest.raises(PermissionDenied):
            catalog.reset_password(s, ids.user, new_password="dat-lai-123", by=leader)
        with pytest.raises(PermissionDenied):
            catalog.reset_password(s, ids.user, new_password="dat-lai-123", by=None)
        s.rollback()
    assert dump_db(demo_db) == snapshot
    with demo_db.transaction(actor=actor_of(demo_db, "admin")) as s:
        admin = s.scalar(select(User).filter_by(username="admin"))
        user = catalog.reset_password(s, ids.user, new_password="dat-lai-123", by=admin)
        assert user.must_change_password


def test_admin_cannot_lock_own_account_through_the_session_actor(demo_db) -> None:
    with pytest.raises(InputError) as err, demo_db.transaction(
        actor=actor_of(demo_db, "admin")
    ) as s:
        admin = s.scalar(select(User).filter_by(username="admin"))
        catalog.set_user_active(s, admin.id, False)
    assert getattr(err.value, "field", None) == "active"


def test_settings_written_by_the_program_itself(demo_db) -> None:
    """No actor (command line, start-up): allowed, as for the other services."""
    with demo_db.transaction() as s:
        settings_service.set_idle_lock_minutes(s, 7)
    with demo_db.session() as s:
        assert s.get(Setting, settings_service.IDLE_LOCK_MINUTES).value == 7


# --- Through the UI -------------------------------------------------------------


def _offered(widget: Any) -> bool:
    """Whether the user can press it: enabled and not hidden."""
    return bool(widget.isEnabled()) and not widget.isHidden()


@pytest.mark.parametrize(("username", "editable"), [("lanhdao", False), ("tonghop", True)])
def test_ui_catalog_actions_for_leader_and_officer(
    demo_db, qt_sync, qtbot, no_modal, username, editable
) -> None:
    from PySide6.QtWidgets import QPushButton

    from tests.reliability.conftest import make_ctx
    from ui.pages.catalog import CatalogPage

    page = CatalogPage(make_ctx(demo_db, username))
    qtbot.addWidget(page)
    page.show()
    for tab in (page.units_tab, page.signers_tab, page.recipients_tab):
        page.tabs.setCurrentWidget(tab)
        page.activate()
        assert tab.model.rowCount() > 0
        tab.view.selectRow(0)
        assert tab.selected() is not None
        buttons = tab.findChildren(QPushButton)
        assert len(buttons) >= 3, tab
        # A leader is offered no button at all; an officer every one (a row is selected).
        assert [b.text() for b in buttons if _offered(b)] == (
            [b.text() for b in buttons] if editable else []
        ), tab
    # Thông tin xã: saving is not offered to a leader.
    assert (not page.commune_tab.save_button.isHidden()) == editable
    # Accounts: administrators only, neither of these two.
    assert page.users_tab is None


@pytest.mark.parametrize(("username", "editable"), [("lanhdao", False), ("tonghop", True)])
def test_ui_task_actions_for_leader_and_officer(
    demo_db, qt_sync, qtbot, no_modal, username, editable
) -> None:
    from tests.reliability.conftest import make_ctx
    from ui.pages.tasks import TasksPage

    page = TasksPage(make_ctx(demo_db, username))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    qtbot.waitUntil(lambda: page._loaded is not None, timeout=10000)
    with demo_db.session() as s:
        task_id = s.scalar(
            select(Task.id).where(Task.is_group.is_(False)).order_by(Task.id).limit(1)
        )
    assert page.select_task(task_id)
    buttons = [page.add_button, page.add_child_button, page.edit_button, page.delete_button,
               page.move_button]
    assert [_offered(b) for b in buttons] == [editable] * len(buttons)
    menu = [page.up_action, page.down_action, page.indent_action, page.outdent_action]
    assert [a.isEnabled() for a in menu] == [editable] * len(menu)
    if not editable:
        # The keyboard path (Delete, Alt+arrows) leads nowhere either.
        before = dump_db(demo_db)
        page.delete_task()
        page.shift("down")
        assert dump_db(demo_db) == before
        assert no_modal == []


def test_ui_settings_read_only_for_leader(demo_db, qt_sync, qtbot, no_modal) -> None:
    from tests.reliability.conftest import make_ctx
    from ui.pages.settings import SettingsPage

    page = SettingsPage(make_ctx(demo_db, "lanhdao"))
    qtbot.addWidget(page)
    page.show()
    page.activate()
    assert not page.editable
    assert not _offered(page.save_button)
    before = dump_db(demo_db)
    assert page.save() is False
    assert dump_db(demo_db) == before


def test_ui_reset_password_checks_the_administrator_as_stored_now(
    demo_db, qt_sync, qtbot, no_modal
) -> None:
    """The dialog's service call reads the acting account afresh: an
    administrator demoted after signing in is refused, nothing written."""
    from tests.reliability.conftest import make_ctx
    from ui.pages.catalog import ResetPasswordDialog

    ids = _prepare(demo_db)
    ctx = make_ctx(demo_db, "admin")
    with demo_db.session() as s:
        target = s.get(User, ids.user)
        s.expunge(target)
    dialog = ResetPasswordDialog(ctx, target, None)
    qtbot.addWidget(dialog)
    dialog.password.setText("dat-lai-123")
    dialog.repeat.setText("dat-lai-123")
    dialog.apply()
    with demo_db.session() as s:
        assert s.get(User, ids.user).must_change_password
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
        assert last.username == "admin"

    with demo_db.transaction() as s:
        s.scalar(select(User).filter_by(username="admin")).role = Role.OFFICER
    before = dump_db(demo_db)
    with pytest.raises(PermissionDenied) as err:
        dialog.apply()
    assert "quản lý tài khoản" in err.value.message
    assert dump_db(demo_db) == before


def test_ui_forced_password_change_goes_through_auth(demo_db, qt_sync, qtbot) -> None:
    """After a reset the user picks a new password in the sign-in flow: a
    mismatch is shown in place; a good one clears the flag and is logged."""
    from models import auth
    from ui.login import ChangePasswordDialog

    ids = _prepare(demo_db)
    with demo_db.transaction() as s:
        catalog.reset_password(s, ids.user, new_password="dat-lai-123")
    dialog = ChangePasswordDialog(demo_db, ids.user)
    qtbot.addWidget(dialog)
    dialog.password.setText("moi-moi-123")
    dialog.repeat.setText("khac-456789")
    dialog._save()
    assert dialog.error.has_message() and dialog.password.text() == ""
    assert dialog.result() != dialog.DialogCode.Accepted
    dialog.password.setText("dat-lai-123")
    dialog.repeat.setText("dat-lai-123")
    dialog._save()
    assert dialog.error.has_message()  # the same password as the reset one
    dialog.password.setText("moi-moi-123")
    dialog.repeat.setText("moi-moi-123")
    dialog._save()
    assert dialog.result() == dialog.DialogCode.Accepted
    with demo_db.session() as s:
        user = s.get(User, ids.user)
        assert not user.must_change_password
        assert auth.verify_password("moi-moi-123", user.password_hash)
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
        assert last.username == "thunghiem"
