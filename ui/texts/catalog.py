"""Vietnamese text of the Danh mục (catalogue) and Cài đặt (settings) pages."""

from __future__ import annotations

PAGE_TITLE = "Danh mục"
READ_ONLY_NOTE = (
    "Tài khoản của bạn chỉ được xem danh mục; người quản trị hoặc cán bộ tổng hợp mới sửa được."
)

TAB_COMMUNE = "Thông tin xã"
TAB_UNITS = "Đơn vị"
TAB_SIGNERS = "Người ký"
TAB_RECIPIENTS = "Nơi nhận"
TAB_USERS = "Tài khoản"

# --- Thông tin xã ---------------------------------------------------------
OFFICIAL_NAME = "Tên chính thức:"
OFFICIAL_PROVINCE = "Tỉnh, thành phố:"
OFFICIAL_CODE = "Mã đơn vị hành chính:"
OFFICIAL_NOTE = "Tên và mã theo danh mục hành chính chính thức; không sửa được."
SUPERIOR_LINE = "Cơ quan chủ quản (nếu có):"
SUPERIOR_HINT = "Để trống với báo cáo của Ủy ban nhân dân xã, phường."
AGENCY_LINE1 = "Dòng 1 tên cơ quan:"
AGENCY_LINE2 = "Dòng 2 tên cơ quan:"
AGENCY_NAME = "Tên cơ quan đầy đủ:"
PLACE_NAME = "Địa danh ở dòng ngày tháng:"
REPORT_SYMBOL = "Ký hiệu báo cáo:"
DRAFTING_UNIT = "Đơn vị soạn thảo báo cáo:"
DRAFTING_NONE = "(không ghi)"
PERIOD_CONVENTION = "Cách tính kỳ báo cáo tháng:"
UNIT_DEADLINE = "Hạn các đơn vị báo cáo:"
REPORT_DEADLINE = "Hạn xã gửi báo cáo lên trên:"
DAY_PREFIX = "trước ngày "
DAY_SUFFIX = " hằng tháng"
GROUP_OFFICIAL = "Xã, phường"
GROUP_DOCUMENT = "Tên cơ quan trên báo cáo"
GROUP_RULES = "Quy định báo cáo"
SAVE = "Lưu (Ctrl+S)"
REVERT = "Hoàn tác"
SAVED = "Đã lưu thông tin xã."
UNSAVED = "Thông tin xã có thay đổi chưa lưu. Lưu trước khi rời trang?"

# --- Tables and buttons --------------------------------------------------------
SEARCH = "Tìm trong danh sách (Ctrl+F)…"
ADD = "Thêm…"
EDIT = "Sửa…"
DELETE = "Xóa"
DEACTIVATE = "Ngừng sử dụng"
ACTIVATE = "Dùng lại"
MOVE_UP = "Lên"
MOVE_DOWN = "Xuống"
SET_DEFAULT = "Đặt làm mặc định"
COUNT = "{n} mục"
COUNT_FILTERED = "{shown}/{n} mục"
ACTIVE = "Đang dùng"
INACTIVE = "Ngừng sử dụng"
YES = "Có"

COL_CODE = "Mã"
COL_UNIT_NAME = "Tên đơn vị"
COL_UNIT_KIND = "Loại"
COL_REPORTS = "Báo cáo hằng tháng"
COL_STATUS = "Trạng thái"
COL_FULL_NAME = "Họ và tên"
COL_AUTHORITY = "Thẩm quyền"
COL_TITLE = "Chức vụ"
COL_ON_BEHALF = "Ký thay cho"
COL_DEFAULT = "Mặc định"
COL_RECIPIENT_NAME = "Tên đầy đủ (Kính gửi)"
COL_RECIPIENT_SHORT = 'Ghi ở "Nơi nhận"'
COL_UPWARD = "Gửi cấp trên"
COL_PRESELECTED = "Chọn sẵn"
COL_USERNAME = "Tên đăng nhập"
COL_ROLE = "Vai trò"
COL_UNIT = "Đơn vị"
COL_LAST_LOGIN = "Đăng nhập gần nhất"
USER_ACTIVE = "Hoạt động"
USER_LOCKED = "Đã khóa"
USER_MUST_CHANGE = "Chờ đổi mật khẩu"

# --- Dialogs -------------------------------------------------------------------
UNIT_ADD_TITLE = "Thêm đơn vị"
UNIT_EDIT_TITLE = "Sửa đơn vị"
UNIT_CODE = "Mã đơn vị:"
UNIT_CODE_HINT = 'Ngắn, viết hoa, không dấu cách; dùng ở dòng "Lưu: VT, VHXH."'
UNIT_NAME = "Tên đơn vị:"
UNIT_KIND = "Loại đơn vị:"
UNIT_REPORTS = "Báo cáo hằng tháng (tính vào số đơn vị phải báo cáo)"
UNIT_ACTIVE = "Đang sử dụng"

SIGNER_ADD_TITLE = "Thêm người ký"
SIGNER_EDIT_TITLE = "Sửa người ký"
SIGNER_NAME = "Họ và tên:"
SIGNER_AUTHORITY = "Thẩm quyền ký:"
SIGNER_BODY = "Tập thể lãnh đạo:"
SIGNER_ON_BEHALF = "Ký thay cho:"
SIGNER_TITLE = "Chức vụ:"
SIGNER_DEFAULT = "Người ký mặc định khi lập báo cáo"
SIGNER_ACTIVE = "Đang sử dụng"
SIGNER_PREVIEW = "Khối chữ ký:"
AUTHORITY_LABELS = {
    "TM.": "TM. — thay mặt tập thể",
    "KT.": "KT. — ký thay người đứng đầu",
    "Q.": "Q. — quyền",
    "TL.": "TL. — thừa lệnh",
    "TUQ.": "TUQ. — thừa ủy quyền",
}

RECIPIENT_ADD_TITLE = "Thêm nơi nhận"
RECIPIENT_EDIT_TITLE = "Sửa nơi nhận"
RECIPIENT_NAME = "Tên đầy đủ:"
RECIPIENT_SHORT = 'Ghi ở "Nơi nhận":'
RECIPIENT_SHORT_HINT = "Để trống thì dùng tên đầy đủ."
RECIPIENT_UPWARD = 'Cơ quan cấp trên (ghi ở dòng "Kính gửi")'
RECIPIENT_PRESELECTED = "Chọn sẵn khi lập báo cáo"
RECIPIENT_ACTIVE = "Đang sử dụng"

USER_ADD_TITLE = "Thêm tài khoản"
USER_EDIT_TITLE = "Sửa tài khoản"
USER_USERNAME = "Tên đăng nhập:"
USER_USERNAME_HINT = "Chữ không dấu, số, dấu chấm hoặc gạch dưới; không đổi được sau khi tạo."
USER_FULL_NAME = "Họ và tên:"
USER_ROLE = "Vai trò:"
USER_UNIT = "Đơn vị:"
USER_UNIT_NONE = "(không thuộc đơn vị nào)"
USER_UNIT_HINT = "Cán bộ đơn vị chỉ cập nhật số liệu của đơn vị mình."
USER_PASSWORD = "Mật khẩu:"
USER_PASSWORD_AGAIN = "Nhập lại mật khẩu:"
RESET_PASSWORD = "Đặt lại mật khẩu…"
RESET_TITLE = "Đặt lại mật khẩu"
RESET_INTRO = (
    "Đặt mật khẩu mới cho tài khoản {username}. Người dùng sẽ phải đổi mật khẩu này "
    "ngay khi đăng nhập lần sau."
)
RESET_DONE = "Đã đặt lại mật khẩu cho tài khoản {username}."
LOCK_USER = "Khóa tài khoản"
UNLOCK_USER = "Mở khóa"

CONFIRM_DELETE_TITLE = "Xóa"
CONFIRM_DELETE_UNIT = 'Xóa đơn vị "{name}"? Việc xóa được ghi vào nhật ký.'
CONFIRM_DELETE_SIGNER = 'Xóa người ký "{name}"? Việc xóa được ghi vào nhật ký.'
CONFIRM_DELETE_RECIPIENT = 'Xóa nơi nhận "{name}"? Việc xóa được ghi vào nhật ký.'
CONFIRM_LOCK_USER = "Khóa tài khoản {username}? Người này sẽ không đăng nhập được nữa."
CANNOT_DELETE_TITLE = "Không xóa được"
SELECT_FIRST = "Hãy chọn một dòng trong danh sách trước."

# --- Cài đặt ---------------------------------------------------------------------
SETTINGS_TITLE = "Cài đặt"
GROUP_PERIOD = "Kỳ báo cáo"
GROUP_SAFETY = "An toàn dữ liệu"
GROUP_DISPLAY = "Hiển thị (trên máy tính này)"
IDLE_LOCK = "Tự khóa khi không dùng sau:"
IDLE_LOCK_SUFFIX = " phút"
IDLE_LOCK_OFF = "Không tự khóa"
IDLE_LOCK_HINT = "Khi khóa, phải nhập lại mật khẩu để dùng tiếp; dữ liệu đang nhập được giữ nguyên."
BACKUP_DIR = "Thư mục sao lưu tự động:"
BACKUP_DIR_DEFAULT = "(mặc định: thư mục bên cạnh tệp dữ liệu)"
BACKUP_DIR_CHOOSE = "Chọn…"
BACKUP_DIR_RESET = "Mặc định"
BACKUP_DIR_HINT = "Nên chọn ổ đĩa khác hoặc USB để giữ bản sao an toàn khi máy hỏng."
FONT_SIZE = "Cỡ chữ của chương trình:"
FONT_SIZE_SUFFIX = " điểm"
FONT_SIZE_HINT = "Áp dụng ngay; chữ lớn hơn dễ đọc hơn trên màn hình nhỏ."
SETTINGS_SAVE = "Lưu cài đặt (Ctrl+S)"
SETTINGS_SAVED = "Đã lưu cài đặt."
SETTINGS_READ_ONLY = "Tài khoản của bạn chỉ được đổi cỡ chữ; các cài đặt khác do người quản trị hoặc cán bộ tổng hợp đặt."
SETTINGS_UNSAVED = "Cài đặt có thay đổi chưa lưu. Lưu trước khi rời trang?"
