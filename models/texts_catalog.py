"""Vietnamese text of the setup and catalogue services (``models.services.setup``,
``models.services.catalog``, ``models.services.settings``).

Kept beside ``models/texts.py`` (same role: messages raised by Qt-free
services, and the standard names a new commune starts from) so a translator
finds every domain string in ``models/texts*.py``.
"""

from __future__ import annotations

# --- Standard content offered to a new commune ----------------------------
AGENCY_LINE1 = "ỦY BAN NHÂN DÂN"
REPORT_SYMBOL = "BC-UBND"
SIGNER_BODY = "ỦY BAN NHÂN DÂN"
TITLE_CHAIRMAN = "CHỦ TỊCH"
TITLE_VICE_CHAIRMAN = "PHÓ CHỦ TỊCH"

# (code, name with {div} = "xã"/"phường"/"đặc khu", UnitKind value)
STANDARD_UNITS: tuple[tuple[str, str, str], ...] = (
    ("VP", "Văn phòng HĐND và UBND {div}", "office"),
    ("VHXH", "Phòng Văn hóa - Xã hội", "department"),
    ("KT", "Phòng Kinh tế", "department"),
    ("TTHCC", "Trung tâm Phục vụ hành chính công {div}", "centre"),
    ("TTVH", "Trung tâm Văn hóa, Thể thao và Truyền thông {div}", "centre"),
    ("CA", "Công an {div}", "police"),
    ("QS", "Ban Chỉ huy quân sự {div}", "military"),
    ("TYT", "Trạm Y tế {div}", "other"),
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam {div}", "mass_org"),
)
# A ward (phường) has an economic, infrastructure and urban department instead.
WARD_ECONOMY_UNIT = ("KTHTĐT", "Phòng Kinh tế, Hạ tầng và Đô thị", "department")
DEFAULT_DRAFTING_UNIT = "VHXH"

# Recipients: (name for "Kính gửi", short form for "Nơi nhận", upward)
RECIPIENT_PROVINCE_COMMITTEE = "Ủy ban nhân dân {level} {province}"
RECIPIENT_PROVINCE_COMMITTEE_SHORT = "UBND {level} {province}"
RECIPIENT_DOST = "Sở Khoa học và Công nghệ {level} {province}"
RECIPIENT_DOST_SHORT = "Sở Khoa học và Công nghệ"
INTERNAL_RECIPIENTS: tuple[tuple[str, str], ...] = (
    ("Thường trực Đảng ủy {div}", "TT Đảng ủy {div}"),
    ("Thường trực HĐND {div}", "TT HĐND {div}"),
    ("Chủ tịch, các Phó Chủ tịch UBND {div}", "CT, các PCT UBND {div}"),
    ("Các phòng, ban, đơn vị thuộc UBND {div}", "Các phòng, ban, đơn vị thuộc UBND {div}"),
)

# --- Validation messages ---------------------------------------------------
ROW_PREFIX = "Dòng {row}: "
REQUIRED = "Chưa nhập {what}."
TOO_LONG = "{what} dài quá {n} ký tự."
AGENCY_LINE1_WHAT = "dòng 1 tên cơ quan"
AGENCY_LINE2_WHAT = "dòng 2 tên cơ quan"
AGENCY_NAME_WHAT = "tên cơ quan đầy đủ"
PLACE_NAME_WHAT = "địa danh ghi ở dòng ngày tháng"
REPORT_SYMBOL_WHAT = "ký hiệu báo cáo"
SUPERIOR_LINE_WHAT = "tên cơ quan chủ quản"
REPORT_SYMBOL_BAD = 'Ký hiệu báo cáo "{symbol}" không hợp lệ: chỉ gồm chữ, số và dấu gạch nối, không có khoảng trắng (ví dụ BC-UBND).'
DEADLINE_DAY_BAD = "Ngày hạn {what} phải từ 1 đến 28 (có trong mọi tháng)."
DEADLINE_UNIT_WHAT = "các đơn vị báo cáo"
DEADLINE_REPORT_WHAT = "gửi báo cáo của xã"
DEADLINE_ORDER = (
    "Hạn gửi báo cáo của xã (ngày {report}) phải sau hạn các đơn vị báo cáo (ngày {unit})."
)

UNIT_CODE_WHAT = "mã đơn vị"
UNIT_NAME_WHAT = "tên đơn vị"
UNIT_CODE_BAD = 'Mã đơn vị "{code}" không hợp lệ: chỉ gồm chữ, số, dấu chấm, gạch nối (tối đa 20 ký tự, không có khoảng trắng).'
UNIT_CODE_DUP = 'Mã đơn vị "{code}" đã có (đơn vị "{other}").'
UNIT_NAME_DUP = 'Tên đơn vị "{name}" đã có.'
UNITS_EMPTY = "Cần ít nhất một đơn vị."
DRAFTING_UNIT_UNKNOWN = 'Đơn vị soạn thảo "{code}" không có trong danh sách đơn vị.'
UNIT_IN_USE = (
    'Không xóa được đơn vị "{name}" vì đang được dùng ({usage}). '
    'Hãy chọn "Ngừng sử dụng": đơn vị được giữ lại cho dữ liệu cũ nhưng không còn hiện khi giao việc mới.'
)
UNIT_USAGE_TASKS = "{n} nhiệm vụ"
UNIT_USAGE_INDICATORS = "{n} chỉ tiêu"
UNIT_USAGE_USERS = "{n} tài khoản"
UNIT_USAGE_SUBMISSIONS = "{n} lần gửi báo cáo"
UNIT_USAGE_DRAFTING = "là đơn vị soạn thảo báo cáo"
UNIT_NOT_FOUND = "Không tìm thấy đơn vị (có thể đã bị xóa)."

SIGNER_NAME_WHAT = "họ và tên người ký"
SIGNER_TITLE_WHAT = "chức vụ người ký"
SIGNER_BODY_WHAT = "tên tập thể (dòng thẩm quyền)"
SIGNER_KT_NEEDS_PRINCIPAL = "Người ký thay (KT.) phải ghi ký thay cho ai (ví dụ CHỦ TỊCH)."
SIGNERS_EMPTY = "Cần ít nhất một người ký báo cáo."
SIGNER_IN_USE = (
    'Không xóa được người ký "{name}" vì đã ký {n} báo cáo trong sổ đăng ký. '
    'Hãy chọn "Ngừng sử dụng" để không còn hiện khi lập báo cáo mới.'
)
SIGNER_NOT_FOUND = "Không tìm thấy người ký (có thể đã bị xóa)."

RECIPIENT_NAME_WHAT = "tên nơi nhận"
RECIPIENT_DUP = 'Nơi nhận "{name}" đã có.'
RECIPIENT_NOT_FOUND = "Không tìm thấy nơi nhận (có thể đã bị xóa)."

ADMIN_NAME_WHAT = "họ và tên người quản trị"
FULL_NAME_WHAT = "họ và tên"
PASSWORD_MISMATCH = "Hai lần nhập mật khẩu không giống nhau."
USER_NOT_FOUND = "Không tìm thấy tài khoản."
USER_SELF_DEACTIVATE = "Không thể tự khóa tài khoản đang đăng nhập."
USER_LAST_ADMIN = "Phải còn ít nhất một tài khoản quản trị đang hoạt động."

COMMUNE_ALREADY_SET = "Cơ sở dữ liệu này đã được thiết lập cho {name}; không thiết lập lại được."
COMMUNE_NOT_SET = "Cơ sở dữ liệu chưa được thiết lập xã/phường."
COMMUNE_CODE_TAKEN = (
    "Mã xã/phường {code} đã có trong cơ sở dữ liệu (dữ liệu tổng hợp của cấp trên)."
)

# --- Settings ---------------------------------------------------------------
IDLE_LOCK_BAD = "Thời gian tự khóa phải từ 0 (không tự khóa) đến {max} phút."
BACKUP_DIR_BAD = 'Thư mục sao lưu "{path}" không dùng được: {reason}'
BACKUP_DIR_NOT_DIR = "không phải thư mục"
BACKUP_DIR_NOT_WRITABLE = "không ghi được vào thư mục này"
FONT_SIZE_BAD = "Cỡ chữ phải từ {min} đến {max}."
