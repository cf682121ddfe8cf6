"""Export a commune's period as a signed data bundle (format: ``models.bundle.format``).

``export_bundle(db, period_code=..., out_dir=...)`` writes the bundle so that
a USB stick pulled out at any moment leaves nothing that looks like a valid
bundle:

1. the whole zip is built in memory (a commune-period is small);
2. it is written under a temporary name in the target folder
   (``*.tmp-partial``, which no importer picks up), flushed and fsync'ed;
3. renamed to its final ``*.nq57.zip`` name and the folder fsync'ed;
4. read back from the folder with the importer's own hardened reader and
   compared with what was written; only then is the export reported done
   and logged in the audit log.

On any error or cancel both the temporary and the final file are removed.
Runs on a worker thread (no Qt); ``progress(done, total, message)`` and
``cancel()`` are called from that thread.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import uuid as uuid_mod
import zipfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import audit, paths, texts
from models.bundle import format as fmt
from models.bundle import keys
from models.bundle.reader import BundleRefused, format_size, read_bundle
from models.db import Database
from models.enums import AuditAction, DocumentStatus
from models.errors import AppError, BundleError
from models.fileutil import fsync_dir
from models.periods import parse_period_code, period_label
from models.permissions import Permission, principal_of, require
from models.schema import (
    DocumentFile,
    EvidenceFile,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    IssuedDocument,
    Period,
    Plan,
    TaskUnit,
    TaskUpdate,
    Unit,
    UnitSubmission,
)
from models.services.periods import get_period, local_commune
from models.services.status import indicator_states, ordered_tasks, task_states
from models.textutil import fold
from models.version import program_version

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]

_STEPS = 5


class ExportCancelled(AppError):
    """The user cancelled the export; nothing was left in the folder."""


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat(timespec="seconds")
    return value.isoformat()


def key_folder(db: Database) -> Path:
    """Where the signing key of ``db`` lives: ``<db>.keys/`` beside the file."""
    if db.path is not None:
        return keys.keys_dir(db.path)
    url = db.url
    slug = f"{url.get_backend_name()}-{url.host or 'local'}-{url.database or 'db'}"
    return paths.companion_dir(paths.data_dir() / slug, "keys")


def check_commune_database(session: Session, db: Database) -> None:
    """Refuse to export from an upper-level database."""
    from models.bundle.scope import database_scope

    scope = database_scope(session)
    if scope is not None:
        raise BundleError(
            texts.EXPORT_FROM_UPPER.format(
                db=db.path or db.url.render_as_string(hide_password=True), scope=scope.label
            )
        )


# --- The period's data ----------------------------------------------------------


def build_data(session: Session, period: Period) -> dict[str, Any]:
    """The period's data as stored in ``data.json`` (see docs/bundle-format.md)."""
    commune = local_commune(session)
    plans = list(session.scalars(select(Plan).where(Plan.active.is_(True)).order_by(Plan.id)))
    if not plans:
        raise BundleError(texts.EXPORT_NO_PLAN)
    units = list(session.scalars(select(Unit).order_by(Unit.sort_order, Unit.id)))
    unit_code = {u.id: u.code for u in units}

    tasks = ordered_tasks(session)
    task_ids = [t.id for t in tasks]
    task_uuid = {t.id: t.uuid for t in tasks}
    others: dict[int, list[dict[str, str]]] = defaultdict(list)
    if task_ids:
        for tu in session.scalars(select(TaskUnit).where(TaskUnit.task_id.in_(task_ids))):
            others[tu.task_id].append({"unit_code": unit_code.get(tu.unit_id, ""), "role": tu.role.value})
    states = {s.task_id: s for s in task_states(session, period)}
    plan_uuid = {p.id: p.uuid for p in plans}

    task_rows: list[dict[str, Any]] = []
    for t in tasks:
        st = states.get(t.id)
        task_rows.append(
            {
                "uuid": t.uuid,
                "plan_uuid": plan_uuid.get(t.plan_id),
                "parent_uuid": task_uuid.get(t.parent_id) if t.parent_id else None,
                "code": t.code,
                "title": t.title,
                "group_name": t.group_name,
                "is_group": t.is_group,
                "lead_unit_code": unit_code.get(t.lead_unit_id) if t.lead_unit_id else None,
                "other_units": others.get(t.id, []),
                "expected_output": t.expected_output,
                "timeframe_text": t.timeframe_text,
                "deadline": _iso(t.deadline),
                "recurrence": t.recurrence.value,
                "state": None
                if st is None
                else {
                    "status": st.status.value,
                    "overdue": st.overdue,
                    "deadline": _iso(st.deadline),
                    "progress": st.progress.value if st.progress is not None else None,
                    "percent": st.percent,
                    "completed_on": _iso(st.completed_on),
                    "last_update_uuid": st.last_update.uuid if st.last_update is not None else None,
                },
            }
        )

    ind_states = {s.indicator_id: s for s in indicator_states(session, period)}
    indicators = list(
        session.scalars(
            select(Indicator)
            .join(Plan, Plan.id == Indicator.plan_id)
            .where(Plan.active.is_(True))
            .order_by(Indicator.plan_id, Indicator.sort_order, Indicator.id)
        )
    )
    ind_uuid = {i.id: i.uuid for i in indicators}
    targets: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if indicators:
        for tg in session.scalars(
            select(IndicatorTarget)
            .where(IndicatorTarget.indicator_id.in_(list(ind_uuid)))
            .order_by(IndicatorTarget.year)
        ):
            targets[tg.indicator_id].append(
                {"year": tg.year, "comparator": tg.comparator.value, "value": tg.value, "raw_text": tg.raw_text}
            )
    ind_rows: list[dict[str, Any]] = []
    for ind in indicators:
        s = ind_states.get(ind.id)
        ind_rows.append(
            {
                "uuid": ind.uuid,
                "plan_uuid": plan_uuid.get(ind.plan_id),
                "code": ind.code,
                "name": ind.name,
                "group_name": ind.group_name,
                "measure_unit": ind.measure_unit.value,
                "unit_label": ind.unit_label,
                "comparator": ind.comparator.value,
                "baseline": ind.baseline,
                "baseline_year": ind.baseline_year,
                "cumulative": ind.cumulative,
                "lead_unit_code": unit_code.get(ind.lead_unit_id) if ind.lead_unit_id else None,
                "targets": targets.get(ind.id, []),
                "state": {
                    "comparator": s.comparator.value if s else ind.comparator.value,
                    "target_year": s.target_year if s else None,
                    "target_value": s.target_value if s else None,
                    "target_text": s.target_text if s else "",
                    "value": s.value if s else None,
                    "yes": s.yes if s else None,
                    "note": s.note if s else "",
                    "evaluation": s.evaluation.value if s and s.evaluation else None,
                },
            }
        )

    evidence: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    updates = list(session.scalars(select(TaskUpdate).where(TaskUpdate.period_id == period.id)))
    values = list(session.scalars(select(IndicatorValue).where(IndicatorValue.period_id == period.id)))
    upd_ids = [u.id for u in updates]
    val_ids = [v.id for v in values]
    if upd_ids or val_ids:
        for ev in session.scalars(
            select(EvidenceFile).where(
                EvidenceFile.task_update_id.in_(upd_ids) | EvidenceFile.indicator_value_id.in_(val_ids)
            )
        ):
            row = {"uuid": ev.uuid, "original_name": ev.original_name, "sha256": ev.sha256, "size": ev.size}
            if ev.task_update_id is not None:
                evidence[("task", ev.task_update_id)].append(row)
            else:
                evidence[("indicator", ev.indicator_value_id or 0)].append(row)
    update_rows = [
        {
            "uuid": u.uuid,
            "task_uuid": task_uuid.get(u.task_id),
            "progress": u.progress.value,
            "percent": u.percent,
            "completed_on": _iso(u.completed_on),
            "result": u.result,
            "difficulties": u.difficulties,
            "proposals": u.proposals,
            "updated_by_name": u.updated_by_name,
            "updated_at": _iso(u.updated_at),
            "evidence": evidence.get(("task", u.id), []),
        }
        for u in updates
        if u.task_id in task_uuid
    ]
    value_rows = [
        {
            "uuid": v.uuid,
            "indicator_uuid": ind_uuid.get(v.indicator_id),
            "value": v.value,
            "yes": v.yes,
            "note": v.note,
            "updated_by_name": v.updated_by_name,
            "updated_at": _iso(v.updated_at),
            "evidence": evidence.get(("indicator", v.id), []),
        }
        for v in values
        if v.indicator_id in ind_uuid
    ]
    submissions = [
        {
            "uuid": sub.uuid,
            "unit_code": unit_code.get(sub.unit_id, ""),
            "submitted_at": _iso(sub.submitted_at),
            "submitted_by_name": sub.submitted_by_name,
        }
        for sub in session.scalars(select(UnitSubmission).where(UnitSubmission.period_id == period.id))
    ]
    return {
        "commune": {
            "uuid": commune.uuid,
            "code": commune.commune_code,
            "name": commune.commune_name,
            "province_code": commune.province_code,
            "province_name": commune.province_name,
            "agency_name": commune.agency_name,
            "period_convention": commune.period_convention.value,
            "unit_deadline_day": commune.unit_deadline_day,
            "report_deadline_day": commune.report_deadline_day,
        },
        "period": {
            "uuid": period.uuid,
            "code": period.code,
            "kind": period.kind.value,
            "year": period.year,
            "number": period.number,
            "start_date": _iso(period.start_date),
            "end_date": _iso(period.end_date),
            "locked": period.locked,
            "locked_at": _iso(period.locked_at),
        },
        "plans": [
            {
                "uuid": p.uuid,
                "number": p.number,
                "issued_on": _iso(p.issued_on),
                "issuer": p.issuer,
                "title": p.title,
            }
            for p in plans
        ],
        "units": [
            {"uuid": u.uuid, "code": u.code, "name": u.name, "kind": u.kind.value, "active": u.active}
            for u in units
        ],
        "tasks": task_rows,
        "indicators": ind_rows,
        "task_updates": update_rows,
        "indicator_values": value_rows,
        "unit_submissions": submissions,
        "report": None,
    }


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def build_csv(data: dict[str, Any]) -> tuple[bytes, int]:
    """The data values (DHIS2 dataValueSets layout) as UTF-8 CSV with BOM, and the row count."""
    updates = {u["task_uuid"]: u for u in data["task_updates"]}
    values = {v["indicator_uuid"]: v for v in data["indicator_values"]}
    period = data["period"]["code"]
    org = str(data["commune"]["code"])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(fmt.CSV_COLUMNS)
    rows = 0
    for ind in data["indicators"]:
        st = ind["state"]
        if ind["measure_unit"] == "yesno" or st["yes"] is not None:
            value = "" if st["yes"] is None else ("true" if st["yes"] else "false")
        else:
            value = _num(st["value"])
        own = values.get(ind["uuid"])
        writer.writerow(
            [
                ind["code"],
                fmt.ELEMENT_INDICATOR,
                period,
                org,
                st["evaluation"] or "",
                value,
                own["updated_by_name"] if own else "",
                own["updated_at"] or "" if own else "",
                st["note"],
            ]
        )
        rows += 1
    for task in data["tasks"]:
        st = task["state"]
        if st is None:
            continue
        own = updates.get(task["uuid"])
        writer.writerow(
            [
                task["code"],
                fmt.ELEMENT_TASK,
                period,
                org,
                st["status"],
                _num(st["percent"]),
                own["updated_by_name"] if own else "",
                own["updated_at"] or "" if own else "",
                own["result"] if own else "",
            ]
        )
        rows += 1
    return buf.getvalue().encode("utf-8-sig"), rows


def _issued_report(session: Session, db: Database, period: Period) -> tuple[IssuedDocument | None, dict[str, bytes]]:
    """The latest issued report of the period and its PDF/Excel files (if present and intact)."""
    doc = session.scalar(
        select(IssuedDocument)
        .where(IssuedDocument.period_id == period.id, IssuedDocument.status == DocumentStatus.ISSUED)
        .order_by(IssuedDocument.issued_on.desc(), IssuedDocument.id.desc())
    )
    files: dict[str, bytes] = {}
    if doc is None:
        return None, files
    base = db.path.parent if db.path is not None else paths.data_dir()
    for df in session.scalars(select(DocumentFile).where(DocumentFile.document_id == doc.id)):
        member = {"pdf": fmt.REPORT_PDF, "xlsx": fmt.REPORT_XLSX}.get(df.fmt)
        if member is None or member in files:
            continue
        path = Path(df.path)
        if not path.is_absolute():
            path = base / path
        try:
            content = path.read_bytes()
        except OSError:
            continue
        if len(content) <= fmt.MAX_MEMBER_BYTES and hashlib.sha256(content).hexdigest() == df.sha256:
            files[member] = content
    return doc, files


# --- Writing -------------------------------------------------------------------


def bundle_file_name(*, commune_code: int, commune_name: str, period_code: str, created: dt.datetime) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(commune_name)).strip("-")[:40] or "xa"
    stamp = created.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S")
    return f"{commune_code}_{slug}_{period_code}_{stamp}{fmt.FILE_SUFFIX}"


def _zip_bytes(members: dict[str, bytes], manifest_bytes: bytes, signature: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        stamp = (2026, 1, 1, 0, 0, 0)
        for name, content in [(fmt.MANIFEST, manifest_bytes), (fmt.SIGNATURE, (signature + "\n").encode("ascii"))] + sorted(members.items()):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, content)
    return buf.getvalue()


def write_atomically(content: bytes, *, folder: Path, name: str) -> Path:
    """Write ``content`` to ``folder/name`` via a temporary name, fsync'ed, then renamed.

    Returns the final path (a ``-2``, ``-3`` ... suffix if the name is taken).
    On any error the temporary file is removed and the error propagates.
    """
    final = folder / name
    n = 2
    while final.exists():
        stem = name[: -len(fmt.FILE_SUFFIX)] if name.endswith(fmt.FILE_SUFFIX) else name
        final = folder / f"{stem}-{n}{fmt.FILE_SUFFIX}"
        n += 1
    tmp = folder / (final.name + fmt.TEMP_SUFFIX)
    try:
        with open(tmp, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)
        fsync_dir(folder, strict=True)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return final


def export_bundle(
    db: Database,
    *,
    period_code: str,
    out_dir: Path,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    actor: audit.Actor | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """Export the period ``period_code`` of the commune database ``db`` into ``out_dir``.

    Returns the path of the verified bundle. Raises ``BundleError`` /
    ``AppError`` with a Vietnamese message; on failure nothing is left in
    ``out_dir``. ``now`` fixes the creation time (tests, benchmarks).
    """
    def step(i: int, message: str) -> None:
        if cancel is not None and cancel():
            raise ExportCancelled(texts.EXPORT_CANCELLED)
        if progress is not None:
            progress(i, _STEPS, message)

    out_dir = Path(out_dir)
    if not out_dir.is_dir() or not os.access(out_dir, os.W_OK):
        raise BundleError(texts.EXPORT_NO_FOLDER.format(path=out_dir))
    ref = parse_period_code(period_code)
    created = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)

    step(0, "Đang đọc số liệu của kỳ…")
    with db.session(actor=actor) as s:
        require(principal_of(s, actor), Permission.EXPORT_BUNDLE)
        check_commune_database(s, db)
        period = get_period(s, ref.code)
        commune = local_commune(s)
        data = build_data(s, period)
        doc, report_files = _issued_report(s, db, period)
        if doc is not None:
            data["report"] = {
                "uuid": doc.uuid,
                "number": doc.number,
                "symbol": doc.symbol,
                "year": doc.year,
                "issued_on": _iso(doc.issued_on),
                "summary": doc.summary,
                "files": sorted(report_files),
            }
        province = (commune.province_code, commune.province_name)
        commune_ident = (commune.commune_code, commune.commune_name)
        period_bounds = (period.start_date, period.end_date, period.kind.value)

    step(1, "Đang lập gói dữ liệu…")
    data_bytes = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    csv_bytes, n_values = build_csv(data)
    members: dict[str, bytes] = {fmt.DATA: data_bytes, fmt.DATAVALUES: csv_bytes, **report_files}
    pair = keys.installation_keys(db.path) if db.path is not None else keys.load_or_create(key_folder(db))
    manifest = fmt.Manifest(
        format_version=fmt.FORMAT_VERSION,
        program_version=program_version(),
        bundle_id=str(uuid_mod.uuid4()),
        created_at=created,
        province_code=province[0],
        province_name=province[1],
        commune_code=commune_ident[0],
        commune_name=commune_ident[1],
        period_code=ref.code,
        period_kind=period_bounds[2],
        period_start=period_bounds[0],
        period_end=period_bounds[1],
        period_label=period_label(ref),
        counts={
            "units": len(data["units"]),
            "tasks": len(data["tasks"]),
            "reported_tasks": sum(1 for t in data["tasks"] if t["state"] is not None),
            "task_updates": len(data["task_updates"]),
            "indicators": len(data["indicators"]),
            "indicator_values": len(data["indicator_values"]),
            "unit_submissions": len(data["unit_submissions"]),
            "data_values": n_values,
        },
        members={
            name: fmt.MemberInfo(size=len(content), sha256=hashlib.sha256(content).hexdigest())
            for name, content in members.items()
        },
        public_key=pair.public_b64,
        fingerprint=pair.fingerprint,
    )
    manifest_bytes = json.dumps(manifest.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
    content = _zip_bytes(members, manifest_bytes, pair.sign(manifest_bytes))
    del members, data_bytes, csv_bytes
    expected_sha = hashlib.sha256(content).hexdigest()
    name = bundle_file_name(
        commune_code=commune_ident[0], commune_name=commune_ident[1], period_code=ref.code, created=created
    )

    step(2, "Đang ghi gói vào thư mục…")
    try:
        final = write_atomically(content, folder=out_dir, name=name)
    except OSError as exc:
        raise BundleError(
            texts.EXPORT_WRITE_FAILED.format(folder=out_dir, reason=_os_reason(exc)), detail=repr(exc)
        ) from exc
    del content

    try:
        step(3, "Đang đọc lại để kiểm tra…")
        try:
            check = read_bundle(final)
        except BundleRefused as exc:
            raise BundleError(
                texts.EXPORT_VERIFY_FAILED.format(folder=out_dir, reason=exc.reason), detail=exc.detail
            ) from exc
        if check.sha256 != expected_sha or check.manifest.bundle_id != manifest.bundle_id:
            raise BundleError(texts.EXPORT_VERIFY_FAILED.format(folder=out_dir, reason="SHA-256"))
        step(4, "Đang ghi nhật ký…")
        with db.transaction(actor=actor) as s:
            audit.log_event(
                s,
                AuditAction.EXPORT,
                entity="period",
                entity_uuid=period_uuid(s, ref.code),
                summary=texts.EXPORT_AUDIT.format(
                    period=period_label(ref), size=format_size(check.size), path=final
                ),
                after={"bundle_id": manifest.bundle_id, "sha256": expected_sha, "file": final.name},
            )
    except BaseException:
        final.unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(_STEPS, _STEPS, texts.EXPORT_DONE.format(period=period_label(ref), commune=commune_ident[1], path=final))
    return final


def period_uuid(session: Session, code: str) -> str | None:
    return session.scalar(select(Period.uuid).where(Period.code == code))


def _os_reason(exc: OSError) -> str:
    import errno

    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "ổ đĩa đã đầy"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "không có quyền ghi hoặc ổ chỉ cho phép đọc"
    if exc.errno in (errno.ENOENT, errno.EIO, errno.ENODEV, getattr(errno, "ENXIO", -1)):
        return "ổ đĩa không còn truy cập được (USB đã bị rút ra?)"
    return exc.strerror or exc.__class__.__name__
