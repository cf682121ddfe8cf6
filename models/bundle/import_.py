"""Import communes' data bundles into an upper-level (province or national) database.

Rules:
- Every bundle is checked completely by ``models.bundle.reader`` and against
  the database's scope before anything is written; a refused bundle changes
  nothing and gets a Vietnamese reason.
- Each bundle is imported in its own transaction: a failure in the middle of a
  batch leaves the bundles before it imported and nothing of the failed one.
- The same bundle twice (same SHA-256 of the file, or the same bundle id) is
  recognised and skipped.
- A newer bundle (later ``created_at``) for the same commune and period
  replaces the one in use: the old import stays as history with
  ``current = False`` and ``superseded_by_id``. An older one arriving late is
  kept as history only.
- Trust on first use: the first bundle of a commune makes its key trusted
  (``TrustedKey``); later bundles signed by another key are refused unless
  ``accept_key_change`` (an administrator's decision), which is logged.
- A dry run reads and checks everything and reports what would happen,
  counting earlier bundles of the same run, and writes nothing.
- Streaming: one bundle in memory at a time; the data values go in with one
  bulk insert per bundle.

Runs on a worker thread (no Qt). ``progress(done, total, message)`` and
``cancel()`` are called between bundles; a cancel stops before the next
bundle (the ones done stay imported).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from models import audit, texts
from models.bundle import format as fmt
from models.bundle.reader import BundleRefused, ReadBundle, file_sha256, read_bundle
from models.bundle.scope import Scope, ensure_upper_level
from models.db import Database
from models.enums import AuditAction
from models.periods import parse_period_code, period_label
from models.permissions import Permission, principal_of, require
from models.schema import BundleImport, ConsolidatedValue, TrustedKey

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]

VN_TZ = dt.timezone(dt.timedelta(hours=7))


class Outcome(enum.StrEnum):
    NEW = "new"  # first bundle of the commune for the period
    REPLACED = "replaced"  # newer than the one in use, which becomes history
    OLDER = "older"  # older than the one in use: kept as history only
    DUPLICATE = "duplicate"  # already imported: skipped
    REFUSED = "refused"  # not imported; ``reason`` says why


class KeyEvent(enum.StrEnum):
    FIRST_USE = "first_use"
    ACCEPTED_CHANGE = "accepted_change"


def vn_time(value: dt.datetime | None) -> str:
    """``17:08 21/11/2026`` in Vietnam time."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(VN_TZ).strftime("%H:%M %d/%m/%Y")


@dataclass
class ImportResult:
    """What happened (or, in a dry run, would happen) to one bundle file."""

    path: Path
    outcome: Outcome
    dry_run: bool = False
    commune_code: int | None = None
    commune_name: str = ""
    province_code: int | None = None
    period_code: str = ""
    period_label: str = ""
    created_at: dt.datetime | None = None
    values: int = 0
    replaced_created_at: dt.datetime | None = None  # of the bundle it replaces / that stays current
    key_event: KeyEvent | None = None
    fingerprint: str = ""
    old_fingerprint: str = ""
    reason_code: str = ""
    reason: str = ""
    import_id: int | None = None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def refused(self) -> bool:
        return self.outcome is Outcome.REFUSED

    @property
    def key_change_refused(self) -> bool:
        return self.reason_code == "key_changed"

    def lines(self) -> list[str]:
        """The Vietnamese summary of this bundle (first line, then key notes)."""
        args: dict[str, Any] = {
            "name": self.name,
            "commune": self.commune_name,
            "period": self.period_label or self.period_code,
            "values": self.values,
            "old": vn_time(self.replaced_created_at),
            "current": vn_time(self.replaced_created_at),
            "reason": self.reason,
        }
        if self.outcome is Outcome.REFUSED:
            return [texts.IMPORT_OUTCOME_REFUSED.format(**args)]
        if self.outcome is Outcome.DUPLICATE:
            return [texts.IMPORT_OUTCOME_DUPLICATE.format(**args)]
        template = {
            (Outcome.NEW, False): texts.IMPORT_OUTCOME_NEW,
            (Outcome.REPLACED, False): texts.IMPORT_OUTCOME_REPLACED,
            (Outcome.OLDER, False): texts.IMPORT_OUTCOME_OLDER,
            (Outcome.NEW, True): texts.IMPORT_DRY_NEW,
            (Outcome.REPLACED, True): texts.IMPORT_DRY_REPLACED,
            (Outcome.OLDER, True): texts.IMPORT_DRY_OLDER,
        }[(self.outcome, self.dry_run)]
        out = [template.format(**args)]
        if self.key_event is KeyEvent.FIRST_USE:
            out.append(texts.IMPORT_KEY_FIRST_USE.format(commune=self.commune_name, fingerprint=self.fingerprint))
        elif self.key_event is KeyEvent.ACCEPTED_CHANGE:
            out.append(
                texts.IMPORT_KEY_ACCEPTED.format(
                    commune=self.commune_name, new=self.fingerprint, old=self.old_fingerprint
                )
            )
        return out

    @property
    def message(self) -> str:
        return "\n".join(self.lines())


def summary_line(results: Sequence[ImportResult]) -> str:
    counts = {o: 0 for o in Outcome}
    for r in results:
        counts[r.outcome] += 1
    return texts.IMPORT_SUMMARY.format(
        total=len(results),
        new=counts[Outcome.NEW],
        replaced=counts[Outcome.REPLACED],
        older=counts[Outcome.OLDER],
        duplicate=counts[Outcome.DUPLICATE],
        refused=counts[Outcome.REFUSED],
    )


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given; folders give their ``*.nq57.zip`` files (sub-folders too), sorted."""
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        found = sorted(p.rglob("*" + fmt.FILE_SUFFIX)) if p.is_dir() else [p]
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


@dataclass
class _Overlay:
    """What earlier bundles of a dry run would have written."""

    shas: set[str] = field(default_factory=set)
    bundle_ids: set[str] = field(default_factory=set)
    keys: dict[int, tuple[str, str]] = field(default_factory=dict)  # commune -> (public key, fingerprint)
    current: dict[tuple[int, str], dt.datetime] = field(default_factory=dict)


@dataclass
class _Decision:
    outcome: Outcome
    key_event: KeyEvent | None = None
    old_key: TrustedKey | None = None
    old_fingerprint: str = ""
    current: BundleImport | None = None
    current_created_at: dt.datetime | None = None


def _as_utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _decide(s: Session, rb: ReadBundle, *, accept_key_change: bool, overlay: _Overlay | None) -> _Decision:
    m = rb.manifest
    if (overlay and (rb.sha256 in overlay.shas or m.bundle_id in overlay.bundle_ids)) or s.scalar(
        select(BundleImport.id).where(
            (BundleImport.bundle_sha256 == rb.sha256) | (BundleImport.bundle_id == m.bundle_id)
        ).limit(1)
    ) is not None:
        return _Decision(Outcome.DUPLICATE)

    decision = _Decision(Outcome.NEW)
    trusted = overlay.keys.get(m.commune_code) if overlay else None
    if trusted is None:
        key = s.scalar(
            select(TrustedKey)
            .where(TrustedKey.commune_code == m.commune_code, TrustedKey.active.is_(True))
            .order_by(TrustedKey.id.desc())
            .limit(1)
        )
        if key is not None:
            trusted = (key.public_key, key.fingerprint)
            decision.old_key = key
    if trusted is None:
        decision.key_event = KeyEvent.FIRST_USE
    elif trusted[0] != m.public_key:
        decision.old_fingerprint = trusted[1]
        if not accept_key_change:
            refusal = BundleRefused(
                "key_changed",
                name=rb.name,
                reason=texts.BUNDLE_R_KEY_CHANGED.format(
                    commune=rb.commune.name, old=trusted[1], new=m.fingerprint
                ),
            )
            refusal.old_fingerprint = trusted[1]  # shown beside the new one when asking an administrator
            raise refusal
        decision.key_event = KeyEvent.ACCEPTED_CHANGE

    current_at = overlay.current.get((m.commune_code, m.period_code)) if overlay else None
    if current_at is None:
        cur = s.scalar(
            select(BundleImport)
            .where(
                BundleImport.commune_code == m.commune_code,
                BundleImport.period_code == m.period_code,
                BundleImport.current.is_(True),
            )
            .order_by(BundleImport.id.desc())
            .limit(1)
            .with_for_update()
        )
        if cur is not None:
            decision.current = cur
            current_at = _as_utc(cur.created_at)
    if current_at is not None:
        decision.current_created_at = current_at
        decision.outcome = Outcome.REPLACED if m.created_at > current_at else Outcome.OLDER
    return decision


def consolidated_rows(rb: ReadBundle, import_id: int) -> list[dict[str, Any]]:
    """The data values of a bundle as ``consolidated_value`` rows."""
    m = rb.manifest
    base = {"import_id": import_id, "commune_code": m.commune_code, "period_code": m.period_code}
    rows: list[dict[str, Any]] = []
    for ind in rb.data["indicators"]:
        st = ind["state"]
        rows.append(
            {
                **base,
                "element_kind": fmt.ELEMENT_INDICATOR,
                "element_code": str(ind["code"])[:30],
                "element_name": ind["name"],
                "unit_label": str(ind.get("unit_label") or "")[:40],
                "measure_unit": str(ind["measure_unit"])[:20],
                "numeric": float(st["value"]) if st["value"] is not None else None,
                "yes": st["yes"],
                "target": float(st["target_value"]) if st["target_value"] is not None else None,
                "comparator": (st.get("comparator") or ind.get("comparator") or None),
                "evaluation": st["evaluation"],
                "status": None,
                "comment": str(st.get("note") or ""),
            }
        )
    for task in rb.data["tasks"]:
        st = task["state"]
        if st is None:
            continue
        rows.append(
            {
                **base,
                "element_kind": fmt.ELEMENT_TASK,
                "element_code": str(task["code"])[:30],
                "element_name": task["title"],
                "unit_label": "%",
                "measure_unit": None,
                "numeric": float(st["percent"]) if st["percent"] is not None else None,
                "yes": None,
                "target": None,
                "comparator": None,
                "evaluation": None,
                "status": str(st["status"])[:32],
                "comment": "",
            }
        )
    return rows


def _apply(s: Session, rb: ReadBundle, d: _Decision, *, actor: audit.Actor) -> tuple[int, int]:
    """Write one bundle (inside the caller's transaction); returns (import id, value count)."""
    m = rb.manifest
    if d.key_event is KeyEvent.FIRST_USE:
        s.add(TrustedKey(commune_code=m.commune_code, public_key=m.public_key, fingerprint=m.fingerprint))
    elif d.key_event is KeyEvent.ACCEPTED_CHANGE:
        for old in s.scalars(
            select(TrustedKey).where(TrustedKey.commune_code == m.commune_code, TrustedKey.active.is_(True))
        ):
            old.active = False
        s.add(
            TrustedKey(
                commune_code=m.commune_code,
                public_key=m.public_key,
                fingerprint=m.fingerprint,
                accepted_by=actor.username[:64],
            )
        )
        audit.log_event(
            s,
            AuditAction.KEY_CHANGE_ACCEPTED,
            entity="trusted_key",
            summary=texts.IMPORT_AUDIT_KEY_CHANGE.format(
                commune=rb.commune.name, new=m.fingerprint, old=d.old_fingerprint
            ),
            before={"fingerprint": d.old_fingerprint},
            after={"fingerprint": m.fingerprint, "commune_code": m.commune_code, "bundle": rb.name},
        )
    row = BundleImport(
        bundle_sha256=rb.sha256,
        bundle_id=m.bundle_id,
        commune_code=m.commune_code,
        province_code=m.province_code,
        commune_name=rb.commune.name,
        period_code=m.period_code,
        created_at=m.created_at,
        imported_by=actor.username[:64],
        format_version=m.format_version,
        program_version=m.program_version[:30],
        key_fingerprint=m.fingerprint,
        current=d.outcome is not Outcome.OLDER,
        manifest=m.summary_json,
        report_pdf=rb.report_pdf,
        report_xlsx=rb.report_xlsx,
    )
    if d.outcome is Outcome.OLDER and d.current is not None:
        row.superseded_by_id = d.current.id
    s.add(row)
    s.flush()
    if d.outcome is Outcome.REPLACED and d.current is not None:
        d.current.current = False
        d.current.superseded_by_id = row.id
    values = consolidated_rows(rb, row.id)
    if values:
        s.execute(insert(ConsolidatedValue), values)
    audit.log_event(
        s,
        AuditAction.IMPORT,
        entity="bundle_import",
        entity_uuid=row.uuid,
        summary=texts.IMPORT_AUDIT.format(commune=rb.commune.name, period=m.period_label, name=rb.name),
        after={
            "outcome": d.outcome.value,
            "sha256": rb.sha256,
            "bundle_id": m.bundle_id,
            "created_at": m.created_at.isoformat(),
        },
    )
    return row.id, len(values)


def _result_from(rb: ReadBundle, outcome: Outcome, *, dry_run: bool) -> ImportResult:
    m = rb.manifest
    return ImportResult(
        path=rb.path,
        outcome=outcome,
        dry_run=dry_run,
        commune_code=m.commune_code,
        commune_name=rb.commune.name,
        province_code=m.province_code,
        period_code=m.period_code,
        period_label=m.period_label,
        created_at=m.created_at,
        fingerprint=m.fingerprint,
    )


def _refused(path: Path, exc: BundleRefused, *, dry_run: bool, rb: ReadBundle | None = None) -> ImportResult:
    result = _result_from(rb, Outcome.REFUSED, dry_run=dry_run) if rb is not None else ImportResult(
        path=path, outcome=Outcome.REFUSED, dry_run=dry_run
    )
    result.reason_code = exc.code
    result.reason = exc.reason
    result.old_fingerprint = exc.old_fingerprint
    return result


def import_bundles(
    db: Database,
    paths: Iterable[Path | str],
    *,
    scope: Scope | None,
    actor: audit.Actor,
    dry_run: bool = False,
    accept_key_change: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> list[ImportResult]:
    """Import (or with ``dry_run`` only check) the bundles found in ``paths``.

    ``scope`` is the upper-level scope (a fresh database takes it; an
    existing one must agree; None = the database's own). Raises
    ``BundleError`` when the database is a commune's or has no scope; a
    refused bundle is a result with ``Outcome.REFUSED``, not an exception.
    """
    with db.session() as s:
        who = principal_of(s, actor)
        require(who, Permission.IMPORT_BUNDLE)
        if accept_key_change:
            require(who, Permission.ACCEPT_KEY_CHANGE)
    files = expand_paths(paths)
    db_scope = ensure_upper_level(db, scope, write=not dry_run)
    overlay = _Overlay() if dry_run else None
    results: list[ImportResult] = []
    total = len(files)
    for i, path in enumerate(files):
        if cancel is not None and cancel():
            break
        if progress is not None:
            progress(i, total, path.name)
        results.append(
            _import_one(
                db, path, scope=db_scope, actor=actor, overlay=overlay, accept_key_change=accept_key_change
            )
        )
    if progress is not None:
        progress(len(results), total, summary_line(results))
    return results


def _import_one(
    db: Database,
    path: Path,
    *,
    scope: Scope,
    actor: audit.Actor,
    overlay: _Overlay | None,
    accept_key_change: bool,
) -> ImportResult:
    dry_run = overlay is not None
    try:
        sha = file_sha256(path)
    except OSError:
        sha = None
    if sha is not None and overlay is None:
        # Cheap early exit: the same file again needs no further reading.
        with db.session() as s:
            known = s.execute(
                select(BundleImport.commune_name, BundleImport.period_code, BundleImport.commune_code)
                .where(BundleImport.bundle_sha256 == sha)
            ).first()
        if known is not None:
            return ImportResult(
                path=path,
                outcome=Outcome.DUPLICATE,
                commune_name=known[0],
                period_code=known[1],
                period_label=period_label(parse_period_code(known[1])),
                commune_code=known[2],
            )
    try:
        rb = read_bundle(path, sha256=sha)
    except BundleRefused as exc:
        return _refused(path, exc, dry_run=dry_run)
    if not scope.contains(rb.commune):
        refusal = BundleRefused(
            "out_of_scope",
            name=rb.name,
            reason=texts.BUNDLE_R_OUT_OF_SCOPE.format(
                commune=rb.commune.name, province=rb.commune.province.name, scope=scope.label
            ),
        )
        return _refused(path, refusal, dry_run=dry_run, rb=rb)

    if overlay is not None:
        with db.session() as s:
            try:
                d = _decide(s, rb, accept_key_change=accept_key_change, overlay=overlay)
            except BundleRefused as exc:
                return _refused(path, exc, dry_run=True, rb=rb)
            result = _result_from(rb, d.outcome, dry_run=True)
            result.key_event = d.key_event
            result.old_fingerprint = d.old_fingerprint
            result.replaced_created_at = d.current_created_at
            result.values = rb.manifest.counts.get("data_values", 0)
            if d.outcome is not Outcome.DUPLICATE:
                m = rb.manifest
                overlay.shas.add(rb.sha256)
                overlay.bundle_ids.add(m.bundle_id)
                overlay.keys[m.commune_code] = (m.public_key, m.fingerprint)
                if d.outcome is not Outcome.OLDER:
                    overlay.current[(m.commune_code, m.period_code)] = m.created_at
            s.rollback()
        return result

    try:
        with db.transaction(actor=actor) as s:
            d = _decide(s, rb, accept_key_change=accept_key_change, overlay=None)
            result = _result_from(rb, d.outcome, dry_run=False)
            result.key_event = d.key_event
            result.old_fingerprint = d.old_fingerprint
            result.replaced_created_at = d.current_created_at
            if d.outcome is not Outcome.DUPLICATE:
                result.import_id, result.values = _apply(s, rb, d, actor=actor)
    except BundleRefused as exc:
        return _refused(path, exc, dry_run=False, rb=rb)
    except IntegrityError:
        # Imported meanwhile by another session: the unique SHA-256 caught it.
        return _result_from(rb, Outcome.DUPLICATE, dry_run=False)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", exc) or exc).splitlines()[0][:200]
        return _refused(
            path,
            BundleRefused("db_error", name=rb.name, reason=texts.BUNDLE_R_DB_ERROR.format(reason=reason)),
            dry_run=False,
            rb=rb,
        )
    return result
