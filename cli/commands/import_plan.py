"""``python main.py import-plan FILE``: read a plan file, print it, or import it.

* ``--dry-run`` reads and prints only (``--format json`` prints
  ``ParsedPlan.to_json()``, Vietnamese kept as is with ``ensure_ascii=False``);
* without ``--dry-run`` and with ``--db`` the plan is saved in one
  transaction: unit names that match the commune's units are used, the
  others are added as new units and listed (``--no-new-units`` leaves them
  unassigned), an active plan is extended unless ``--replace``;
* ``--write-template`` writes the Excel template to FILE instead;
* an unreadable file ends with a Vietnamese one-liner and exit code 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sqlalchemy import select

from models.audit import Actor
from models.db import open_database
from models.errors import InputError
from models.plan_import import texts as T
from models.plan_import.model import ParsedPlan
from models.plan_import.units import MatchKind, UnitRef, match_units
from models.schema import Unit

CLI_ACTOR = "dòng lệnh"


def register(sub: argparse._SubParsersAction, parent: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("import-plan", parents=[parent], help=T.CLI_HELP, description=T.CLI_HELP)
    p.add_argument("file", metavar="FILE", help=T.CLI_FILE_HELP)
    p.add_argument("--dry-run", action="store_true", help=T.CLI_DRY_RUN_HELP)
    p.add_argument("--format", choices=("json", "text"), default="text", help=T.CLI_FORMAT_HELP)
    p.add_argument("--replace", action="store_true", help=T.CLI_REPLACE_HELP)
    p.add_argument("--clean-rows-only", action="store_true", help=T.CLI_CLEAN_ONLY_HELP)
    p.add_argument("--no-new-units", action="store_true", help=T.CLI_NO_NEW_UNITS_HELP)
    p.add_argument("--write-template", action="store_true", help=T.CLI_TEMPLATE_HELP)
    p.set_defaults(handler=run)


def _units_of(db_target: str | None) -> list[UnitRef]:
    if db_target is None:
        return []
    db = open_database(db_target, create=False)
    try:
        with db.session() as session:
            return [UnitRef(u.id, u.code, u.name) for u in session.scalars(select(Unit))]
    finally:
        db.close()


def _print_text(plan: ParsedPlan) -> None:
    out = sys.stdout
    groups = sum(1 for t in plan.tasks if t.is_group)
    print(
        T.CLI_SUMMARY.format(
            tasks=len(plan.tasks) - groups,
            groups=groups,
            indicators=len(plan.indicators),
            reporting=len(plan.reporting),
            warnings=len(plan.warnings),
        ),
        file=out,
    )
    depth: dict[str, int] = {}
    print(f"\n{T.CLI_HEADING_TASKS}", file=out)
    for task in plan.tasks:
        level = depth.get(task.parent, -1) + 1 if task.parent else 0
        depth[task.code] = level
        extra = []
        if task.lead_units:
            extra.append(T.CLI_LEAD.format(units="; ".join(task.lead_units)))
        if task.cooperating_units:
            extra.append(T.CLI_COOP.format(units="; ".join(task.cooperating_units)))
        if task.timeframe_text:
            extra.append(T.CLI_TIME.format(text=task.timeframe_text))
        title = task.title if len(task.title) <= 100 else task.title[:99] + "…"
        print(
            T.CLI_TASK_LINE.format(
                indent="  " * level,
                code=task.code,
                title=title,
                extra=(" [" + "; ".join(extra) + "]") if extra else "",
            ),
            file=out,
        )
    if plan.indicators:
        print(f"\n{T.CLI_HEADING_INDICATORS}", file=out)
        for indicator in plan.indicators:
            targets = ", ".join(f"{year}: {raw}" for year, raw in sorted(indicator.targets.items()))
            extra = (
                " [" + T.CLI_LEAD.format(units="; ".join(indicator.lead_units)) + "]"
                if indicator.lead_units
                else ""
            )
            print(
                T.CLI_INDICATOR_LINE.format(
                    code=indicator.code,
                    name=indicator.name,
                    unit=indicator.unit_label,
                    targets=targets,
                    extra=extra,
                ),
                file=out,
            )
    if plan.reporting:
        print(f"\n{T.CLI_HEADING_REPORTING}", file=out)
        for rule in plan.reporting:
            print(f"- {rule.text}", file=out)
    if plan.warnings:
        print(f"\n{T.CLI_HEADING_WARNINGS}", file=out)
        for warning in plan.warnings:
            print(f"- {warning.text()}", file=out)


def run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if args.write_template:
        from models.plan_import.excel import write_template

        units = [u.name for u in _units_of(args.db)]
        write_template(path, unit_names=units)
        print(T.CLI_TEMPLATE_WRITTEN.format(path=path))
        return 0
    if not args.dry_run and args.db is None:
        raise InputError(T.CLI_NEEDS_DB)
    units = _units_of(args.db)
    from models.plan_import.parser import parse_document
    from models.plan_import.text_source import read_document

    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        from models.plan_import.excel import import_workbook

        result = import_workbook(path, known_units=[u.name for u in units])
        plan = result.plan
        if result.errors and not args.dry_run and not args.clean_rows_only:
            for warning in result.errors:
                print(warning.text(), file=sys.stderr)
            raise InputError(T.XL_HAS_ERRORS.format(count=len(result.errors)))
    else:
        plan = parse_document(read_document(path), known_units=[u.name for u in units])

    if args.dry_run:
        if args.format == "json":
            print(json.dumps(plan.to_json(), ensure_ascii=False, indent=2))
        else:
            _print_text(plan)
        return 0

    from models.plan_import.commit import import_plan

    matches = match_units(plan.unit_names(), units)
    mapping: dict[str, int | None] = {}
    new_units = {}
    for name, match in matches.items():
        if match.kind in (MatchKind.EXACT, MatchKind.SIMILAR) and match.unit is not None:
            mapping[name] = match.unit.id
        elif match.kind is MatchKind.NEW and match.proposal is not None and not args.no_new_units:
            new_units[name] = match.proposal
        else:
            mapping[name] = None
    db = open_database(args.db)
    try:
        _plan_id, summary = import_plan(
            db,
            plan,
            actor=Actor.system(CLI_ACTOR),
            unit_mapping=mapping,
            new_units=new_units,
            replace=args.replace,
        )
    finally:
        db.close()
    if args.format == "json":
        payload = plan.to_json()
        payload["imported"] = {
            "tasks": summary.tasks,
            "indicators": summary.indicators,
            "new_units": [{"code": c, "name": n} for c, n in summary.new_units],
            "unassigned_units": list(summary.unassigned),
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(
        T.CLI_IMPORTED.format(
            title=plan.title or T.PLAN_DEFAULT_TITLE,
            tasks=summary.tasks,
            indicators=summary.indicators,
        )
    )
    for code, name in summary.new_units:
        print(T.CLI_NEW_UNIT.format(name=name, code=code))
    for name in summary.unassigned:
        print(T.CLI_UNMATCHED_UNIT.format(name=name))
    return 0


__all__ = ["register", "run"]
