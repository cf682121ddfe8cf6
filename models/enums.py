"""Domain value types shared by the database, the services, reports and the UI.

Each enum's ``value`` is what is stored in the database and written into
bundles, so values never change once released. Vietnamese labels live in
``models.texts`` (one place for a translator), looked up with ``label()``.
"""

from __future__ import annotations

import enum


class TaskStatus(enum.StrEnum):
    """The five monitoring categories of an NQ57 task, as of a period's end.

    Computed by ``models.rules.task_status``, never typed by a user.
    """

    NOT_STARTED = "not_started"  # Chưa triển khai
    IN_PROGRESS_ON_TIME = "in_progress_on_time"  # Đang thực hiện trong hạn
    IN_PROGRESS_OVERDUE = "in_progress_overdue"  # Đang thực hiện quá hạn
    DONE_ON_TIME = "done_on_time"  # Đã hoàn thành đúng hạn
    DONE_LATE = "done_late"  # Đã hoàn thành quá hạn


class Progress(enum.StrEnum):
    """What a unit reports about a task in a period (the raw input)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class Recurrence(enum.StrEnum):
    """How often a task without a single deadline recurs."""

    NONE = "none"  # one deadline (or none known)
    CONTINUOUS = "continuous"  # Thường xuyên: reported every period, no deadline
    MONTHLY = "monthly"  # Hằng tháng
    QUARTERLY = "quarterly"  # Định kỳ hằng quý
    SEMIANNUAL = "semiannual"  # 6 tháng một lần
    YEARLY = "yearly"  # Hằng năm


class Comparator(enum.StrEnum):
    """How an indicator's value is compared with its target."""

    GE = "ge"  # ≥ (also "trên", "tối thiểu", or a bare target such as "90%")
    LE = "le"  # ≤ ("dưới", "tối đa")
    EQ = "eq"  # =
    YESNO = "yesno"  # "x": the thing exists / is done


class Evaluation(enum.StrEnum):
    """Indicator evaluation against the target of the milestone year in force."""

    ACHIEVED = "achieved"  # Đạt
    NOT_ACHIEVED = "not_achieved"  # Chưa đạt
    EXCEEDED = "exceeded"  # Vượt


class MeasureUnit(enum.StrEnum):
    """Unit of measure of an indicator; decides how the province aggregates it."""

    PERCENT = "percent"  # %
    COUNT = "count"  # số lượng
    INDEX = "index"  # chỉ số (e.g. 0.6)
    MILLION_VND = "million_vnd"  # triệu đồng
    YESNO = "yesno"  # có/không
    OTHER = "other"


class PeriodKind(enum.StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


class PeriodConvention(enum.StrEnum):
    """Where a commune's reporting periods start and end.

    CALENDAR: calendar months. CUTOFF_15: Decree 09/2019 statistics cut-off,
    a month runs from the 15th of the previous month to the 14th.
    """

    CALENDAR = "calendar"
    CUTOFF_15 = "cutoff_15"


class UnitKind(enum.StrEnum):
    OFFICE = "office"  # Văn phòng
    DEPARTMENT = "department"  # Phòng
    BOARD = "board"  # Ban
    CENTRE = "centre"  # Trung tâm
    POLICE = "police"  # Công an xã
    MILITARY = "military"  # Ban Chỉ huy quân sự
    VILLAGE = "village"  # Thôn, tổ dân phố
    MASS_ORG = "mass_org"  # Mặt trận, đoàn thể
    PARTY = "party"  # Cơ quan Đảng
    EXTERNAL = "external"  # doanh nghiệp, trường học... outside the UBND
    OTHER = "other"


class UnitRole(enum.StrEnum):
    """Role of a unit on a task or an indicator besides the primary lead."""

    CO_LEAD = "co_lead"  # a second "cơ quan chủ trì"
    COOPERATING = "cooperating"  # "cơ quan phối hợp"


class SigningAuthority(enum.StrEnum):
    """Authority prefix of a signature block (Decree 30, Appendix I)."""

    TM = "TM."  # thay mặt (the chairman signs for the committee)
    KT = "KT."  # ký thay (a vice-chairman signs for the chairman)
    Q = "Q."  # quyền
    TL = "TL."  # thừa lệnh
    TUQ = "TUQ."  # thừa ủy quyền


class Role(enum.StrEnum):
    ADMIN = "admin"  # Quản trị
    OFFICER = "officer"  # Cán bộ tổng hợp: all units, locks, issues, exports
    UNIT_STAFF = "unit_staff"  # Cán bộ đơn vị: own unit only
    LEADER = "leader"  # Lãnh đạo: reads everything, approves


class ReportKind(enum.StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


class DocumentStatus(enum.StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    CANCELLED = "cancelled"
    SUPERSEDED = "superseded"  # replaced by a reissue, keeps its number


class DatabaseRole(enum.StrEnum):
    """Whether a database is a commune's own or an upper level's."""

    COMMUNE = "commune"
    PROVINCE = "province"
    NATIONAL = "national"


class AuditAction(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    LOCK_PERIOD = "lock_period"
    UNLOCK_PERIOD = "unlock_period"
    ISSUE_REPORT = "issue_report"
    REISSUE_REPORT = "reissue_report"
    CANCEL_REPORT = "cancel_report"
    EXPORT = "export"
    IMPORT = "import"
    BACKUP = "backup"
    RESTORE = "restore"
    MIGRATE = "migrate"
    KEY_CHANGE_ACCEPTED = "key_change_accepted"
    PASSWORD_RESET = "password_reset"
