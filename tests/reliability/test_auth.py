"""Accounts: hashed passwords, slowing down wrong passwords, reset and change."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from sqlalchemy import select

from models import auth
from models.audit import Actor
from models.enums import AuditAction, Role
from models.errors import InputError, PermissionDenied
from models.schema import AuditEntry, User

T0 = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)
SECRET = "Bí-mật-9731"


@pytest.fixture
def accounts(db):
    with db.transaction(actor=Actor.system()) as s:
        auth.create_user(s, username="admin", full_name="Quản trị", password="quantri1",
                         role=Role.ADMIN)
        auth.create_user(s, username="nhung", full_name="Lê Thị Hồng Nhung", password=SECRET,
                         role=Role.OFFICER)
        auth.create_user(s, username="lanhdao", full_name="Hà Thị Thuý", password="lanhdao1",
                         role=Role.LEADER)
    return db


def attempt(db, username: str, password: str, at: dt.datetime) -> User | PermissionDenied:
    """One sign-in in its own committed session, as the login dialog does."""
    with db.session() as s:
        try:
            user = auth.authenticate(s, username, password, now=at)
        except PermissionDenied as exc:
            s.commit()
            return exc
        s.commit()
        return user


def user_row(db, username: str) -> User:
    with db.session() as s:
        return s.scalars(select(User).where(User.username == username)).one()


def test_password_stored_as_scrypt_hash_and_verified(accounts):
    row = user_row(accounts, "nhung")
    assert row.password_hash.startswith("scrypt$16384$8$1$")
    assert SECRET not in row.password_hash
    assert auth.verify_password(SECRET, row.password_hash)
    assert not auth.verify_password(SECRET + "x", row.password_hash)
    # Same password, new salt: two different hashes.
    assert auth.hash_password(SECRET) != auth.hash_password(SECRET)
    # NFC and NFD typing of the same Vietnamese password both work.
    import unicodedata

    assert auth.verify_password(unicodedata.normalize("NFD", SECRET), row.password_hash)


def test_wrong_passwords_slow_down_then_success_clears(accounts):
    # Given two wrong passwords: refused, no wait yet
    for i in range(auth.FREE_ATTEMPTS - 1):
        err = attempt(accounts, "nhung", "sai", T0 + dt.timedelta(seconds=i))
        assert isinstance(err, PermissionDenied) and not isinstance(err, auth.LoginThrottled)
        assert err.message == "Tên đăng nhập hoặc mật khẩu không đúng."
    # When the third is wrong too: the account waits 5 seconds
    err = attempt(accounts, "nhung", "sai", T0 + dt.timedelta(seconds=3))
    assert isinstance(err, auth.LoginThrottled)
    assert err.wait_seconds == 5
    assert "Thử lại sau 5 giây" in err.message
    # Then even the right password is refused during the wait (not checked at all)
    err = attempt(accounts, "nhung", SECRET, T0 + dt.timedelta(seconds=5))
    assert isinstance(err, auth.LoginThrottled) and err.wait_seconds == 3
    with accounts.session() as s:
        assert auth.login_wait_seconds(s, "NHUNG", now=T0 + dt.timedelta(seconds=5)) == 3
    # ...the next wrong one after the wait doubles it
    err = attempt(accounts, "nhung", "sai", T0 + dt.timedelta(seconds=9))
    assert isinstance(err, auth.LoginThrottled) and err.wait_seconds == 10
    row = user_row(accounts, "nhung")
    assert row.failed_logins == 4
    assert row.locked_until == T0 + dt.timedelta(seconds=19)
    # ...and the right password after the wait signs in and clears the record
    ok = attempt(accounts, "nhung", SECRET, T0 + dt.timedelta(seconds=20))
    assert isinstance(ok, User)
    row = user_row(accounts, "nhung")
    assert (row.failed_logins, row.locked_until) == (0, None)


def test_delays_double_and_are_capped():
    assert [auth.delay_after(n) for n in range(1, 8)] == [0, 0, 5, 10, 20, 40, 80]
    assert auth.delay_after(50) == auth.MAX_DELAY_SECONDS == 300


def test_wait_survives_a_restart(accounts, tmp_path):
    for i in range(3):
        attempt(accounts, "nhung", "sai", T0 + dt.timedelta(seconds=i))
    accounts.close()
    from models.db import open_database

    again = open_database(accounts.path)
    try:
        err = attempt(again, "nhung", SECRET, T0 + dt.timedelta(seconds=3))
        assert isinstance(err, auth.LoginThrottled)
    finally:
        again.close()


def test_unknown_user_same_message_and_no_password_in_log(accounts, caplog):
    caplog.set_level(logging.DEBUG)
    err = attempt(accounts, "khong-co", SECRET, T0)
    assert isinstance(err, PermissionDenied)
    assert err.message == "Tên đăng nhập hoặc mật khẩu không đúng."
    # Someone typed their password into the user-name box: it is not logged.
    attempt(accounts, SECRET, "x", T0)
    attempt(accounts, "nhung", "sai " + SECRET, T0)
    attempt(accounts, "nhung", SECRET, T0)
    with accounts.session() as s:
        entries = list(s.scalars(select(AuditEntry)))
    text = " ".join(f"{e.summary} {e.before} {e.after}" for e in entries)
    assert SECRET not in text and SECRET.lower() not in text
    assert "(tên đăng nhập không hợp lệ)" in text
    assert SECRET not in caplog.text
    # And the database file does not hold it anywhere.
    accounts.close()
    raw = accounts.path.read_bytes()
    assert SECRET.encode() not in raw and SECRET.lower().encode() not in raw


def test_inactive_account_refused_after_password(accounts):
    with accounts.transaction() as s:
        s.scalars(select(User).where(User.username == "lanhdao")).one().active = False
    err = attempt(accounts, "lanhdao", "lanhdao1", T0)
    assert isinstance(err, PermissionDenied)
    assert "bị khóa" in err.message


def test_admin_resets_password_user_must_change(accounts):
    target = user_row(accounts, "nhung")
    # Only an administrator may reset.
    with accounts.session() as s:
        leader = s.scalars(select(User).where(User.username == "lanhdao")).one()
        with pytest.raises(PermissionDenied):
            auth.reset_password(s, user_id=target.id, new_password="tamthoi1", by=leader)
    # A waiting account is cleared by the reset.
    for i in range(4):
        attempt(accounts, "nhung", "sai", T0 + dt.timedelta(seconds=i * 60))
    with accounts.transaction(actor=Actor(1, "admin")) as s:
        admin = s.scalars(select(User).where(User.username == "admin")).one()
        auth.reset_password(s, user_id=target.id, new_password="tamthoi1", by=admin)
    ok = attempt(accounts, "nhung", "tamthoi1", T0 + dt.timedelta(seconds=300))
    assert isinstance(ok, User) and ok.must_change_password
    with accounts.session() as s:
        reset = s.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.PASSWORD_RESET)
        ).one()
        assert reset.username == "admin" and "nhung" in reset.summary
    # Right after the reset the user picks a new one without the old password.
    with accounts.transaction(actor=Actor(target.id, "nhung")) as s:
        with pytest.raises(InputError, match="khác mật khẩu hiện tại"):
            auth.change_password(s, user_id=target.id, old_password=None,
                                 new_password="tamthoi1")
    with accounts.transaction(actor=Actor(target.id, "nhung")) as s:
        auth.change_password(s, user_id=target.id, old_password=None,
                             new_password="moi-12345", repeat="moi-12345")
    row = user_row(accounts, "nhung")
    assert not row.must_change_password
    assert isinstance(attempt(accounts, "nhung", "moi-12345", T0 + dt.timedelta(hours=1)), User)


def test_change_password_needs_old_one(accounts):
    uid = user_row(accounts, "nhung").id
    with accounts.transaction() as s:
        with pytest.raises(InputError, match="Mật khẩu hiện tại không đúng"):
            auth.change_password(s, user_id=uid, old_password="sai", new_password="moi-12345")
        with pytest.raises(InputError, match="không giống nhau"):
            auth.change_password(s, user_id=uid, old_password=SECRET, new_password="moi-12345",
                                 repeat="moi-1234")
        with pytest.raises(InputError, match="ít nhất 6"):
            auth.change_password(s, user_id=uid, old_password=SECRET, new_password="ngan")
    with accounts.transaction() as s:
        auth.change_password(s, user_id=uid, old_password=SECRET, new_password="moi-12345")
    assert auth.verify_password("moi-12345", user_row(accounts, "nhung").password_hash)


def test_unlock_idle_session_checks_password_and_throttles(accounts):
    uid = user_row(accounts, "nhung").id
    for _i in range(3):
        with accounts.session() as s:
            with pytest.raises(PermissionDenied):
                auth.unlock_session(s, user_id=uid, password="sai", now=T0)
            s.commit()
    with accounts.session() as s:
        with pytest.raises(auth.LoginThrottled):
            auth.unlock_session(s, user_id=uid, password=SECRET, now=T0)
    with accounts.session() as s:
        user = auth.unlock_session(s, user_id=uid, password=SECRET, now=T0 + dt.timedelta(minutes=1))
        s.commit()
        assert user.username == "nhung"
    with accounts.session() as s:
        last = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == AuditAction.LOGIN)
            .order_by(AuditEntry.id.desc())
        ).first()
        assert last.username == "nhung" and "Mở khóa phiên" in last.summary
