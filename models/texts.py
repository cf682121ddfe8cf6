"""Vietnamese text of the domain layer, in one place for a translator.

Labels of enum values, and messages raised by ``models`` services and the
command line. The UI keeps its own strings in ``ui/texts.py`` and reports in
``reports/texts.py``; everything a user reads is in one of those three files.
"""

from __future__ import annotations

import enum

from models.enums import (
    AuditAction,
    Comparator,
    DocumentStatus,
    Evaluation,
    MeasureUnit,
    PeriodConvention,
    PeriodKind,
    Progress,
    Recurrence,
    ReportKind,
    Role,
    TaskStatus,
    UnitKind,
)

LABELS: dict[enum.Enum, str] = {
    TaskStatus.NOT_STARTED: "Chưa triển khai",
    TaskStatus.IN_PROGRESS_ON_TIME: "Đang thực hiện trong hạn",
    TaskStatus.IN_PROGRESS_OVERDUE: "Đang thực hiện quá hạn",
    TaskStatus.DONE_ON_TIME: "Đã hoàn thành đúng hạn",
    TaskStatus.DONE_LATE: "Đã hoàn thành quá hạn",
    Progress.NOT_STARTED: "Chưa triển khai",
    Progress.IN_PROGRESS: "Đang thực hiện",
    Progress.COMPLETED: "Đã hoàn thành",
    Recurrence.NONE: "Một lần",
    Recurrence.CONTINUOUS: "Thường xuyên",
    Recurrence.MONTHLY: "Hằng tháng",
    Recurrence.QUARTERLY: "Hằng quý",
    Recurrence.SEMIANNUAL: "6 tháng một lần",
    Recurrence.YEARLY: "Hằng năm",
    Comparator.GE: "≥",
    Comparator.LE: "≤",
    Comparator.EQ: "=",
    Comparator.YESNO: "x",
    Evaluation.ACHIEVED: "Đạt",
    Evaluation.NOT_ACHIEVED: "Chưa đạt",
    Evaluation.EXCEEDED: "Vượt",
    MeasureUnit.PERCENT: "%",
    MeasureUnit.COUNT: "Số lượng",
    MeasureUnit.INDEX: "Chỉ số",
    MeasureUnit.MILLION_VND: "Triệu đồng",
    MeasureUnit.YESNO: "Có/Không",
    MeasureUnit.OTHER: "Khác",
    PeriodKind.MONTH: "Tháng",
    PeriodKind.QUARTER: "Quý",
    PeriodKind.HALF_YEAR: "6 tháng",
    PeriodKind.YEAR: "Năm",
    PeriodConvention.CALENDAR: "Theo tháng dương lịch",
    PeriodConvention.CUTOFF_15: "Từ ngày 15 tháng trước đến ngày 14 (Nghị định 09/2019)",
    UnitKind.OFFICE: "Văn phòng",
    UnitKind.DEPARTMENT: "Phòng",
    UnitKind.BOARD: "Ban",
    UnitKind.CENTRE: "Trung tâm",
    UnitKind.POLICE: "Công an",
    UnitKind.MILITARY: "Quân sự",
    UnitKind.VILLAGE: "Thôn, tổ dân phố",
    UnitKind.MASS_ORG: "Mặt trận, đoàn thể",
    UnitKind.PARTY: "Cơ quan Đảng",
    UnitKind.EXTERNAL: "Đơn vị ngoài UBND",
    UnitKind.OTHER: "Khác",
    Role.ADMIN: "Quản trị hệ thống",
    Role.OFFICER: "Cán bộ tổng hợp",
    Role.UNIT_STAFF: "Cán bộ đơn vị",
    Role.LEADER: "Lãnh đạo",
    ReportKind.MONTH: "Báo cáo tháng",
    ReportKind.QUARTER: "Báo cáo quý",
    ReportKind.HALF_YEAR: "Báo cáo 6 tháng",
    ReportKind.YEAR: "Báo cáo năm",
    DocumentStatus.DRAFT: "Dự thảo",
    DocumentStatus.ISSUED: "Đã ban hành",
    DocumentStatus.CANCELLED: "Đã hủy",
    DocumentStatus.SUPERSEDED: "Đã được thay thế",
    AuditAction.CREATE: "Thêm mới",
    AuditAction.UPDATE: "Sửa",
    AuditAction.DELETE: "Xóa",
    AuditAction.LOGIN: "Đăng nhập",
    AuditAction.LOGIN_FAILED: "Đăng nhập sai",
    AuditAction.LOGOUT: "Đăng xuất",
    AuditAction.LOCK_PERIOD: "Chốt số liệu kỳ",
    AuditAction.UNLOCK_PERIOD: "Mở chốt kỳ",
    AuditAction.ISSUE_REPORT: "Ban hành báo cáo",
    AuditAction.REISSUE_REPORT: "Ban hành lại báo cáo",
    AuditAction.CANCEL_REPORT: "Hủy báo cáo",
    AuditAction.EXPORT: "Xuất gói dữ liệu",
    AuditAction.IMPORT: "Nhập gói dữ liệu",
    AuditAction.BACKUP: "Sao lưu",
    AuditAction.RESTORE: "Phục hồi",
    AuditAction.MIGRATE: "Nâng cấp cơ sở dữ liệu",
    AuditAction.KEY_CHANGE_ACCEPTED: "Chấp nhận khóa ký mới",
    AuditAction.PASSWORD_RESET: "Đặt lại mật khẩu",
}


def label(value: enum.Enum | None) -> str:
    """Vietnamese label of an enum value; empty string for None."""
    if value is None:
        return ""
    return LABELS.get(value, str(value.value))


# --- Messages of the database layer -------------------------------------
DB_NEWER = (
    "Cơ sở dữ liệu được tạo bởi phiên bản mới hơn của chương trình "
    "(lược đồ {found}, chương trình này hỗ trợ đến {known}). "
    "Hãy cài phiên bản mới hơn; tệp dữ liệu được giữ nguyên."
)
DB_NOT_OURS = "Tệp {path} không phải cơ sở dữ liệu của chương trình theo dõi Nghị quyết 57."
DB_CANNOT_OPEN = "Không mở được cơ sở dữ liệu {path}: {reason}"
DB_CORRUPT = (
    "Cơ sở dữ liệu {path} bị hỏng (kiểm tra toàn vẹn không đạt). "
    "Hãy phục hồi từ bản sao lưu gần nhất."
)
DB_MIGRATION_FAILED = (
    "Không nâng cấp được cơ sở dữ liệu: {reason}. "
    "Tệp dữ liệu chưa bị thay đổi; bản sao trước khi nâng cấp: {backup}"
)
DB_BAD_URL = "Địa chỉ cơ sở dữ liệu không hợp lệ: {url}"
DB_READ_ONLY = "Cơ sở dữ liệu đang ở chế độ chỉ đọc: {reason}"
DB_DISK_FULL = "Ổ đĩa đã đầy, không ghi được dữ liệu. Những gì đã lưu trước đó vẫn được giữ nguyên."

# --- Messages of the command line ----------------------------------------
CLI_DESCRIPTION = (
    "Chương trình theo dõi, báo cáo thực hiện Kế hoạch Nghị quyết 57-NQ/TW "
    "cấp xã: cập nhật tiến độ, lập báo cáo theo Nghị định 30/2020, "
    "xuất/nhập gói dữ liệu gửi cấp trên. Không dùng mạng."
)
CLI_DB_HELP = (
    "đường dẫn tệp SQLite hoặc địa chỉ SQLAlchemy (ví dụ postgresql://...); "
    "mặc định: tệp trong thư mục dữ liệu của người dùng"
)
CLI_DEBUG_HELP = "in chi tiết lỗi kỹ thuật (traceback) khi có lỗi"
CLI_VERSION_HELP = "in phiên bản chương trình rồi thoát"
CLI_ERROR_PREFIX = "Lỗi: "
CLI_UNEXPECTED = "Lỗi không mong đợi: {reason}. Chạy lại với --debug để xem chi tiết."
CLI_INTERRUPTED = "Đã dừng theo yêu cầu người dùng."
CLI_NO_GUI = (
    "Không khởi động được giao diện: {reason}. "
    "Các lệnh dòng lệnh vẫn dùng được, xem: python main.py --help"
)

DEMO_HELP = "tạo cơ sở dữ liệu xã mẫu (dữ liệu minh họa) để làm quen chương trình"
DEMO_CODE_HELP = "mã xã/phường chính thức (mặc định 10993 - Xã Thượng Hồng, Hải Phòng)"
DEMO_FORCE_HELP = "ghi đè cơ sở dữ liệu đã có"
DEMO_EXISTS = "Cơ sở dữ liệu {path} đã có dữ liệu. Dùng --force để ghi đè."
DEMO_UNKNOWN_COMMUNE = "Không có xã/phường mã {code} trong danh mục hành chính chính thức."
DEMO_NOT_FILE = "Lệnh demo chỉ tạo được cơ sở dữ liệu SQLite dạng tệp; --force không xóa được {url}."
DEMO_DONE = "Đã tạo dữ liệu mẫu {commune} ({province}) tại {path}: {tasks} nhiệm vụ, {indicators} chỉ tiêu, {periods} kỳ báo cáo."

PERIOD_BAD_CODE = (
    "Kỳ báo cáo \"{code}\" không hợp lệ. Dùng dạng 2026-10 (tháng), 2026-Q3 (quý), "
    "2026-H1 (6 tháng) hoặc 2026 (năm)."
)
PERIOD_NOT_FOUND = "Không có kỳ báo cáo {code} trong cơ sở dữ liệu."
PERIOD_LOCKED = "Kỳ báo cáo {period} đã chốt số liệu, không sửa được. Cần mở chốt trước."

# --- Messages of the domain rules ---------------------------------------
# Time frames of tasks (models.timeframe). A phrase that is not understood is
# kept as written and flagged with one of these notes; {text} is the phrase.
TIMEFRAME_EMPTY = "Chưa ghi thời hạn thực hiện."
TIMEFRAME_UNKNOWN = (
    "Chưa hiểu được thời hạn \"{text}\"; đã giữ nguyên dạng chữ. Hãy nhập hạn hoàn thành "
    "(ngày/tháng/năm) hoặc chọn Thường xuyên, Hằng tháng, Hằng quý, Hằng năm."
)
TIMEFRAME_AMBIGUOUS = (
    "Thời hạn \"{text}\" không chỉ rõ ngày kết thúc; đã giữ nguyên dạng chữ. "
    "Hãy nhập hạn hoàn thành cụ thể (ngày/tháng/năm)."
)
TIMEFRAME_NO_YEAR = (
    "Thời hạn \"{text}\" không ghi năm; hãy ghi rõ năm (ví dụ \"Trong tháng 8/2025\")."
)
TIMEFRAME_BAD_DAY = "Thời hạn \"{text}\" ghi ngày {day}/{month}/{year}, không có ngày này."
TIMEFRAME_BAD_MONTH = "Thời hạn \"{text}\" ghi tháng {month}, không có tháng này."
TIMEFRAME_BAD_QUARTER = "Thời hạn \"{text}\" ghi quý {quarter}; chỉ có quý I, II, III, IV."
TIMEFRAME_BAD_YEAR = "Thời hạn \"{text}\" ghi năm {year}, năm này không hợp lệ."
TIMEFRAME_BAD_RANGE = "Thời hạn \"{text}\" có thời điểm bắt đầu sau thời điểm kết thúc."

# Numbers, yes/no answers, targets and dates typed or read from files
# (models.numbers). {text} is the value as written, {field} the column/field.
FIELD_PREFIX = "{field}: "
NUMBER_EMPTY = "Chưa nhập số."
NUMBER_BAD = (
    "Không đọc được số \"{text}\". Hãy viết số như 85,5 hoặc 1.234.567 "
    "(dấu phẩy ngăn phần thập phân, dấu chấm ngăn hàng nghìn)."
)
YES_NO_EMPTY = "Chưa ghi có hay không."
YES_NO_BAD = "Không hiểu \"{text}\" là có hay không. Hãy ghi \"có\" (hoặc \"x\") hoặc \"không\"."
TARGET_EMPTY = "Chưa nhập chỉ tiêu."
TARGET_BAD = (
    "Không đọc được chỉ tiêu \"{text}\". Hãy ghi như ≥80%, ≤5%, 100%, ≥0,6 "
    "hoặc x (chỉ tiêu có/không)."
)
DATE_EMPTY = "Chưa nhập ngày."
DATE_BAD = "Không đọc được ngày \"{text}\". Hãy ghi ngày dạng 20/12/2025."
DATE_NOT_REAL = "Ngày \"{text}\" không có thật."

# Reporting periods (models.periods).
PERIOD_BAD_PARTS = "Kỳ báo cáo không hợp lệ (loại {kind}, năm {year}, số {number})."
PERIOD_LABEL_MONTH = "Tháng {month}/{year}"
PERIOD_LABEL_QUARTER = "Quý {roman}/{year}"
PERIOD_LABEL_FIRST_HALF = "6 tháng đầu năm {year}"
PERIOD_LABEL_SECOND_HALF = "6 tháng cuối năm {year}"
PERIOD_LABEL_YEAR = "Năm {year}"

# --- Messages of data bundles --------------------------------------------
# Every refusal reads "Gói <file> bị từ chối: <reason>"; nothing is changed in
# the database when a bundle is refused.
BUNDLE_REFUSED = "Gói {name} bị từ chối: {reason}"
BUNDLE_R_NOT_FOUND = "không tìm thấy tệp."
BUNDLE_R_EMPTY = "tệp rỗng, không phải gói dữ liệu."
BUNDLE_R_TOO_BIG = "tệp quá lớn ({size}); gói dữ liệu hợp lệ không vượt quá {limit}."
BUNDLE_R_NOT_ZIP = (
    "tệp bị cắt cụt hoặc hỏng, không đọc được cấu trúc tệp nén zip "
    "(có thể USB bị rút ra khi đang ghi). Hãy xuất lại gói ở máy của xã."
)
BUNDLE_R_DAMAGED = (
    "thành phần \"{member}\" không giải nén được (tệp bị hỏng khi sao chép). "
    "Hãy chép lại gói từ máy của xã."
)
BUNDLE_R_TOO_MANY_MEMBERS = "gói có {count} thành phần, nhiều hơn mức cho phép ({limit})."
BUNDLE_R_PATH_ABSOLUTE = (
    "thành phần \"{member}\" có đường dẫn tuyệt đối; gói hợp lệ chỉ chứa đường dẫn bên trong gói."
)
BUNDLE_R_PATH_ESCAPE = (
    "thành phần \"{member}\" có đường dẫn trỏ ra ngoài gói (\"..\"), "
    "có thể là tệp độc hại."
)
BUNDLE_R_PATH_BAD = (
    "thành phần \"{member}\" có tên không hợp lệ (dấu \\, ký tự điều khiển "
    "hoặc tên rỗng)."
)
BUNDLE_R_DUPLICATE_MEMBER = "thành phần \"{member}\" xuất hiện hai lần trong gói."
BUNDLE_R_UNKNOWN_MEMBER = (
    "có thành phần lạ \"{member}\" không thuộc định dạng gói dữ liệu."
)
BUNDLE_R_MISSING_MEMBER = "thiếu thành phần bắt buộc \"{member}\"."
BUNDLE_R_ENCRYPTED = (
    "thành phần \"{member}\" được đặt mật khẩu hoặc nén theo cách không hỗ trợ."
)
BUNDLE_R_MEMBER_TOO_BIG = (
    "thành phần \"{member}\" khi giải nén có dung lượng {size}, vượt giới hạn {limit}."
)
BUNDLE_R_TOTAL_TOO_BIG = "tổng dung lượng khi giải nén {size} vượt giới hạn {limit}."
BUNDLE_R_RATIO = (
    "thành phần \"{member}\" có tỷ lệ nén bất thường ({ratio}:1, giới hạn {limit}:1), "
    "nghi là tệp nén độc hại (zip bomb)."
)
BUNDLE_R_MANIFEST_BAD = "bản kê khai (manifest.json) không hợp lệ: {reason}."
BUNDLE_R_FORMAT_NEWER = (
    "gói được tạo theo định dạng phiên bản {found} (chương trình {program}); chương trình "
    "này chỉ đọc được đến phiên bản {known}. Hãy cập nhật chương trình rồi nhập lại."
)
BUNDLE_R_FORMAT_UNKNOWN = "phiên bản định dạng \"{found}\" không xác định."
BUNDLE_R_NOT_A_BUNDLE = "tệp không phải gói dữ liệu của chương trình theo dõi Nghị quyết 57."
BUNDLE_R_SIGNATURE_BAD = (
    "chữ ký số không hợp lệ: bản kê khai đã bị sửa sau khi xã ký, hoặc chữ ký bị hỏng."
)
BUNDLE_R_CHECKSUM = (
    "thành phần \"{member}\" không khớp mã kiểm tra SHA-256 ghi trong bản kê khai "
    "(tệp đã bị sửa hoặc hỏng khi sao chép)."
)
BUNDLE_R_SIZE_MISMATCH = (
    "thành phần \"{member}\" có dung lượng khác với bản kê khai (tệp đã bị sửa hoặc hỏng)."
)
BUNDLE_R_NOT_LISTED = "thành phần \"{member}\" không có trong bản kê khai."
BUNDLE_R_LISTED_MISSING = "bản kê khai ghi thành phần \"{member}\" nhưng gói không có."
BUNDLE_R_PERIOD_BAD = "kỳ báo cáo \"{code}\" không hợp lệ."
BUNDLE_R_COMMUNE_UNKNOWN = (
    "mã xã/phường {code} không có trong danh mục đơn vị hành chính chính thức."
)
BUNDLE_R_PROVINCE_MISMATCH = (
    "{commune} (mã {code}) thuộc {official}, không khớp mã tỉnh {declared} ghi trong gói."
)
BUNDLE_R_DATA_BAD = "dữ liệu (data.json) không hợp lệ: {reason}."
BUNDLE_R_DATA_MISMATCH = (
    "dữ liệu (data.json) ghi {what} khác với bản kê khai ({found} thay vì {expected})."
)
BUNDLE_R_OUT_OF_SCOPE = (
    "{commune} thuộc {province}, không thuộc phạm vi của cơ sở dữ liệu này ({scope})."
)
BUNDLE_R_KEY_CHANGED = (
    "gói được ký bằng khóa khác với khóa đã tin cậy của {commune}. Khóa đã tin cậy: {old}. "
    "Khóa trong gói: {new}. Hãy hỏi lại xã; chỉ quản trị viên được chấp nhận khóa mới "
    "(tùy chọn --accept-key-change)."
)
BUNDLE_R_DB_ERROR = "lỗi khi ghi vào cơ sở dữ liệu ({reason}); không có gì bị thay đổi."
BUNDLE_R_CANCELLED = "đã dừng theo yêu cầu; gói này chưa được nhập."

# Manifest/data problems named in BUNDLE_R_MANIFEST_BAD / BUNDLE_R_DATA_BAD.
BUNDLE_P_NOT_JSON = "không đọc được nội dung JSON (UTF-8)"
BUNDLE_P_MISSING_KEY = "thiếu mục \"{key}\""
BUNDLE_P_BAD_VALUE = "mục \"{key}\" có giá trị không hợp lệ"

# Scope of an upper-level database.
SCOPE_COUNTRY = "toàn quốc"
SCOPE_PROVINCE = "{province}"
SCOPE_BAD = (
    "Phạm vi \"{scope}\" không hợp lệ. Dùng mã tỉnh/thành phố chính thức (ví dụ 31 "
    "cho Thành phố Hải Phòng) hoặc all (toàn quốc)."
)
SCOPE_MISSING = (
    "Cơ sở dữ liệu {db} chưa được thiết lập làm cơ sở dữ liệu cấp trên. Hãy ghi phạm vi "
    "bằng --scope MÃ_TỈNH (ví dụ --scope 31) hoặc --scope all."
)
SCOPE_CONFLICT = (
    "Cơ sở dữ liệu {db} đã có phạm vi {current}; không đổi sang {asked} được. "
    "Hãy dùng một cơ sở dữ liệu khác cho phạm vi {asked}."
)
IMPORT_INTO_COMMUNE = (
    "Cơ sở dữ liệu {db} là cơ sở dữ liệu của {commune}; chỉ nhập gói dữ liệu vào "
    "cơ sở dữ liệu cấp tỉnh hoặc toàn quốc. Hãy chọn hoặc tạo cơ sở dữ liệu cấp trên "
    "(ví dụ: import --db tinh.db --scope 31 ...)."
)
EXPORT_FROM_UPPER = (
    "Cơ sở dữ liệu {db} là cơ sở dữ liệu cấp trên ({scope}); chỉ cơ sở dữ liệu của xã "
    "mới xuất gói dữ liệu."
)
EXPORT_NO_PLAN = "Cơ sở dữ liệu chưa có kế hoạch đang thực hiện; chưa có gì để xuất."
EXPORT_NO_FOLDER = "Thư mục {path} không tồn tại hoặc không ghi được."
EXPORT_WRITE_FAILED = (
    "Không ghi được gói dữ liệu vào {folder}: {reason}. Không có tệp gói dở dang nào "
    "được để lại; hãy kiểm tra USB rồi xuất lại."
)
EXPORT_VERIFY_FAILED = (
    "Gói vừa ghi vào {folder} đọc lại không khớp ({reason}); đã xóa tệp. "
    "USB có thể bị lỗi, hãy thử USB khác."
)
EXPORT_CANCELLED = "Đã dừng xuất gói theo yêu cầu; không có tệp nào được để lại."
EXPORT_DONE = "Đã xuất và kiểm tra lại gói dữ liệu {period} của {commune}: {path}"
EXPORT_AUDIT = "Xuất gói dữ liệu {period} ({size}) ra {path}"
EXPORT_HELP = "xuất gói dữ liệu của một kỳ để gửi cấp trên (qua USB)"
EXPORT_PERIOD_HELP = "kỳ báo cáo, ví dụ 2026-10 (tháng), 2026-Q3, 2026-H1, 2026"
EXPORT_OUT_HELP = "thư mục ghi gói (ví dụ ổ USB E:\\)"

IMPORT_HELP = "nhập gói dữ liệu của các xã vào cơ sở dữ liệu cấp tỉnh/toàn quốc"
IMPORT_PATHS_HELP = "tệp gói (.nq57.zip) hoặc thư mục chứa các gói"
IMPORT_SCOPE_HELP = (
    "phạm vi khi tạo cơ sở dữ liệu cấp trên: mã tỉnh/thành phố (ví dụ 31) hoặc all (toàn quốc)"
)
IMPORT_DRY_RUN_HELP = "chỉ kiểm tra và cho biết sẽ thay đổi gì, không ghi vào cơ sở dữ liệu"
IMPORT_ACCEPT_KEY_HELP = (
    "(quản trị viên) chấp nhận khóa ký mới của xã khi khóa khác khóa đã tin cậy; "
    "việc chấp nhận được ghi nhật ký"
)
IMPORT_NO_BUNDLES = "Không tìm thấy gói dữ liệu (.nq57.zip) nào trong: {paths}"
IMPORT_CREATED_DB = "Đã tạo cơ sở dữ liệu cấp trên {db}, phạm vi {scope}."
IMPORT_DRY_RUN_HEADER = "Chạy thử: không ghi gì vào cơ sở dữ liệu."
IMPORT_OUTCOME_NEW = "{name}: nhập mới {commune}, kỳ {period} ({values} số liệu)."
IMPORT_OUTCOME_REPLACED = (
    "{name}: nhập {commune}, kỳ {period} ({values} số liệu), thay cho gói lập lúc {old} "
    "(gói cũ được giữ trong lịch sử)."
)
IMPORT_OUTCOME_OLDER = (
    "{name}: {commune}, kỳ {period} — gói này cũ hơn gói đang dùng (lập lúc {current}); "
    "chỉ lưu vào lịch sử, số liệu tổng hợp không đổi."
)
IMPORT_OUTCOME_DUPLICATE = "{name}: đã nhập trước đó ({commune}, kỳ {period}), bỏ qua."
IMPORT_OUTCOME_REFUSED = "{name}: BỊ TỪ CHỐI — {reason}"
IMPORT_KEY_FIRST_USE = "  Khóa ký của {commune} được tin cậy lần đầu, dấu vân tay: {fingerprint}"
IMPORT_KEY_ACCEPTED = (
    "  Đã chấp nhận khóa ký mới của {commune}: {new} (thay khóa {old})."
)
IMPORT_DRY_NEW = "{name}: sẽ nhập mới {commune}, kỳ {period} ({values} số liệu)."
IMPORT_DRY_REPLACED = (
    "{name}: sẽ nhập {commune}, kỳ {period} ({values} số liệu), thay gói lập lúc {old}."
)
IMPORT_DRY_OLDER = (
    "{name}: {commune}, kỳ {period} — cũ hơn gói đang dùng; sẽ chỉ lưu vào lịch sử."
)
IMPORT_SUMMARY = (
    "Tổng cộng {total} gói: {new} nhập mới, {replaced} thay gói cũ, {older} lưu lịch sử, "
    "{duplicate} trùng bỏ qua, {refused} bị từ chối."
)
IMPORT_AUDIT = "Nhập gói dữ liệu {commune}, kỳ {period} ({name})"
IMPORT_AUDIT_KEY_CHANGE = (
    "Chấp nhận khóa ký mới của {commune}: {new} thay khóa {old}"
)

# --- Messages of reliability -----------------------------------------------
# Permissions (models.permissions). {what} is one of PERMISSION_LABELS.
PERMISSION_LABELS: dict[str, str] = {
    "view": "xem dữ liệu",
    "plan.edit": "sửa kế hoạch, nhiệm vụ, chỉ tiêu",
    "updates.edit": "cập nhật số liệu của đơn vị",
    "updates.submit": "gửi báo cáo của đơn vị",
    "period.lock": "chốt hoặc mở chốt số liệu kỳ báo cáo",
    "report.issue": "ban hành, ban hành lại hoặc hủy báo cáo",
    "report.approve": "phê duyệt báo cáo",
    "bundle.export": "xuất gói dữ liệu",
    "bundle.import": "nhập gói dữ liệu",
    "bundle.accept_key": "chấp nhận khóa ký mới của xã",
    "catalog.edit": "sửa danh mục (thông tin xã, đơn vị, người ký, nơi nhận)",
    "users.manage": "quản lý tài khoản người dùng",
    "settings.edit": "thay đổi cài đặt",
    "audit.view": "xem nhật ký",
    "backup": "sao lưu dữ liệu",
    "restore": "phục hồi dữ liệu từ bản sao lưu",
}
PERM_DENIED = "Tài khoản {role} không có quyền {what}."
PERM_OTHER_UNIT = "Cán bộ đơn vị chỉ được cập nhật số liệu và gửi báo cáo của đơn vị mình."
PERM_NOT_SIGNED_IN = "Chưa đăng nhập; hãy đăng nhập để tiếp tục."
PERM_INACTIVE = "Tài khoản đã bị khóa. Hãy liên hệ quản trị viên."

# Sign-in hardening (models.auth).
AUTH_WAIT = (
    "Đã nhập sai mật khẩu nhiều lần. Thử lại sau {seconds} giây."
)
AUTH_WRONG_PASSWORD = "Mật khẩu hiện tại không đúng."
AUTH_SAME_PASSWORD = "Mật khẩu mới phải khác mật khẩu hiện tại."
AUTH_PASSWORD_MISMATCH = "Hai lần nhập mật khẩu mới không giống nhau."
AUTH_PASSWORD_CHANGED = "Đổi mật khẩu của tài khoản {username}"
AUTH_PASSWORD_RESET = "Đặt lại mật khẩu của tài khoản {username}"
AUTH_LOCKED_SUMMARY = "{username}: sai mật khẩu {count} lần, tạm khóa {seconds} giây"
AUTH_UNLOCK_SESSION = "Mở khóa phiên làm việc sau thời gian không thao tác"

# Backups (models.backup) and the backup/restore commands.
BACKUP_REASON_MANUAL = "sao lưu theo yêu cầu"
BACKUP_REASON_DAILY = "sao lưu đầu ngày"
BACKUP_REASON_BEFORE_MIGRATION = "trước khi nâng cấp cơ sở dữ liệu"
BACKUP_REASON_BEFORE_RESTORE = "trước khi phục hồi"
BACKUP_NOT_SQLITE = (
    "Chỉ sao lưu được cơ sở dữ liệu SQLite dạng tệp. Cơ sở dữ liệu trên máy chủ "
    "({url}) được sao lưu bằng công cụ của máy chủ (ví dụ pg_dump)."
)
BACKUP_NO_DB = "Không có cơ sở dữ liệu {path} để sao lưu."
BACKUP_WRITE_FAILED = (
    "Không ghi được bản sao lưu vào {folder}: {reason}. Không có tệp sao lưu dở dang nào "
    "được để lại; dữ liệu hiện tại không bị ảnh hưởng."
)
BACKUP_VERIFY_FAILED = (
    "Bản sao lưu {path} không dùng được: {reason}."
)
BACKUP_R_NOT_FOUND = "không tìm thấy tệp"
BACKUP_R_NOT_ZIP = "tệp bị cắt cụt hoặc hỏng, không phải tệp nén zip"
BACKUP_R_NO_MANIFEST = "thiếu bản kê khai (manifest.json), không phải bản sao lưu của chương trình"
BACKUP_R_MANIFEST_BAD = "bản kê khai (manifest.json) không hợp lệ"
BACKUP_R_MISSING = "thiếu thành phần \"{member}\""
BACKUP_R_EXTRA = "có thành phần lạ \"{member}\" không ghi trong bản kê khai"
BACKUP_R_CHECKSUM = "thành phần \"{member}\" không khớp mã kiểm tra SHA-256 (tệp đã bị sửa hoặc hỏng)"
BACKUP_R_PATH = "thành phần \"{member}\" có đường dẫn không hợp lệ"
BACKUP_R_INTEGRITY = "cơ sở dữ liệu trong bản sao lưu không qua được kiểm tra toàn vẹn"
BACKUP_R_NEWER = "bản sao lưu được tạo bởi phiên bản mới hơn của chương trình (lược đồ {found})"
BACKUP_R_NOT_OURS = "cơ sở dữ liệu trong bản sao lưu không phải của chương trình này"
BACKUP_DONE = "Đã sao lưu và kiểm tra lại: {path}"
BACKUP_AUDIT = "Sao lưu ({reason}) ra {path}"
BACKUP_HELP = "sao lưu cơ sở dữ liệu kèm tệp minh chứng (bản sao được kiểm tra lại sau khi ghi)"
BACKUP_OUT_HELP = (
    "thư mục ghi bản sao lưu (ví dụ ổ USB hoặc ổ đĩa khác); mặc định: thư mục sao lưu "
    "trong cài đặt hoặc thư mục <tên CSDL>.backups"
)
BACKUP_LIST_HELP = "liệt kê các bản sao lưu trong thư mục rồi thoát"
BACKUP_LIST_LINE = "{when}  {kind:<10}  {size:>10}  {path}"
BACKUP_LIST_EMPTY = "Không có bản sao lưu nào trong {folder}."
BACKUP_KIND_DAILY = "hằng ngày"
BACKUP_KIND_MANUAL = "thủ công"
BACKUP_KIND_SAFETY = "an toàn"
BACKUP_KIND_MIGRATION = "nâng cấp"

RESTORE_HELP = "phục hồi cơ sở dữ liệu và tệp minh chứng từ một bản sao lưu"
RESTORE_BACKUP_HELP = "tệp sao lưu (.nq57-backup.zip)"
RESTORE_YES_HELP = "không hỏi xác nhận (dùng trong tập lệnh)"
RESTORE_CONFIRM = (
    "Phục hồi sẽ thay thế dữ liệu hiện tại trong {db} bằng bản sao lưu lập lúc {when}. "
    "Trước khi thay, chương trình sao lưu dữ liệu hiện tại. Gõ 'co' để tiếp tục: "
)
RESTORE_CONFIRM_WORD = "co"
RESTORE_NO_CONFIRM = (
    "Không có xác nhận (không nhập được từ bàn phím); chưa phục hồi gì. "
    "Dùng --yes nếu chạy trong tập lệnh."
)
RESTORE_ABORTED = "Chưa phục hồi: không gõ 'co'. Dữ liệu hiện tại được giữ nguyên."
RESTORE_DONE = "Đã phục hồi {db} từ {backup}. Bản sao dữ liệu trước khi phục hồi: {safety}"
RESTORE_DONE_NO_SAFETY = "Đã phục hồi {db} từ {backup}."
RESTORE_FAILED = (
    "Không phục hồi được: {reason}. Dữ liệu hiện tại được giữ nguyên."
)
RESTORE_AUDIT = "Phục hồi từ bản sao lưu {name} (lập lúc {when})"
RESTORE_IN_USE = (
    "Cơ sở dữ liệu {db} đang được mở bởi một cửa sổ chương trình khác; hãy đóng "
    "chương trình đó trước khi phục hồi."
)

# Start-up health (models.health).
HEALTH_CORRUPT = (
    "Cơ sở dữ liệu {path} bị hỏng (kiểm tra toàn vẹn không đạt), có thể do mất điện "
    "hoặc ổ đĩa lỗi. Chương trình không mở tệp này để tránh làm hỏng thêm. "
)
HEALTH_CORRUPT_BACKUP = "Bản sao lưu tốt gần nhất: {backup} (lập lúc {when}); có thể phục hồi từ bản này."
HEALTH_CORRUPT_NO_BACKUP = (
    "Không tìm thấy bản sao lưu nào dùng được. Hãy giữ nguyên tệp và liên hệ cán bộ kỹ thuật."
)
HEALTH_MISSING = (
    "Không tìm thấy cơ sở dữ liệu {path} (tệp đã bị xóa, di chuyển, hoặc USB/ổ đĩa chứa nó "
    "chưa được cắm), trong khi vẫn còn bản sao lưu của nó. Chương trình không tự tạo một "
    "cơ sở dữ liệu trống thay thế. "
)
HEALTH_BACKUP_WARNING = (
    "Chưa sao lưu được dữ liệu đầu ngày: {reason} Hãy kiểm tra thư mục sao lưu trong Cài đặt."
)

# Second copy of the program (models.instance_lock).
INSTANCE_BUSY = (
    "Cơ sở dữ liệu đang được mở bởi một cửa sổ chương trình khác ({who}). "
    "Để tránh ghi đè lẫn nhau, cửa sổ này chỉ được xem (chỉ đọc); "
    "hãy đóng cửa sổ kia nếu cần sửa dữ liệu."
)
INSTANCE_BUSY_WHO = "máy {host}, tiến trình {pid}, mở lúc {since}"
INSTANCE_BUSY_UNKNOWN = "không rõ"
DB_READ_ONLY_REASON = (
    "tệp hoặc thư mục chỉ cho phép đọc (USB bị khóa ghi, quyền truy cập, hoặc chương trình "
    "đang mở ở chế độ chỉ xem). Không lưu được thay đổi này; những gì đã lưu trước đó vẫn "
    "được giữ nguyên."
)
AUDIT_PERIOD_PART = "kỳ {code}"
FILE_DAMAGED_REASON = "tệp bị hỏng hoặc không đúng cấu trúc (nội dung bên trong không đọc được)"
INSTANCE_LOCK_FAILED = "không tạo được tệp khóa {path} (thư mục chỉ cho phép đọc?)"
