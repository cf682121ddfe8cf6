"""First-run setup service: what the wizard saves, and what it refuses."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from models import auth, geo
from models.db import Database, open_database
from models.enums import AuditAction, Role, SigningAuthority
from models.errors import InputError
from models.schema import AuditEntry, Commune, Recipient, Setting, Signer, Unit, User
from models.services import setup

THUONG_HONG = 10993


@pytest.fixture
def fresh_db(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "setup.db")
    yield db
    db.close()


def _inputs(code: int = THUONG_HONG) -> dict:
    official = geo.commune_by_code(code)
    signers = setup.standard_signers()
    signers = [
        replace(signers[0], full_name="Hà Thị Thúy"),
        replace(signers[1], full_name="Nguyễn Văn An"),
    ]
    return {
        "commune_code": code,
        "agency": setup.default_agency(official),
        "units": setup.standard_units(official.division_type),
        "signers": signers,
        "recipients": setup.standard_recipients(official),
        "admin": setup.AdminInput(
            username="QuanTri",
            full_name="Trần Văn Bình",
            password="matkhau1",
            password_repeat="matkhau1",
        ),
    }


def test_defaults_follow_the_official_name() -> None:
    official = geo.commune_by_code(THUONG_HONG)
    agency = setup.default_agency(official)
    assert agency.agency_line1 == "ỦY BAN NHÂN DÂN"
    assert agency.agency_line2 == "XÃ THƯỢNG HỒNG"
    assert agency.agency_name == "Ủy ban nhân dân xã Thượng Hồng"
    assert agency.place_name == "Thượng Hồng"
    recipients = setup.standard_recipients(official)
    upward = [r.name for r in recipients if r.upward]
    assert upward == [
        "Ủy ban nhân dân thành phố Hải Phòng",
        "Sở Khoa học và Công nghệ thành phố Hải Phòng",
    ]
    names = [u.name for u in setup.standard_units("xã")]
    assert "Phòng Văn hóa - Xã hội" in names and "Công an xã" in names
    ward_names = [u.name for u in setup.standard_units("phường")]
    assert "Phòng Kinh tế, Hạ tầng và Đô thị" in ward_names and "Công an phường" in ward_names


def test_create_local_commune_saves_everything(fresh_db: Database) -> None:
    with fresh_db.transaction() as s:
        setup.create_local_commune(s, **_inputs())
    with fresh_db.session() as s:
        commune = s.scalar(select(Commune).where(Commune.is_local.is_(True)))
        assert commune is not None
        assert commune.commune_name == "Xã Thượng Hồng"
        assert commune.province_name == "Thành phố Hải Phòng"
        assert commune.agency_line2 == "XÃ THƯỢNG HỒNG"
        assert commune.drafting_unit_code == "VHXH"
        units = s.scalars(select(Unit).order_by(Unit.sort_order)).all()
        assert [u.code for u in units][:3] == ["VP", "VHXH", "KT"]
        signers = s.scalars(select(Signer).order_by(Signer.sort_order)).all()
        assert [(x.authority, x.title, x.is_default) for x in signers] == [
            (SigningAuthority.TM, "CHỦ TỊCH", True),
            (SigningAuthority.KT, "PHÓ CHỦ TỊCH", False),
        ]
        assert signers[1].on_behalf_of == "CHỦ TỊCH"
        assert s.scalar(select(func.count()).select_from(Recipient)) == 6
        admin = s.scalar(select(User))
        assert admin is not None and admin.username == "quantri" and admin.role is Role.ADMIN
        assert auth.verify_password("matkhau1", admin.password_hash)
        assert s.get(Setting, "db_role").value == "commune"
        # Every row written is in the audit log.
        created = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == AuditAction.CREATE)
        )
        assert created >= len(units) + 2 + 6 + 1 + 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"admin": setup.AdminInput("admin", "A B", "matkhau1", "matkhau2")}, "không giống nhau"),
        ({"admin": setup.AdminInput("admin", "A B", "123", None)}, "ít nhất 6"),
        ({"admin": setup.AdminInput("quản trị", "A B", "matkhau1", None)}, "Tên đăng nhập"),
        ({"admin": setup.AdminInput("admin", "  ", "matkhau1", None)}, "họ và tên người quản trị"),
        ({"units": []}, "ít nhất một đơn vị"),
        (
            {"units": [setup.UnitInput("VHXH", "Phòng A"), setup.UnitInput("vhxh", "Phòng B")]},
            'Dòng 2: Mã đơn vị "VHXH" đã có',
        ),
        ({"units": [setup.UnitInput("A B", "Phòng A")]}, "không hợp lệ"),
        ({"units": [setup.UnitInput("VP", "")]}, "Dòng 1: Chưa nhập tên đơn vị"),
        ({"signers": [setup.SignerInput(full_name="", title="CHỦ TỊCH")]}, "họ và tên người ký"),
    ],
)
def test_bad_input_saves_nothing(fresh_db: Database, change: dict, message: str) -> None:
    data = _inputs() | change
    with pytest.raises(InputError) as info, fresh_db.transaction() as s:
        setup.create_local_commune(s, **data)
    assert message in info.value.message
    with fresh_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Commune)) == 0
        assert s.scalar(select(func.count()).select_from(Unit)) == 0
        assert s.scalar(select(func.count()).select_from(User)) == 0


def test_drafting_unit_must_exist(fresh_db: Database) -> None:
    data = _inputs()
    data["units"] = [u for u in data["units"] if u.code != "VHXH"]
    with pytest.raises(InputError, match="Đơn vị soạn thảo"), fresh_db.transaction() as s:
        setup.create_local_commune(s, **data)


def test_second_setup_is_refused(fresh_db: Database) -> None:
    with fresh_db.transaction() as s:
        setup.create_local_commune(s, **_inputs())
    with pytest.raises(InputError, match="đã được thiết lập"), fresh_db.transaction() as s:
        setup.create_local_commune(s, **_inputs(10993))


def test_text_is_stored_nfc_and_trimmed(fresh_db: Database) -> None:
    import unicodedata

    data = _inputs()
    decomposed = unicodedata.normalize("NFD", "  Phòng   Tư pháp  ")
    data["units"] = [*data["units"], setup.UnitInput("tp", decomposed)]
    with fresh_db.transaction() as s:
        setup.create_local_commune(s, **data)
    with fresh_db.session() as s:
        unit = s.scalar(select(Unit).where(Unit.code == "TP"))
        assert unit is not None
        assert unit.name == unicodedata.normalize("NFC", "Phòng Tư pháp")
