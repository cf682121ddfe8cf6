"""The demo commune: a realistic commune database to learn the program on.

Built from ``resources/plans/demo-commune.json`` (the task tree of the
Thượng Hồng plan, the 38 indicators of the Hải Phòng sample and the 15 tasks
of Kế hoạch 02-KH/BCĐTW) for any official commune code, with monthly
updates, indicator values and unit submissions from December 2025 to the
month of ``today``. Everything random comes from ``random.Random`` seeded
with the commune code, so the same code and day give the same database.

The story the data tells: most tasks due in 2025 were finished (some late),
some 2026 tasks are finished, others in progress or overdue, a few never
started; indicators climb towards their targets at different speeds; most
units report by the 15th, a few late, and in the current month several have
not reported yet. Months before the previous one are locked.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import audit, auth, geo, paths
from models.db import Database
from models.enums import (
    AuditAction,
    Comparator,
    DatabaseRole,
    MeasureUnit,
    PeriodConvention,
    PeriodKind,
    Progress,
    Recurrence,
    Role,
    SigningAuthority,
    UnitKind,
    UnitRole,
)
from models.errors import AppError
from models.periods import PeriodRef, period_bounds, submission_deadline
from models.schema import (
    Commune,
    Indicator,
    IndicatorTarget,
    IndicatorUnit,
    IndicatorValue,
    Period,
    Plan,
    Recipient,
    Setting,
    Signer,
    Task,
    TaskUnit,
    TaskUpdate,
    Unit,
    UnitSubmission,
    User,
)
from models.timeframe import parse_timeframe

DEFAULT_COMMUNE_CODE = 10993  # Xã Thượng Hồng, Thành phố Hải Phòng
FIRST_MONTH = (2025, 12)

DEMO_ACCOUNTS: tuple[tuple[str, str, str, Role, str | None], ...] = (
    ("admin", "admin123", "Quản trị hệ thống", Role.ADMIN, None),
    ("tonghop", "tonghop123", "Lê Thị Hồng Nhung", Role.OFFICER, "VHXH"),
    ("lanhdao", "lanhdao123", "Hà Thị Thuý", Role.LEADER, None),
    ("vhxh", "vhxh123", "Trần Văn Minh", Role.UNIT_STAFF, "VHXH"),
)
"""Demo accounts (username, password, name, role, unit): listed in README."""

MEASURE_UNITS = {
    "%": MeasureUnit.PERCENT,
    "số lượng": MeasureUnit.COUNT,
    "chỉ số": MeasureUnit.INDEX,
    "triệu đồng": MeasureUnit.MILLION_VND,
    "có/không": MeasureUnit.YESNO,
}
COMPARATORS = {"≥": Comparator.GE, "≤": Comparator.LE, "=": Comparator.EQ, "x": Comparator.YESNO}


@dataclass(frozen=True)
class DemoSummary:
    commune_name: str
    province_name: str
    tasks: int
    indicators: int
    periods: int
    updates: int
    values: int


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _load(name: str) -> dict[str, Any]:
    path = paths.resources_dir() / "plans" / name
    with path.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _month_refs(first: tuple[int, int], last: dt.date) -> list[PeriodRef]:
    year, month = first
    out = []
    while (year, month) <= (last.year, last.month):
        out.append(PeriodRef(PeriodKind.MONTH, year, month))
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return out


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


class _Builder:
    def __init__(self, session: Session, *, commune_code: int, today: dt.date) -> None:
        self.s = session
        self.today = today
        self.rng = random.Random(commune_code * 7919 + 57)
        self.official = geo.commune_by_code(commune_code)
        self.province = self.official.province
        self.data = _load("demo-commune.json")
        self.phrases = _load("demo-updates.json")
        self.units: dict[str, Unit] = {}
        self.users: dict[str, User] = {}
        self.fill = {
            "xa": f"{self.official.division_type} {self.official.short_name}",
            "ten_xa": self.official.short_name,
            "tinh": self.province.short_name,
            "cap_tinh": self.province.level_word,
        }

    # -- helpers ------------------------------------------------------------
    def t(self, text: str | None) -> str:
        """Fill the commune/province placeholders of a resource string."""
        if not text:
            return ""
        out = text
        for key, value in self.fill.items():
            out = out.replace("{" + key + "}", value)
        return _nfc(out)

    def pick(self, key: str, **kw: Any) -> str:
        template: str = self.rng.choice(self.phrases[key])
        values = {"n": self.rng.randint(2, 6), "m": self.rng.randint(15, 180), **kw}
        return template.format(**values)

    # -- reference data -----------------------------------------------------
    def commune(self) -> Commune:
        reporting = self.data["reporting"]
        commune = Commune(
            province_code=self.province.code,
            province_name=self.province.name,
            commune_code=self.official.code,
            commune_name=self.official.name,
            division_type=self.official.division_type,
            is_local=True,
            agency_line1="ỦY BAN NHÂN DÂN",
            agency_line2=self.official.agency_line2,
            agency_name=self.official.committee_name,
            place_name=self.official.short_name,
            report_symbol="BC-UBND",
            drafting_unit_code=reporting.get("compiling_unit", "VHXH"),
            period_convention=PeriodConvention.CALENDAR,
            unit_deadline_day=int(reporting.get("unit_deadline_day", 15)),
            report_deadline_day=int(reporting.get("commune_report_day", 18)),
        )
        self.s.add(commune)
        self.s.add_all(
            [
                Setting(key="db_role", value=DatabaseRole.COMMUNE.value),
                Setting(key="demo", value=True),
            ]
        )
        return commune

    def reference(self) -> None:
        for order, u in enumerate(self.data["units"]):
            unit = Unit(
                code=u["code"], name=self.t(u["name"]), kind=UnitKind(u["kind"]),
                sort_order=order,
                reports=u["kind"] not in ("external",) or u["code"] in ("THCS", "TYT"),
            )
            self.units[u["code"]] = unit
            self.s.add(unit)
        for order, sg in enumerate(self.data["signers"]):
            authority = sg["authority"]
            if authority.startswith("KT"):
                signer = Signer(
                    full_name=self.t(sg["name"]), authority=SigningAuthority.KT,
                    body="ỦY BAN NHÂN DÂN", on_behalf_of="CHỦ TỊCH", title=sg["title"],
                    is_default=False, sort_order=order,
                )
            else:
                signer = Signer(
                    full_name=self.t(sg["name"]), authority=SigningAuthority.TM,
                    body=sg.get("body") or "ỦY BAN NHÂN DÂN", title=sg["title"],
                    is_default=True, sort_order=order,
                )
            self.s.add(signer)
        for order, r in enumerate(self.data["recipients"]):
            self.s.add(
                Recipient(
                    name=self.t(r["name"]), short_name=self.t(r["short"]), upward=bool(r["upward"]),
                    default_selected=bool(r.get("default", True)), sort_order=order,
                )
            )
        self.s.flush()
        for username, password, name, role, unit_code in DEMO_ACCOUNTS:
            user = auth.create_user(
                self.s, username=username, full_name=name, password=password, role=role,
                unit_id=self.units[unit_code].id if unit_code and role is Role.UNIT_STAFF else None,
            )
            self.users[username] = user
        self.s.flush()

    # -- the plan -----------------------------------------------------------
    def plan(self) -> tuple[Plan, list[Task], list[Indicator]]:
        p = self.data["plan"]
        plan = Plan(
            number=p["number"],
            issued_on=dt.date.fromisoformat(p["issued_on"]),
            issuer=self.t(p["issuer"]),
            title=self.t(p["title"]),
        )
        self.s.add(plan)
        self.s.flush()
        leaves: list[Task] = []
        counter = [0]

        def add(node: dict[str, Any], parent: Task | None, group: str) -> None:
            counter[0] += 1
            children = node.get("children") or []
            tf = parse_timeframe(node.get("timeframe") or "", reference_year=2025)
            task = Task(
                plan_id=plan.id,
                parent=parent,
                code=node["code"],
                title=self.t(node["title"]),
                content=self.t(node.get("content") or ""),
                group_name=self.t(node.get("group") or group),
                lead_unit=self.units.get(node.get("lead_unit") or ""),
                expected_output=self.t(node.get("expected_output") or ""),
                timeframe_text=tf.text if node.get("timeframe") else "",
                start_date=tf.start,
                deadline=tf.deadline,
                recurrence=tf.recurrence,
                timeframe_flagged=bool(node.get("timeframe")) and not tf.understood,
                is_group=bool(children),
                source=node.get("source_ref", "")[:60],
                sort_order=counter[0],
            )
            for code in node.get("cooperating_units") or []:
                if code in self.units and code != node.get("lead_unit"):
                    task.other_units.append(TaskUnit(unit=self.units[code], role=UnitRole.COOPERATING))
            self.s.add(task)
            if children:
                for child in children:
                    add(child, task, task.title)
            else:
                leaves.append(task)

        for node in self.data["tasks"]:
            add(node, None, "")
        indicators: list[Indicator] = []
        for order, ind in enumerate(self.data["indicators"]):
            mu = MEASURE_UNITS.get(ind["unit"], MeasureUnit.OTHER)
            comparator = COMPARATORS.get(ind.get("comparator", "≥"), Comparator.GE)
            indicator = Indicator(
                plan_id=plan.id, code=ind["code"], name=self.t(ind["name"]),
                group_name=self.t(ind.get("group") or ""), measure_unit=mu,
                unit_label="%" if mu is MeasureUnit.PERCENT else ind["unit"].capitalize(),
                comparator=comparator, baseline=ind.get("baseline"),
                baseline_year=ind.get("baseline_year"),
                lead_unit=self.units.get(ind.get("lead_unit") or ""),
                cumulative=mu is MeasureUnit.COUNT, sort_order=order,
            )
            for code in ind.get("cooperating_units") or []:
                if code in self.units and code != ind.get("lead_unit"):
                    indicator.other_units.append(IndicatorUnit(unit=self.units[code], role=UnitRole.COOPERATING))
            for year, target in sorted(ind.get("targets", {}).items()):
                text = target["text"] if isinstance(target, dict) else str(target)
                value = target.get("value") if isinstance(target, dict) else None
                t_comp = Comparator.YESNO if text.strip().lower() == "x" else (
                    Comparator.LE if text.strip().startswith("≤") else
                    Comparator.GE if comparator is not Comparator.YESNO else Comparator.YESNO
                )
                indicator.targets.append(
                    IndicatorTarget(year=int(year), comparator=t_comp, value=value, raw_text=text)
                )
            self.s.add(indicator)
            indicators.append(indicator)
        self.s.flush()
        return plan, leaves, indicators

    # -- periods and monthly data ------------------------------------------
    def periods(self) -> list[Period]:
        out = []
        for ref in _month_refs(FIRST_MONTH, self.today):
            start, end = period_bounds(ref, PeriodConvention.CALENDAR)
            period = Period(code=ref.code, kind=ref.kind, year=ref.year, number=ref.number,
                            start_date=start, end_date=end)
            self.s.add(period)
            out.append(period)
        self.s.flush()
        return out

    def task_story(self, task: Task) -> tuple[dt.date | None, dt.date | None, float]:
        """(start, completion or None, final percent if unfinished) of a task."""
        rng = self.rng
        plan_start = dt.date(2025, 8, 15)
        if task.recurrence is not Recurrence.NONE:
            return plan_start, None, 0.0
        deadline = task.deadline or dt.date(2026, 12, 31)
        roll = rng.random()
        span = max((deadline - plan_start).days, 30)
        start = plan_start + dt.timedelta(days=int(span * rng.uniform(0.0, 0.5)))
        if roll < 0.05:
            return None, None, 0.0  # never started
        if roll < 0.62:
            done = deadline - dt.timedelta(days=rng.randint(0, min(60, max(span // 2, 1))))
            return start, max(done, start + dt.timedelta(days=10)), 100.0
        if roll < 0.80:
            done = deadline + dt.timedelta(days=rng.randint(12, 150))
            return start, done, 100.0
        return start, None, float(rng.choice([20, 30, 40, 50, 60, 70, 80, 90]))

    def updates(self, leaves: list[Task], periods: list[Period]) -> int:
        count = 0
        for task in leaves:
            start, done, final_pct = self.task_story(task)
            output = task.expected_output or "Kết quả theo kế hoạch"
            output_lc = output[0].lower() + output[1:]
            for period in periods:
                end = period.end_date
                if end > self.today and not self._reported_this_month(task):
                    continue
                if task.recurrence is Recurrence.NONE and start is None and self.rng.random() < 0.5:
                    continue  # a task never started is not always reported on
                upd = TaskUpdate(period=period, updated_by_name=self.units_person(task))
                upd.updated_at = dt.datetime.combine(
                    min(end, self.today), dt.time(9, 30), tzinfo=dt.UTC
                )
                if task.recurrence is not Recurrence.NONE:
                    yearly_done = (
                        task.recurrence is Recurrence.YEARLY and period.number == 12
                    ) or (task.recurrence is Recurrence.QUARTERLY and period.number % 3 == 0)
                    if yearly_done:
                        upd.progress, upd.percent, upd.completed_on = (
                            Progress.COMPLETED, 100.0, end - dt.timedelta(days=self.rng.randint(1, 10))
                        )
                    else:
                        upd.progress, upd.percent = Progress.IN_PROGRESS, None
                    upd.result = self.pick(
                        "results_recurring", detail=self.pick("recurring_details")
                    )
                elif start is None or start > end:
                    upd.progress = Progress.NOT_STARTED
                    upd.percent = 0.0
                    upd.result = self.pick("not_started")
                elif done is not None and done <= end:
                    upd.progress, upd.percent, upd.completed_on = Progress.COMPLETED, 100.0, done
                    upd.result = self.pick("results_done", output=output, output_lc=output_lc)
                else:
                    horizon = done or max(task.deadline or end, end) + dt.timedelta(days=90)
                    total = max((horizon - start).days, 1)
                    share = min(max((end - start).days / total, 0.05), 0.95)
                    pct = round(share * (100 if done else final_pct) / 5) * 5
                    upd.progress, upd.percent = Progress.IN_PROGRESS, float(max(pct, 5))
                    key = "results_started" if share < 0.25 else "results_progress"
                    upd.result = self.pick(key, output_lc=output_lc, percent=int(upd.percent))
                if upd.progress is not Progress.COMPLETED and self.rng.random() < 0.22:
                    upd.difficulties = self.pick("difficulties")
                    if self.rng.random() < 0.6:
                        upd.proposals = self.pick("proposals")
                upd.task = task
                self.s.add(upd)
                count += 1
        return count

    def _reported_this_month(self, task: Task) -> bool:
        """In the running month, only some units have reported so far."""
        code = task.lead_unit.code if task.lead_unit else ""
        return code in self._early_units

    def units_person(self, task: Task) -> str:
        return task.lead_unit.name if task.lead_unit else "Văn phòng HĐND và UBND xã"

    def values(self, indicators: list[Indicator], periods: list[Period]) -> int:
        count = 0
        for ind in indicators:
            count += self._indicator_series(ind, periods)
        return count

    def _indicator_series(self, ind: Indicator, periods: list[Period]) -> int:
        rng = self.rng
        targets = {t.year: t for t in ind.targets}
        t2030 = targets.get(2030) or targets.get(min(targets)) if targets else None
        t2025 = targets.get(2025)
        mu = ind.measure_unit
        count = 0
        if mu is MeasureUnit.YESNO or ind.comparator is Comparator.YESNO:
            switch = rng.randrange(len(periods) + 4)
            for i, period in enumerate(periods):
                if not self._value_reported(ind, period):
                    continue
                self.s.add(IndicatorValue(indicator=ind, period=period, yes=i >= switch,
                                          note="", updated_by_name=self._unit_name(ind)))
                count += 1
            return count
        goal = (t2030.value if t2030 and t2030.value is not None else None)
        if mu is MeasureUnit.PERCENT:
            goal = goal if goal is not None else 80.0
            base = ind.baseline if ind.baseline is not None else goal * rng.uniform(0.3, 0.7)
            # Reach between 70 % and 115 % of the 2025 target by the end of 2026.
            aim = (t2025.value if t2025 and t2025.value is not None else goal) * rng.uniform(0.7, 1.15)
            aim = min(max(aim, base + 3), 100.0)
            for i, period in enumerate(periods):
                frac = (i + 1) / max(len(periods), 12)
                value = base + (aim - base) * frac + rng.uniform(-1.5, 1.5)
                if not self._value_reported(ind, period):
                    continue
                self.s.add(IndicatorValue(indicator=ind, period=period,
                                          value=round(min(max(value, 0.0), 100.0), 1),
                                          note=self._note(), updated_by_name=self._unit_name(ind)))
                count += 1
            return count
        if mu is MeasureUnit.INDEX:
            base = ind.baseline if ind.baseline is not None else 0.45
            for i, period in enumerate(periods):
                if not self._value_reported(ind, period):
                    continue
                value = base + 0.012 * i + rng.uniform(-0.01, 0.01)
                self.s.add(IndicatorValue(indicator=ind, period=period, value=round(value, 2),
                                          note=self._note(), updated_by_name=self._unit_name(ind)))
                count += 1
            return count
        # Counts and money: cumulative within the calendar year.
        yearly = rng.choice([0, 1, 1, 2, 3])
        total = 0.0
        for period in periods:
            if period.number == 1:
                total = 0.0
            if rng.random() < yearly / 12.0:
                total += 1
            if not self._value_reported(ind, period):
                continue
            self.s.add(IndicatorValue(indicator=ind, period=period, value=total, note="",
                                      updated_by_name=self._unit_name(ind)))
            count += 1
        return count

    def _value_reported(self, ind: Indicator, period: Period) -> bool:
        if period.end_date <= self.today:
            return True
        code = ind.lead_unit.code if ind.lead_unit else ""
        return code in self._early_units

    def _unit_name(self, ind: Indicator) -> str:
        return ind.lead_unit.name if ind.lead_unit else ""

    def _note(self) -> str:
        return self.pick("indicator_notes") if self.rng.random() < 0.15 else ""

    def submissions(self, periods: list[Period], reporting_units: set[str]) -> None:
        deadline_day = 15
        for period in periods:
            deadline = submission_deadline(period.end_date, deadline_day)
            for code in sorted(reporting_units):
                unit = self.units[code]
                if period.end_date > self.today:
                    if code not in self._early_units:
                        continue
                    day = min(self.today, period.end_date)
                    when = dt.datetime.combine(day - dt.timedelta(days=self.rng.randint(0, 3)),
                                               dt.time(15, 0), tzinfo=dt.UTC)
                else:
                    roll = self.rng.random()
                    if roll < 0.78:
                        day = deadline - dt.timedelta(days=self.rng.randint(0, 9))
                    else:
                        day = deadline + dt.timedelta(days=self.rng.randint(1, 6))
                    if day > self.today:
                        if self.rng.random() < 0.5:
                            continue  # not reported yet
                        day = self.today
                    when = dt.datetime.combine(day, dt.time(self.rng.randint(8, 16), 0), tzinfo=dt.UTC)
                self.s.add(UnitSubmission(unit=unit, period=period, submitted_at=when,
                                          submitted_by_name=unit.name))

    def build(self) -> DemoSummary:
        self.commune()
        self.reference()
        _plan, leaves, indicators = self.plan()
        periods = self.periods()
        reporting = {t.lead_unit.code for t in leaves if t.lead_unit} | {
            i.lead_unit.code for i in indicators if i.lead_unit
        }
        # Units that already reported in the running month (deterministic).
        ordered = sorted(reporting)
        self.rng.shuffle(ordered)
        self._early_units = set(ordered[: max(1, len(ordered) // 3)])
        n_updates = self.updates(leaves, periods)
        n_values = self.values(indicators, periods)
        self.submissions(periods, reporting)
        # Everything up to two months ago has been compiled and locked.
        officer = self.users["tonghop"]
        for period in periods:
            if (self.today.year * 12 + self.today.month) - (period.year * 12 + period.number) >= 2:
                period.locked = True
                period.locked_by_id = officer.id
                period.locked_at = dt.datetime.combine(
                    submission_deadline(period.end_date, 18), dt.time(16, 0), tzinfo=dt.UTC
                )
        self.s.flush()
        return DemoSummary(
            commune_name=self.official.name,
            province_name=self.province.name,
            tasks=len(leaves),
            indicators=len(indicators),
            periods=len(periods),
            updates=n_updates,
            values=n_values,
        )


def build_demo(
    db: Database,
    *,
    commune_code: int = DEFAULT_COMMUNE_CODE,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Fill an empty database with the demo commune ``commune_code``.

    Raises AppError if the database already holds a commune. One transaction:
    on any error nothing is written.
    """
    day = today or dt.date.today()
    with db.transaction() as s:
        if s.scalar(select(func.count()).select_from(Commune)):
            raise AppError("Cơ sở dữ liệu đã có dữ liệu của một xã/phường.")
        s.info["audit"] = False
        builder = _Builder(s, commune_code=commune_code, today=day)
        if progress:
            progress("Đang tạo danh mục và kế hoạch…")
        summary = builder.build()
        s.info["audit"] = True
        audit.log_event(
            s, AuditAction.CREATE, entity="commune",
            summary=f"Tạo dữ liệu mẫu {summary.commune_name} ({summary.province_name})",
        )
    return summary

