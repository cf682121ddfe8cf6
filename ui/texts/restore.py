"""Vietnamese text of Tệp → Phục hồi từ bản sao lưu…"""

from __future__ import annotations

ACTION_RESTORE = "&Phục hồi từ bản sao lưu…"
TITLE = "Phục hồi từ bản sao lưu"
INTRO = (
    "Chọn bản sao lưu để phục hồi. Toàn bộ dữ liệu hiện tại (kể cả tệp minh chứng) sẽ "
    "được thay bằng dữ liệu của bản sao lưu; trước đó chương trình tự sao lưu dữ liệu "
    "hiện tại để có thể quay lại."
)
COL_WHEN = "Thời điểm"
COL_KIND = "Loại"
COL_SIZE = "Dung lượng"
COL_FOLDER = "Thư mục"
KIND_OTHER = "khác"
NONE_FOUND = "Không tìm thấy bản sao lưu nào trong thư mục sao lưu. Bấm \"Chọn tệp khác…\" để tìm."
CHOOSE_FILE = "&Chọn tệp khác…"
FILE_FILTER = "Bản sao lưu (*.nq57-backup.zip);;Mọi tệp (*)"
RESTORE = "&Phục hồi"
NOTHING_SELECTED = "Hãy chọn một bản sao lưu trong danh sách."
CONFIRM = (
    "Phục hồi dữ liệu từ bản sao lưu lúc {when}?\n\n"
    "Mọi thay đổi sau thời điểm đó sẽ bị thay thế (dữ liệu hiện tại được sao lưu "
    "an toàn trước). Chương trình sẽ đóng cơ sở dữ liệu, phục hồi rồi yêu cầu đăng nhập lại."
)
CHECKING = "Đang kiểm tra bản sao lưu…"
WORKING = "Đang phục hồi dữ liệu…"
DONE = "Đã phục hồi dữ liệu từ bản sao lưu {name}."
DONE_SAFETY = "\nDữ liệu trước khi phục hồi được giữ ở:\n{path}"
FAILED_REOPEN = "Không phục hồi được; dữ liệu hiện tại giữ nguyên.\n\n{reason}"
NOT_SQLITE = (
    "Cơ sở dữ liệu trên máy chủ ({where}) được phục hồi bằng công cụ của máy chủ, "
    "không phục hồi được từ chương trình."
)
READ_ONLY = "Cơ sở dữ liệu đang mở chỉ để xem; không phục hồi được."
