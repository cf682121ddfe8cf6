"""No network: the main workflows open no socket.

Every way Python opens a connection or resolves a name is replaced by a trap
that records the attempt (and raises). The workflows then run — demo build,
opening, sign-in, unit form save, report drafting, bundle export and import,
backup and restore, the audit export, the start-up checks — in this process
and, for the command line, in a child process with the same trap. A single
recorded attempt fails the test, even if the code swallowed the error.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PERIOD = "2026-10"

TRAP = r'''
import socket, sys
ATTEMPTS = []

class _NoNetwork(OSError):
    pass

def _refuse(what):
    def refuse(*args, **kwargs):
        ATTEMPTS.append((what, repr(args)[:200]))
        sys.stderr.write("NETWORK ATTEMPT: %s %r\n" % (what, args[:2]))
        raise _NoNetwork("network access is forbidden: " + what)
    return refuse

class _Socket(socket.socket):
    def __init__(self, *args, **kwargs):
        _refuse("socket.socket")(*args)

socket.socket = _Socket
socket.SocketType = _Socket
for _name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
              "gethostbyaddr", "create_server", "fromfd"):
    setattr(socket, _name, _refuse("socket." + _name))
'''


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    attempts: list[tuple[str, str]] = []

    def trap(what: str):  # noqa: ANN202
        def refuse(*args: object, **_kw: object) -> None:
            attempts.append((what, repr(args)[:200]))
            raise OSError(f"network access is forbidden: {what}")

        return refuse

    class TrappedSocket(socket.socket):
        def __init__(self, *args: object, **kwargs: object) -> None:
            trap("socket.socket")(*args)

    monkeypatch.setattr(socket, "socket", TrappedSocket)
    monkeypatch.setattr(socket, "SocketType", TrappedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "gethostbyaddr", "create_server", "fromfd"):
        monkeypatch.setattr(socket, name, trap(f"socket.{name}"))
    return attempts


def test_the_trap_catches_a_connection(no_network):
    import urllib.request

    with pytest.raises(OSError):
        urllib.request.urlopen("http://example.invalid/", timeout=1)
    assert no_network, "the trap must see a connection attempt"
    no_network.clear()


def test_main_workflows_open_no_socket(no_network, demo_db_file, tmp_path):
    from sqlalchemy import select

    from models import auth, backup, health
    from models.audit import Actor
    from models.bundle.export import export_bundle
    from models.bundle.import_ import Outcome, import_bundles
    from models.bundle.scope import parse_scope
    from models.db import open_database
    from models.demo import build_demo
    from models.schema import User
    from tests.reliability.helpers import form_with_change, save_form

    # Demo build and opening, with the start-up checks
    path = tmp_path / "xa.db"
    check = health.startup_check(path)
    db = open_database(path)
    db.info["instance_lock"] = check.lock
    build_demo(db, commune_code=10993, today=dt.date(2026, 11, 21))
    assert health.after_open(db) == []  # start-of-day backup

    # Sign-in and a unit form save with an evidence file
    with db.session() as s:
        user = auth.authenticate(s, "vhxh", "vhxh123")
        s.commit()
        assert user.username == "vhxh"
    form = form_with_change(db, unit_code="VHXH", period_code=PERIOD, result="Không mạng")
    src = tmp_path / "minh-chung.pdf"
    src.write_bytes(b"%PDF-1.4 " * 100)
    from models.services.updates import EvidenceItem

    form.tasks[0].evidence.append(EvidenceItem.from_path(src))
    save_form(db, form, username="vhxh")

    # Report drafting (PDF, Word, Excel) when the report module is present
    try:
        from reports.issuing import generate_draft
    except ImportError:
        generate_draft = None
    if generate_draft is not None:
        made = generate_draft(db, period_code=PERIOD, out_dir=tmp_path / "bao-cao")
        assert all(p.is_file() for p in made.paths.values())

    # Bundle export, then import into a province database
    with db.session() as s:
        officer = s.scalar(select(User).where(User.username == "tonghop"))
        actor = Actor(officer.id, officer.username)
    out = tmp_path / "usb"
    out.mkdir()
    bundle = export_bundle(db, period_code=PERIOD, out_dir=out, actor=actor)
    province = open_database(tmp_path / "tinh.db")
    try:
        (result,) = import_bundles(province, [bundle], scope=parse_scope("31"),
                                   actor=Actor.system())
        assert result.outcome is Outcome.NEW
    finally:
        province.close()

    # Audit log export to Excel
    from models.services.audit_log import AuditFilter
    from ui.pages.audit import export_xlsx

    export_xlsx(db, AuditFilter(), tmp_path / "nhat-ky.xlsx", actor=actor)

    # Backup and restore
    made_backup = backup.make_backup(db, dest_dir=tmp_path / "sao-luu")
    db.close()
    backup.restore(path, made_backup)
    health.check_file(path)

    assert no_network == []


def test_command_line_opens_no_socket(demo_db_file, tmp_path):
    """demo, report, export, import, backup and restore in a process with the trap."""
    from tests.conftest import copy_database

    trap = tmp_path / "trap"
    trap.mkdir()
    (trap / "sitecustomize.py").write_text(TRAP, encoding="utf-8")
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(trap), str(REPO)]),
        NQ57_DATA_DIR=str(tmp_path / "data"), PYTHONIOENCODING="utf-8",
    )
    db = copy_database(demo_db_file, tmp_path / "xa.db")
    usb = tmp_path / "usb"
    usb.mkdir()
    steps = [
        ["demo", "--db", str(tmp_path / "mau.db")],
        ["report", "--db", str(db), "--period", PERIOD, "--out", str(tmp_path / "bc")],
        ["export", "--db", str(db), "--period", PERIOD, "--out", str(usb)],
        ["import", "--db", str(tmp_path / "tinh.db"), "--scope", "31", str(usb)],
        ["backup", "--db", str(db), "--out", str(tmp_path / "sl")],
    ]
    outputs = []
    for args in steps:
        res = subprocess.run(
            [sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True,
            encoding="utf-8", env=env, timeout=300,
        )
        outputs.append(res)
        assert "NETWORK ATTEMPT" not in res.stderr, (args, res.stderr)
        if args[0] == "report" and res.returncode != 0 and "invalid choice" in res.stderr:
            continue  # the report command is not in this build
        assert res.returncode == 0, (args, res.stderr)
    backup_file = outputs[-1].stdout.strip().splitlines()[-1]
    res = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "restore", "--db", str(db), backup_file, "--yes"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=300,
    )
    assert res.returncode == 0 and "NETWORK ATTEMPT" not in res.stderr, res.stderr
