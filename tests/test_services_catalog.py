"""Catalogue services: units, signers, recipients, accounts, commune identity."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import auth, geo
from models.audit import Actor
from models.db import Database, open_database
from models.enums import AuditAction, Role, SigningAuthority, UnitKind
from models.errors import InputError, PermissionDenied
from models.schema import AuditEntry, Commune, Plan, Signer, Task, Unit, User
from models.services import catalog, settings, setup


@pytest.fixture
def commune_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "catalog.db")
    official = geo.commune_by_code(10993)
    signers = setup.standard_signers()
    with db.transaction() as s:
        setup.create_local_commune(
            s,
            commune_code=10993,
            agency=setup.default_agency(official),
            units=setup.standard_units(),
            signers=[
                replace(signers[0], full_name="Hà Thị Thúy"),
                replace(signers[1], full_name="Lê Văn C"),
            ],
            recipients=setup.standard_recipients(official),
            admin=setup.AdminInput("admin", "Quản trị", "admin123"),
        )
    yield db
    db.close()


def _unit(s, code: str) -> Unit:
    unit = s.scalar(select(Unit).where(Unit.code == code))
    assert unit is not None
    return unit


def test_add_unit_checks_codes_and_names(commune_db: Database) -> None:
    with commune_db.transaction() as s:
        unit = catalog.add_unit(s, catalog.UnitInput("tp", "Phòng Tư pháp", UnitKind.DEPARTMENT))
        assert unit.code == "TP"
    with pytest.raises(InputError, match='Mã đơn vị "VHXH" đã có'), commune_db.transaction() as s:
        catalog.add_unit(s, catalog.UnitInput("vhxh", "Phòng khác"))
    # Names are compared without case and accents.
    with pytest.raises(InputError, match="Tên đơn vị"), commune_db.transaction() as s:
        catalog.add_unit(s, catalog.UnitInput("X1", "phong van hoa - xa hoi"))
    with pytest.raises(InputError, match="Chưa nhập tên đơn vị"), commune_db.transaction() as s:
        catalog.add_unit(s, catalog.UnitInput("X2", "   "))


def test_unit_in_use_cannot_be_deleted_only_deactivated(commune_db: Database) -> None:
    with commune_db.transaction() as s:
        plan = Plan(title="Kế hoạch")
        s.add(plan)
        s.flush()
        s.add(
            Task(plan_id=plan.id, code="1.1", title="Số hóa hồ sơ", lead_unit_id=_unit(s, "KT").id)
        )
    with commune_db.transaction() as s:
        kt_id = _unit(s, "KT").id
        usage = catalog.unit_usage(s, kt_id)
        assert usage.tasks == 1 and usage.in_use
    with pytest.raises(InputError) as info, commune_db.transaction() as s:
        catalog.delete_unit(s, kt_id)
    assert "1 nhiệm vụ" in info.value.message and "Ngừng sử dụng" in info.value.message
    with commune_db.transaction() as s:
        catalog.set_unit_active(s, kt_id, False)
    with commune_db.session() as s:
        assert s.get(Unit, kt_id).active is False
        assert kt_id not in [u.id for u in catalog.list_units(s, include_inactive=False)]


def test_drafting_unit_cannot_be_deleted_and_follows_code_change(commune_db: Database) -> None:
    with commune_db.transaction() as s:
        vhxh = _unit(s, "VHXH")
        with pytest.raises(InputError, match="đơn vị soạn thảo"):
            catalog.delete_unit(s, vhxh.id)
        catalog.update_unit(s, vhxh.id, catalog.UnitInput("VH-XH", vhxh.name, UnitKind.DEPARTMENT))
    with commune_db.session() as s:
        assert catalog.local_commune(s).drafting_unit_code == "VH-XH"


def test_unused_unit_is_deleted_and_logged(commune_db: Database) -> None:
    with commune_db.transaction(actor=Actor(1, "admin")) as s:
        catalog.delete_unit(s, _unit(s, "TYT").id)
    with commune_db.session() as s:
        assert s.scalar(select(Unit).where(Unit.code == "TYT")) is None
        entry = s.scalar(
            select(AuditEntry).where(
                AuditEntry.action == AuditAction.DELETE, AuditEntry.entity == "unit"
            )
        )
        assert entry is not None and entry.username == "admin" and entry.before["code"] == "TYT"


def test_move_unit(commune_db: Database) -> None:
    with commune_db.transaction() as s:
        catalog.move_unit(s, _unit(s, "KT").id, -1)
    with commune_db.session() as s:
        assert [u.code for u in catalog.list_units(s)][:3] == ["VP", "KT", "VHXH"]


def test_update_commune_info_validates(commune_db: Database) -> None:
    with commune_db.transaction() as s:
        current = catalog.agency_of(catalog.local_commune(s))
        catalog.update_commune_info(
            s,
            replace(
                current, place_name="  Thượng   Hồng ", unit_deadline_day=10, report_deadline_day=12
            ),
        )
    with commune_db.session() as s:
        commune = s.scalar(select(Commune))
        assert commune.place_name == "Thượng Hồng" and commune.unit_deadline_day == 10
    with pytest.raises(InputError, match="từ 1 đến 28"), commune_db.transaction() as s:
        catalog.update_commune_info(s, replace(current, unit_deadline_day=31))
    with pytest.raises(InputError, match="phải sau hạn"), commune_db.transaction() as s:
        catalog.update_commune_info(
            s, replace(current, unit_deadline_day=20, report_deadline_day=18)
        )
    with pytest.raises(InputError, match="Ký hiệu"), commune_db.transaction() as s:
        catalog.update_commune_info(s, replace(current, report_symbol="BC UBND"))
    with pytest.raises(InputError, match="Đơn vị soạn thảo"), commune_db.transaction() as s:
        catalog.update_commune_info(s, replace(current, drafting_unit_code="KHONGCO"))


def test_signers_default_and_kt_rule(commune_db: Database) -> None:
    with commune_db.transaction() as s:
        new = catalog.add_signer(
            s,
            catalog.SignerInput(
                full_name="Phạm Thị D",
                title="phó chủ tịch",
                authority=SigningAuthority.KT,
                on_behalf_of="chủ tịch",
                is_default=True,
            ),
        )
        assert new.title == "PHÓ CHỦ TỊCH" and new.on_behalf_of == "CHỦ TỊCH"
    with commune_db.session() as s:
        defaults = s.scalars(select(Signer).where(Signer.is_default.is_(True))).all()
        assert [d.full_name for d in defaults] == ["Phạm Thị D"]
    with pytest.raises(InputError, match="ký thay cho ai"), commune_db.transaction() as s:
        catalog.add_signer(
            s,
            catalog.SignerInput(full_name="X", title="PHÓ CHỦ TỊCH", authority=SigningAuthority.KT),
        )
    with commune_db.transaction() as s:
        catalog.delete_signer(s, new.id)
    with commune_db.session() as s:
        assert (
            s.scalar(select(func.count()).select_from(Signer).where(Signer.is_default.is_(True)))
            == 1
        )


def test_recipients_unique(commune_db: Database) -> None:
    with pytest.raises(InputError, match="đã có"), commune_db.transaction() as s:
        catalog.add_recipient(s, catalog.RecipientInput("Ủy ban nhân dân thành phố Hải Phòng"))
    with commune_db.transaction() as s:
        rec = catalog.add_recipient(s, catalog.RecipientInput("Công an thành phố Hải Phòng"))
        assert rec.short_name == "Công an thành phố Hải Phòng"
        catalog.delete_recipient(s, rec.id)


def test_accounts(commune_db: Database) -> None:
    with commune_db.transaction() as s:
        admin = s.scalar(select(User).where(User.username == "admin"))
        vhxh = _unit(s, "VHXH")
        with pytest.raises(InputError, match="gắn với một đơn vị"):
            catalog.add_user(
                s, username="vhxh", full_name="Cán bộ", password="vhxh123", role=Role.UNIT_STAFF
            )
        with pytest.raises(InputError, match="không giống nhau"):
            catalog.add_user(
                s,
                username="vhxh",
                full_name="Cán bộ",
                password="vhxh123",
                password_repeat="vhxh124",
                role=Role.UNIT_STAFF,
                unit_id=vhxh.id,
            )
        staff = catalog.add_user(
            s,
            username="vhxh",
            full_name="Cán bộ VHXH",
            password="vhxh123",
            role=Role.UNIT_STAFF,
            unit_id=vhxh.id,
        )
        # The unit now has an account: it cannot be deleted.
        assert catalog.unit_usage(s, vhxh.id).users == 1
        with pytest.raises(InputError, match="Không thể tự khóa"):
            catalog.set_user_active(s, admin.id, False, acting_user_id=admin.id)
        with pytest.raises(InputError, match="ít nhất một tài khoản quản trị"):
            catalog.set_user_active(s, admin.id, False, acting_user_id=staff.id)
        with pytest.raises(InputError, match="ít nhất một tài khoản quản trị"):
            catalog.update_user(s, admin.id, full_name="Quản trị", role=Role.OFFICER, unit_id=None)
        with pytest.raises(PermissionDenied):
            catalog.reset_password(s, staff.id, new_password="moi12345", by=staff)
        catalog.reset_password(
            s, staff.id, new_password="moi12345", password_repeat="moi12345", by=admin
        )
        catalog.set_user_active(s, staff.id, False, acting_user_id=admin.id)
    with commune_db.session() as s:
        staff = s.scalar(select(User).where(User.username == "vhxh"))
        assert auth.verify_password("moi12345", staff.password_hash)
        assert staff.must_change_password and not staff.active
        assert (
            s.scalar(select(AuditEntry).where(AuditEntry.action == AuditAction.PASSWORD_RESET))
            is not None
        )


def test_settings_rules(commune_db: Database, tmp_path: Path) -> None:
    with commune_db.transaction() as s:
        assert settings.idle_lock_minutes(s) == settings.DEFAULT_IDLE_LOCK_MINUTES
        settings.set_idle_lock_minutes(s, 30)
        with pytest.raises(InputError, match="0"):
            settings.set_idle_lock_minutes(s, 1000)
        settings.set_backup_folder(s, tmp_path / "sao-luu")
        blocker = tmp_path / "file.txt"
        blocker.write_text("x")
        with pytest.raises(InputError, match="không dùng được"):
            settings.set_backup_folder(s, blocker)
    with commune_db.session() as s:
        assert settings.idle_lock_minutes(s) == 30
        assert settings.backup_folder(s) == (tmp_path / "sao-luu").resolve()
