"""Vietnamese text of the program's shell: main window, menus, dialogs, login,
background jobs and start-up."""

from __future__ import annotations

APP_TITLE = "Theo dõi Nghị quyết 57"
APP_SUBTITLE = "Theo dõi, báo cáo thực hiện Kế hoạch Nghị quyết 57-NQ/TW"

# --- Standard buttons and dialog titles --------------------------------------
OK = "Đồng ý"
CANCEL = "Hủy"
YES = "Có"
NO = "Không"
SAVE = "Lưu"
CLOSE = "Đóng"
OPEN = "Mở"
CHOOSE = "Chọn"
ADD = "Thêm…"
EDIT = "Sửa…"
DELETE = "Xóa"
TITLE_INFO = "Thông báo"
TITLE_WARN = "Cảnh báo"
TITLE_ERROR = "Lỗi"
TITLE_CONFIRM = "Xác nhận"
ALL_FILES = "Tất cả các tệp (*)"
CHOOSE_FOLDER = "Chọn thư mục"
OPEN_FILE = "Mở tệp"
SAVE_FILE = "Lưu tệp"

# --- Background jobs ----------------------------------------------------------
WORKING = "Đang xử lý, xin chờ…"
PROGRESS_STEP = "{text} ({done}/{total})"
JOB_CANCELLING = "Đang dừng…"
JOB_CANCELLED = "Đã dừng theo yêu cầu."
UNEXPECTED_ERROR = (
    "Đã xảy ra lỗi không mong đợi. Công việc chưa hoàn thành; dữ liệu đã lưu trước đó "
    "vẫn được giữ nguyên. Chi tiết kỹ thuật đã được ghi vào nhật ký chương trình:\n{log}"
)
UNEXPECTED_ERROR_DETAIL = "Chi tiết kỹ thuật"

# --- Start-up ------------------------------------------------------------------
SPLASH_OPENING = "Đang mở cơ sở dữ liệu…"
SPLASH_MIGRATING = "Đang kiểm tra và nâng cấp cơ sở dữ liệu…"
SPLASH_LOADING = "Đang tải…"
DB_ERROR_TITLE = "Không mở được cơ sở dữ liệu"
DB_ERROR_HINT = (
    "\n\nTệp dữ liệu không bị thay đổi. Hãy kiểm tra đường dẫn, hoặc phục hồi từ bản sao lưu."
)
DB_MIGRATED = "Cơ sở dữ liệu đã được nâng cấp lên phiên bản mới. Bản sao trước khi nâng cấp: {path}"
NO_COMMUNE_UPPER_LEVEL = (
    "Cơ sở dữ liệu này là dữ liệu tổng hợp của cấp trên (không thuộc một xã/phường)."
)

# --- Login ---------------------------------------------------------------------
LOGIN_TITLE = "Đăng nhập"
LOGIN_HEADING = "Đăng nhập"
LOGIN_USERNAME = "Tên đăng nhập:"
LOGIN_PASSWORD = "Mật khẩu:"
LOGIN_SHOW_PASSWORD = "Hiện mật khẩu"
LOGIN_BUTTON = "Đăng nhập"
LOGIN_QUIT = "Thoát"
LOGIN_EMPTY = "Hãy nhập tên đăng nhập và mật khẩu."
LOGIN_DEMO_HINT = (
    "Xã mẫu có sẵn các tài khoản: admin/admin123 (quản trị), tonghop/tonghop123 "
    "(cán bộ tổng hợp), lanhdao/lanhdao123 (lãnh đạo), vhxh/vhxh123 (cán bộ đơn vị)."
)
LOGIN_CAPS_LOCK = "Chú ý: mật khẩu phân biệt chữ hoa, chữ thường."
CHANGE_PASSWORD_TITLE = "Đổi mật khẩu"
CHANGE_PASSWORD_INTRO = (
    "Mật khẩu của bạn vừa được đặt lại. Hãy đặt mật khẩu mới trước khi tiếp tục."
)
NEW_PASSWORD = "Mật khẩu mới:"
NEW_PASSWORD_AGAIN = "Nhập lại mật khẩu mới:"

# --- Main window -------------------------------------------------------------
NAV_OVERVIEW = "Tổng quan"
NAV_TASKS = "Nhiệm vụ"
NAV_INDICATORS = "Chỉ tiêu"
NAV_UPDATES = "Cập nhật kỳ báo cáo"
NAV_REPORTS = "Báo cáo"
NAV_BUNDLES = "Gói dữ liệu"
NAV_CATALOG = "Danh mục"
NAV_AUDIT = "Nhật ký"
NAV_SETTINGS = "Cài đặt"

PERIOD_LABEL = "Kỳ báo cáo:"
PERIOD_TOOLTIP = "Kỳ báo cáo đang làm việc: các trang Tổng quan, Cập nhật, Báo cáo dùng kỳ này."
PERIOD_LOCKED_SUFFIX = " (đã chốt)"
USER_LABEL = "{name} — {role}"
USER_UNIT = "{name} — {role}, {unit}"
MENU_FILE = "&Tệp"
MENU_HELP = "T&rợ giúp"
ACTION_IMPORT_PLAN = "&Nhập kế hoạch từ tệp…"
ACTION_BACKUP = "&Sao lưu…"
ACTION_LOGOUT = "Đăng &xuất"
ACTION_QUIT = "T&hoát"
ACTION_GUIDE = "&Hướng dẫn sử dụng"
ACTION_ABOUT = "&Giới thiệu"
ACTION_SAVE = "Lưu"
ACTION_SEARCH = "Tìm kiếm"
ABOUT_TITLE = "Giới thiệu"
ABOUT_TEXT = (
    "<h3>{app}</h3><p>Phiên bản {version}</p>"
    "<p>Chương trình theo dõi, báo cáo thực hiện Kế hoạch triển khai Nghị quyết số "
    "57-NQ/TW ngày 22/12/2024 của Bộ Chính trị cấp xã, phường: cập nhật tiến độ "
    "nhiệm vụ, chỉ tiêu; lập báo cáo theo Nghị định số 30/2020/NĐ-CP; xuất gói dữ "
    "liệu gửi cấp trên.</p><p>Chương trình chạy không cần mạng Internet.</p>"
    "<p>Dữ liệu: {data}</p>"
)
GUIDE_MISSING = "Chưa có tài liệu hướng dẫn sử dụng trong thư mục chương trình ({path})."
GUIDE_TITLE = "Hướng dẫn sử dụng"
FEATURE_MISSING = 'Chức năng "{name}" chưa có trong phiên bản này.'
PLAN_IMPORT_TITLE = "Nhập kế hoạch"
PAGE_PLACEHOLDER_TITLE = "{title}"
PAGE_PLACEHOLDER = (
    'Trang "{title}" chưa có trong phiên bản chương trình này.\n'
    "Các trang khác vẫn dùng bình thường."
)
PAGE_LOAD_FAILED = 'Không mở được trang "{title}". Chi tiết đã được ghi vào nhật ký chương trình.'
PAGE_NO_PERMISSION = "Tài khoản của bạn không được xem trang này."
STATUS_READY = "Sẵn sàng"
STATUS_SAVED = "Đã lưu."
STATUS_DB = "Dữ liệu: {where}"
STATUS_SIGNED_IN = "Đăng nhập lúc {time}"
NOTHING_TO_SAVE = "Trang này không có gì để lưu."
NO_SEARCH = "Trang này không có ô tìm kiếm."
LOGOUT_CONFIRM = "Đăng xuất khỏi chương trình?"
QUIT_CONFIRM = "Thoát chương trình?"

# --- Backup ------------------------------------------------------------------
BACKUP_TITLE = "Sao lưu dữ liệu"
BACKUP_RUNNING = "Đang sao lưu dữ liệu…"
BACKUP_DONE = "Đã sao lưu dữ liệu (kèm tệp minh chứng) vào tệp:\n{path}"
BACKUP_NOT_SQLITE = (
    "Cơ sở dữ liệu đang dùng là máy chủ ({where}); hãy sao lưu bằng công cụ của máy chủ "
    "cơ sở dữ liệu."
)

# --- Shared widgets ----------------------------------------------------------
SEARCH_PLACEHOLDER = "Tìm kiếm (Ctrl+F)…"
BUSY = "Đang xử lý…"
UNSAVED_TITLE = "Chưa lưu"
UNSAVED_TEXT = 'Trang "{title}" có thay đổi chưa lưu. Lưu trước khi chuyển trang?'
UNSAVED_SAVE = "Lưu"
UNSAVED_DISCARD = "Bỏ thay đổi"
UNSAVED_STAY = "Ở lại"
