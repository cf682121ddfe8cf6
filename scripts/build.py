#!/usr/bin/env python3
"""Build the program with PyInstaller and smoke-test the result.

    python scripts/build.py                 # dist/nq57-tracker/ (one folder)
    python scripts/build.py --onefile       # also dist/nq57-tracker-<v>-portable
    python scripts/build.py --smoke-only    # test an existing dist/ folder
    python scripts/build.py --zip           # also dist/nq57-tracker-<v>-<os>.zip to hand out

Steps: ``pyinstaller build.spec`` into ``dist/`` (work files in ``build/``),
check the generated Windows version resources parse, then run the built
program from a scratch data folder with ``QT_QPA_PLATFORM=offscreen``:

1. ``<exe> --version`` (both executables) prints the pyproject version;
2. ``nq57-cli --help`` lists every command module of ``cli/commands``
   (a hidden import missing from the spec shows up here);
3. ``nq57-cli demo --db <tmp>/x.db`` builds the demo commune (migrations,
   province list, plan resources all load from the frozen folder), then
   ``report`` writes the PDF/DOCX/XLSX of the last ended month (fonts,
   reportlab, python-docx, openpyxl) and ``backup`` writes a verified copy;
4. the desktop program opens that database offscreen, signs in (bench
   mode) and shows its main window (skipped while ``ui/app.py`` does not exist);
5. nothing was written inside the program folder (user data lives in the
   user's data folder, so an update can replace the folder).

Prints the folder size and the build time; exits non-zero on any failure.
Developer tool: its output is in English.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
import types
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI_NAME = "nq57-cli"
EXE_SUFFIX = ".exe" if os.name == "nt" else ""
GUI_TIMEOUT_S = 90.0


@dataclass
class Report:
    """What the build and smoke test found; printed as JSON at the end."""

    name: str
    version: str
    dist: str = ""
    build_s: float | None = None
    size_mb: float | None = None
    checks: dict[str, str] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def ok(self, check: str, detail: str = "ok") -> None:
        self.checks[check] = detail
        print(f"  [ok]   {check}: {detail}")

    def skip(self, check: str, reason: str) -> None:
        self.checks[check] = "skipped: " + reason
        print(f"  [skip] {check}: {reason}")

    def fail(self, check: str, detail: str) -> None:
        self.checks[check] = "FAILED: " + detail
        self.failures.append(check)
        print(f"  [FAIL] {check}: {detail}")


def project() -> tuple[str, str]:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        meta = tomllib.load(fh)["project"]
    return str(meta["name"]), str(meta["version"])


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def run_pyinstaller(*, dist: Path, work: Path, onefile: bool, clean: bool) -> float:
    """Run PyInstaller on build.spec; returns the seconds it took."""
    env = dict(os.environ)
    env["NQ57_ONEFILE"] = "1" if onefile else "0"
    cmd = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec"),
    ]
    if clean:
        cmd.insert(3, "--clean")
    print("$ " + " ".join(cmd))
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def _versioninfo_module() -> types.ModuleType:
    """PyInstaller's version-resource parser without its Windows-only imports."""
    import PyInstaller.utils.win32 as win32

    source = (Path(win32.__file__).parent / "versioninfo.py").read_text(encoding="utf-8")
    source = source.replace("import pefile", "pefile = None").replace(
        "from PyInstaller.compat import win32api", "win32api = None"
    )
    module = types.ModuleType("versioninfo_portable")
    exec(compile(source, "versioninfo.py", "exec"), module.__dict__)  # noqa: S102
    return module


def check_version_files(report: Report, *, work: Path) -> None:
    """The VSVersionInfo files the spec wrote parse and carry our version."""
    files = sorted(work.rglob("version_info_*.txt"))
    if not files:
        report.fail("version resource", f"no version_info_*.txt under {work}")
        return
    try:
        module = _versioninfo_module()
    except Exception as exc:  # noqa: BLE001 - PyInstaller internals moved
        report.skip("version resource", f"cannot load PyInstaller's parser ({exc})")
        return
    for path in files:
        info = module.load_version_info_from_text_file(str(path))
        raw = info.toRaw()
        text = str(info)
        if f"'ProductVersion', '{report.version}'" not in text or not raw:
            report.fail("version resource", f"{path.name} lacks version {report.version}")
            return
    report.ok("version resource", ", ".join(p.name for p in files))


def _run(cmd: list[str], *, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, env=env, capture_output=True, text=True, encoding="utf-8", errors="replace",
        timeout=timeout, check=False,
    )


_LIST_COMMANDS = """
import argparse, json
from cli.app import build_parser
parser = build_parser()
names = []
for action in parser._actions:
    if isinstance(action, argparse._SubParsersAction):
        names = sorted(action.choices)
print(json.dumps(names))
"""


def _expected_commands() -> list[str]:
    """Sub-command names the source tree registers (run in a separate interpreter)."""
    proc = subprocess.run(
        [sys.executable, "-c", _LIST_COMMANDS], cwd=ROOT, capture_output=True, text=True,
        encoding="utf-8", check=False,
    )
    if proc.returncode != 0:
        return []
    return list(json.loads(proc.stdout.strip().splitlines()[-1]))


def snapshot(folder: Path) -> dict[str, int]:
    return {
        str(p.relative_to(folder)): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file()
    }


def smoke_test(report: Report, *, folder: Path) -> None:
    """Run the built program from a scratch data folder (see module docstring)."""
    gui = folder / (report.name + EXE_SUFFIX)
    cli = folder / (CLI_NAME + EXE_SUFFIX)
    for exe in (gui, cli):
        if not exe.is_file():
            report.fail("executables", f"missing {exe}")
            return
    report.ok("executables", f"{gui.name}, {cli.name}")
    before = snapshot(folder)
    with tempfile.TemporaryDirectory(prefix="nq57-smoke-") as tmp:
        scratch = Path(tmp)
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            NQ57_DATA_DIR=str(scratch / "data"),
            HOME=str(scratch / "home"),  # QSettings and platformdirs stay in the scratch folder
            XDG_CONFIG_HOME=str(scratch / "home" / ".config"),
            XDG_DATA_HOME=str(scratch / "home" / ".local" / "share"),
            XDG_CACHE_HOME=str(scratch / "home" / ".cache"),
            XDG_STATE_HOME=str(scratch / "home" / ".local" / "state"),
        )
        for key in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"):
            env.pop(key, None)  # the frozen program must not need them

        for exe in (gui, cli):
            proc = _run([str(exe), "--version"], env=env)
            out = (proc.stdout + proc.stderr).strip()
            if proc.returncode == 0 and report.version in out:
                report.ok(f"{exe.name} --version", out)
            else:
                report.fail(f"{exe.name} --version", f"rc={proc.returncode} {out[-400:]}")

        proc = _run([str(cli), "--help"], env=env)
        expected = _expected_commands()
        missing = [c for c in expected if c not in proc.stdout]
        if proc.returncode == 0 and not missing:
            report.ok("commands", ", ".join(expected) or "(none found in source)")
        else:
            report.fail("commands", f"rc={proc.returncode} missing {missing}: {proc.stderr[-300:]}")

        db_path = scratch / "x.db"
        started = time.perf_counter()
        proc = _run([str(cli), "demo", "--db", str(db_path)], env=env, timeout=300)
        took = time.perf_counter() - started
        if proc.returncode == 0 and db_path.is_file():
            report.ok("demo", f"{proc.stdout.strip()} [{took:.1f} s]")
        else:
            report.fail("demo", f"rc={proc.returncode} {(proc.stdout + proc.stderr)[-600:]}")

        if db_path.is_file():
            smoke_documents(report, cli=cli, db_path=db_path, scratch=scratch, env=env)

        if not (ROOT / "ui" / "app.py").is_file():
            report.skip("desktop start", "ui/app.py does not exist yet")
        elif db_path.is_file():
            smoke_gui(report, exe=gui, db_path=db_path, env=env)

    after = snapshot(folder)
    written = sorted(set(after) - set(before)) + sorted(
        k for k in before if k in after and after[k] != before[k]
    )
    if written:
        report.fail("program folder untouched", "written: " + ", ".join(written[:10]))
    else:
        report.ok("program folder untouched", f"{len(after)} files unchanged")


def _latest_ended_month(db_path: Path) -> str | None:
    import sqlite3

    conn = sqlite3.connect(db_path)
    try:
        row = conn.execute(
            "SELECT code FROM period WHERE kind = 'month' AND end_date < date('now') "
            "ORDER BY end_date DESC LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    return str(row[0]) if row else None


def smoke_documents(
    report: Report, *, cli: Path, db_path: Path, scratch: Path, env: dict[str, str]
) -> None:
    """Reports (reportlab, python-docx, openpyxl, bundled fonts) and a backup, frozen."""
    period = _latest_ended_month(db_path)
    if not (ROOT / "cli" / "commands" / "report.py").is_file() or period is None:
        report.skip("report", "no report command or no ended period")
    else:
        out = scratch / "bao-cao"
        proc = _run(
            [str(cli), "report", "--db", str(db_path), "--period", period, "--out", str(out)],
            env=env, timeout=300,
        )
        made = sorted(p.suffix for p in out.glob("*") if p.is_file() and p.stat().st_size > 0)
        if proc.returncode == 0 and made == [".docx", ".pdf", ".xlsx"]:
            report.ok("report", f"{period}: " + ", ".join(p.name for p in sorted(out.iterdir())))
        else:
            report.fail("report", f"rc={proc.returncode} made={made} {(proc.stdout + proc.stderr)[-500:]}")
    smoke_newer_database(report, cli=cli, db_path=db_path, scratch=scratch, env=env)
    if not (ROOT / "cli" / "commands" / "backup.py").is_file():
        report.skip("backup", "no backup command")
        return
    out = scratch / "sao-luu"
    proc = _run([str(cli), "backup", "--db", str(db_path), "--out", str(out)], env=env, timeout=300)
    files = [p for p in out.glob("*") if p.is_file()] if out.is_dir() else []
    if proc.returncode == 0 and files:
        report.ok("backup", ", ".join(sorted(p.name for p in files)))
    else:
        report.fail("backup", f"rc={proc.returncode} {(proc.stdout + proc.stderr)[-500:]}")


def smoke_newer_database(
    report: Report, *, cli: Path, db_path: Path, scratch: Path, env: dict[str, str]
) -> None:
    """A database from a newer program is refused and left untouched.

    Proves the frozen program finds its Alembic scripts (it knows which
    revisions exist). The pre-migration copy itself needs an older revision,
    which only exists once a second migration is released.
    """
    import hashlib
    import shutil
    import sqlite3

    newer = scratch / "newer.db"
    shutil.copy2(db_path, newer)
    conn = sqlite3.connect(newer)
    try:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        conn.commit()
    finally:
        conn.close()
    before = hashlib.sha256(newer.read_bytes()).hexdigest()
    proc = _run(
        [str(cli), "report", "--db", str(newer), "--period", "2026-01",
         "--out", str(scratch / "newer-out")],
        env=env, timeout=120,
    )
    after = hashlib.sha256(newer.read_bytes()).hexdigest()
    message = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0 and "phiên bản mới hơn" in message and before == after:
        report.ok("newer database refused", message.splitlines()[-1][:160])
    else:
        report.fail(
            "newer database refused",
            f"rc={proc.returncode} unchanged={before == after}: {message[-300:]}",
        )


def smoke_gui(report: Report, *, exe: Path, db_path: Path, env: dict[str, str]) -> None:
    """Start the desktop program offscreen and wait for its main window.

    Uses the program's bench mode (``NQ57_BENCH=1``, ``NQ57_BENCH_AUTOLOGIN``):
    it signs in as ``admin`` without the dialog, prints ``NQ57_BENCH_SHOWN
    <seconds>`` when the main window is first shown, and quits.
    """
    bench_env = dict(env, NQ57_BENCH="1", NQ57_BENCH_AUTOLOGIN="admin")
    try:
        proc = _run([str(exe), "--db", str(db_path)], env=bench_env, timeout=GUI_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        report.fail("desktop start", f"no main window within {GUI_TIMEOUT_S:.0f} s")
        return
    marks = [line for line in proc.stdout.splitlines() if line.startswith("NQ57_BENCH_SHOWN")]
    log_dir = Path(env["NQ57_DATA_DIR"]) / "logs"
    logged = "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in sorted(log_dir.glob("*.log"))
    )
    problems = [
        line for line in logged.splitlines() if " ERROR " in line or " CRITICAL " in line
    ]
    if problems:
        report.fail("desktop start", "errors in the program's log: " + " | ".join(problems[:3]))
    elif proc.returncode == 0 and marks:
        seconds = marks[-1].split()[-1]
        report.ok("desktop start", f"main window shown offscreen after {seconds} s, log clean")
    else:
        report.fail(
            "desktop start", f"rc={proc.returncode}: {(proc.stdout + proc.stderr)[-600:]}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller work folder")
    parser.add_argument("--onefile", action="store_true", help="also build the portable one-file program")
    parser.add_argument("--clean", action="store_true", help="clear PyInstaller's cache first")
    parser.add_argument("--smoke-only", action="store_true", help="only test an existing build")
    parser.add_argument("--json", type=Path, help="also write the report as JSON to this file")
    parser.add_argument(
        "--zip", action="store_true",
        help="after a passing smoke test, pack the folder as dist/<name>-<version>-<os>.zip",
    )
    args = parser.parse_args(argv)

    name, version = project()
    report = Report(name=name, version=version)
    dist = args.dist.resolve()
    work = args.work.resolve()
    folder = dist / name
    report.dist = str(folder)
    if not args.smoke_only:
        print(f"Building {name} {version} ...")
        try:
            report.build_s = round(
                run_pyinstaller(dist=dist, work=work, onefile=args.onefile, clean=args.clean), 1
            )
        except subprocess.CalledProcessError as exc:
            print(f"PyInstaller failed (exit {exc.returncode})", file=sys.stderr)
            return 1
        print(f"Built in {report.build_s:.1f} s")
        check_version_files(report, work=work)
    if not folder.is_dir():
        print(f"No build at {folder}", file=sys.stderr)
        return 1
    print(f"Smoke test of {folder}")
    smoke_test(report, folder=folder)
    report.size_mb = round(folder_size(folder) / 1e6, 1)
    print(f"Folder size: {report.size_mb:.1f} MB ({folder})")
    if args.onefile:
        portable = dist / f"{name}-{version}-portable{EXE_SUFFIX}"
        if portable.is_file():
            proc = _run([str(portable), "--version"], env=dict(os.environ), timeout=180)
            if proc.returncode == 0 and version in proc.stdout:
                report.ok("portable", f"{portable.name} {portable.stat().st_size / 1e6:.1f} MB, "
                          + proc.stdout.strip())
            else:
                report.fail("portable", f"--version rc={proc.returncode} {proc.stderr[-300:]}")
        else:
            report.fail("portable", f"missing {portable}")
    if args.json:
        args.json.write_text(json.dumps(report.__dict__, ensure_ascii=False, indent=2), encoding="utf-8")
    if report.failures:
        print("FAILED: " + ", ".join(report.failures), file=sys.stderr)
        return 1
    if args.zip:
        import platform
        import shutil

        system = {"Windows": "windows", "Darwin": "macos"}.get(platform.system(), "linux")
        base = dist / f"{name}-{version}-{system}"
        archive = shutil.make_archive(str(base), "zip", root_dir=dist, base_dir=name)
        print(f"Archive: {archive} ({Path(archive).stat().st_size / 1e6:.1f} MB)")
    print("Build OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
