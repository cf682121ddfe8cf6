"""Vietnamese text of the recovery dialog (damaged database at start-up) and
of the idle lock screen."""

from __future__ import annotations

# --- Recovery at start-up ---------------------------------------------------------
RECOVERY_TITLE = "Cơ sở dữ liệu cần được phục hồi"
RECOVERY_HEADING_CORRUPT = "Cơ sở dữ liệu bị hỏng"
RECOVERY_HEADING_MISSING = "Không tìm thấy cơ sở dữ liệu"
RECOVERY_BACKUP_LINE = (
    "Bản sao lưu tốt gần nhất (đã kiểm tra, dùng được): <b>{name}</b><br>"
    "lập lúc {when}{commune}{files}.<br>Thư mục: {folder}"
)
RECOVERY_BACKUP_FILES = ", kèm {files} tệp minh chứng/báo cáo"
RECOVERY_BACKUP_COMMUNE = " — {commune}"
RECOVERY_RESTORE = "Phục hồi từ bản sao lưu này"
RECOVERY_CHOOSE = "Chọn bản sao lưu khác…"
RECOVERY_NEW = "Tạo cơ sở dữ liệu mới"
RECOVERY_QUIT = "Thoát"
RECOVERY_CHOOSE_FILTER = "Bản sao lưu (*.nq57-backup.zip)"
RECOVERY_CONFIRM = (
    "Phục hồi sẽ thay thế dữ liệu hiện tại bằng bản sao lưu lập lúc {when}. "
    "Tệp hiện tại được giữ lại nguyên trạng trong thư mục sao lưu trước khi thay. Tiếp tục?"
)
RECOVERY_NEW_CONFIRM = (
    "Tạo một cơ sở dữ liệu mới, trống? Các bản sao lưu cũ vẫn được giữ nguyên và "
    "có thể phục hồi sau."
)
RECOVERY_WORKING = "Đang phục hồi từ bản sao lưu…"
RECOVERY_DONE = "Đã phục hồi dữ liệu từ bản sao lưu {name}."
RECOVERY_DONE_SAFETY = " Dữ liệu trước khi phục hồi được giữ tại:\n{path}"

# --- Idle lock ----------------------------------------------------------------------
IDLE_HEADING = "Chương trình đã khóa"
IDLE_TEXT = (
    "Chương trình tự khóa sau {minutes} phút không thao tác để bảo vệ dữ liệu. "
    "Nhập mật khẩu của tài khoản <b>{username}</b> ({full_name}) để tiếp tục làm việc."
)
IDLE_PASSWORD = "Mật khẩu:"
IDLE_UNLOCK = "Mở khóa"
IDLE_LOGOUT = "Đăng xuất"
IDLE_EMPTY = "Hãy nhập mật khẩu."
IDLE_WAIT = "Thử lại sau {seconds} giây."
