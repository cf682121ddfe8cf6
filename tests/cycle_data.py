"""A small, fully known commune for the monthly-cycle tests.

Three reporting units, one unit without anything to report, a plan of two
task groups and four indicators, two monthly periods (2026-09, 2026-10) and
one account per role. Built straight through the ORM so each test knows
every number it checks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.audit import Actor
from models.enums import (
    Comparator,
    MeasureUnit,
    PeriodConvention,
    Progress,
    Recurrence,
    Role,
    UnitKind,
)
from models.schema import (
    Commune,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    Plan,
    Task,
    TaskUpdate,
    Unit,
    User,
)
from models.services.periods import ensure_period


@dataclass
class Small:
    """Ids of what ``build_small`` created."""

    units: dict[str, int]
    tasks: dict[str, int]
    indicators: dict[str, int]
    users: dict[str, int]
    periods: dict[str, int]

    def actor(self, username: str) -> Actor:
        return Actor(user_id=self.users[username], username=username)


def build_small(db: object) -> Small:
    """Fill a fresh database (``db`` fixture) with the small commune."""
    with db.transaction(actor=Actor.system()) as s:  # type: ignore[attr-defined]
        s.add(
            Commune(
                province_code=31,
                province_name="Thành phố Hải Phòng",
                commune_code=10993,
                commune_name="Xã Thượng Hồng",
                is_local=True,
                agency_line2="XÃ THƯỢNG HỒNG",
                agency_name="Ủy ban nhân dân xã Thượng Hồng",
                place_name="Thượng Hồng",
                period_convention=PeriodConvention.CALENDAR,
                unit_deadline_day=15,
            )
        )
        units = {
            code: Unit(code=code, name=name, kind=kind, sort_order=i)
            for i, (code, name, kind) in enumerate(
                [
                    ("VHXH", "Phòng Văn hóa - Xã hội", UnitKind.DEPARTMENT),
                    ("KT", "Phòng Kinh tế", UnitKind.DEPARTMENT),
                    ("CA", "Công an xã", UnitKind.POLICE),
                    ("TYT", "Trạm Y tế xã", UnitKind.OTHER),
                ]
            )
        }
        s.add_all(units.values())
        s.flush()
        plan = Plan(number="10/KH-UBND", issued_on=dt.date(2025, 8, 1), title="Kế hoạch NQ57")
        s.add(plan)
        s.flush()

        def task(code: str, title: str, *, parent: Task | None = None, unit: str | None = None,
                 timeframe: str = "", deadline: dt.date | None = None,
                 recurrence: Recurrence = Recurrence.NONE, group: bool = False,
                 order: int = 0) -> Task:
            t = Task(
                plan_id=plan.id,
                parent_id=parent.id if parent else None,
                code=code,
                title=title,
                content=title,
                lead_unit_id=units[unit].id if unit else None,
                timeframe_text=timeframe,
                deadline=deadline,
                recurrence=recurrence,
                is_group=group,
                sort_order=order,
                group_name=parent.title if parent else title,
            )
            s.add(t)
            s.flush()
            return t

        g1 = task("1", "Nâng cao nhận thức về chuyển đổi số", group=True, order=1)
        t11 = task("1.1", "Tuyên truyền Nghị quyết 57 về chuyển đổi số", parent=g1, unit="VHXH",
                   timeframe="Trong tháng 10/2026", deadline=dt.date(2026, 10, 31), order=1)
        t12 = task("1.2", "Phát động phong trào học tập số", parent=g1, unit="VHXH",
                   timeframe="Thường xuyên", recurrence=Recurrence.CONTINUOUS, order=2)
        t13 = task("1.3", "Rà soát hạ tầng mạng", parent=g1, unit="KT",
                   timeframe="Trước ngày 30/9/2026", deadline=dt.date(2026, 9, 30), order=3)
        g2 = task("2", "Bảo đảm an ninh, an toàn", group=True, order=2)
        t21 = task("2.1", "Bảo đảm an toàn thông tin mạng", parent=g2, unit="CA",
                   timeframe="Quý IV năm 2026", deadline=dt.date(2026, 12, 31), order=1)
        t22 = task("2.2", "Số hóa hồ sơ hộ tịch", parent=g2, unit="VHXH",
                   timeframe="Trong năm 2026", deadline=dt.date(2026, 12, 31), order=2)

        def indicator(code: str, name: str, unit: str, *, measure: MeasureUnit,
                      label: str, comparator: Comparator,
                      targets: list[tuple[int, float | None, str]], order: int) -> Indicator:
            ind = Indicator(
                plan_id=plan.id, code=code, name=name, group_name="Mục tiêu chung",
                measure_unit=measure, unit_label=label, comparator=comparator,
                lead_unit_id=units[unit].id, sort_order=order,
            )
            ind.targets = [
                IndicatorTarget(year=y, comparator=comparator, value=v, raw_text=raw)
                for y, v, raw in targets
            ]
            s.add(ind)
            s.flush()
            return ind

        i1 = indicator("1", "Tỷ lệ hồ sơ thủ tục hành chính được số hóa", "VHXH",
                       measure=MeasureUnit.PERCENT, label="%", comparator=Comparator.GE,
                       targets=[(2025, 70.0, "≥70%"), (2030, 100.0, "100%")], order=1)
        i2 = indicator("2", "Có trang thông tin điện tử của xã", "VHXH",
                       measure=MeasureUnit.YESNO, label="", comparator=Comparator.YESNO,
                       targets=[(2030, None, "x")], order=2)
        i3 = indicator("3", "Số doanh nghiệp công nghệ số", "KT",
                       measure=MeasureUnit.COUNT, label="doanh nghiệp", comparator=Comparator.GE,
                       targets=[(2030, 5.0, "≥5")], order=3)
        i4 = indicator("4", "Tỷ lệ vụ việc an ninh mạng chưa xử lý", "CA",
                       measure=MeasureUnit.PERCENT, label="%", comparator=Comparator.LE,
                       targets=[(2030, 5.0, "≤5%")], order=4)

        p9 = ensure_period(s, "2026-09", convention=PeriodConvention.CALENDAR)
        p10 = ensure_period(s, "2026-10", convention=PeriodConvention.CALENDAR)
        # September: VHXH reported 1.1 in progress, KT finished 1.3.
        s.add_all(
            [
                TaskUpdate(task_id=t11.id, period_id=p9.id, progress=Progress.IN_PROGRESS,
                           percent=40.0, result="Đã treo 5 băng rôn"),
                TaskUpdate(task_id=t13.id, period_id=p9.id, progress=Progress.COMPLETED,
                           percent=100.0, completed_on=dt.date(2026, 9, 20)),
                IndicatorValue(indicator_id=i1.id, period_id=p9.id, value=60.0),
            ]
        )
        users = {}
        for username, role, unit in [
            ("admin", Role.ADMIN, None),
            ("tonghop", Role.OFFICER, None),
            ("lanhdao", Role.LEADER, None),
            ("vhxh", Role.UNIT_STAFF, "VHXH"),
            ("kt", Role.UNIT_STAFF, "KT"),
        ]:
            u = User(username=username, full_name=username, password_hash="x", role=role,
                     unit_id=units[unit].id if unit else None)
            s.add(u)
            s.flush()
            users[username] = u.id
        return Small(
            units={k: u.id for k, u in units.items()},
            tasks={t.code: t.id for t in (g1, t11, t12, t13, g2, t21, t22)},
            indicators={i.code: i.id for i in (i1, i2, i3, i4)},
            users=users,
            periods={"2026-09": p9.id, "2026-10": p10.id},
        )
