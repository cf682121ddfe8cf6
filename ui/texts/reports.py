"""Vietnamese text of the Báo cáo page (report drafting, preview, register)."""

from __future__ import annotations

TITLE = "Báo cáo theo Nghị định 30/2020"
KIND = "Loại báo cáo:"
PERIOD = "Kỳ báo cáo:"
REFRESH = "Làm mới"
REFRESH_TIP = "Tính lại số liệu và nội dung tự động từ dữ liệu hiện có"
LOADING = "Đang tính số liệu báo cáo…"
GENERATING = "Đang tạo báo cáo (PDF, Word, Excel)…"
ISSUING = "Đang ban hành báo cáo…"

TAB_CONTENT = "Nội dung báo cáo"
TAB_SIGN = "Người ký, nơi nhận"
TAB_REGISTER = "Sổ văn bản"

SUMMARY = "Trích yếu:"
SUMMARY_TIP = "Để trống để dùng trích yếu tự động"
SECTIONS = "Các phần của báo cáo"
SECTION_LABELS = {
    "intro": "Mở đầu",
    "I": "I. Công tác lãnh đạo, chỉ đạo, triển khai",
    "II": "II. Kết quả thực hiện nhiệm vụ",
    "III": "III. Kết quả thực hiện các chỉ tiêu",
    "IV": "IV. Khó khăn, vướng mắc và nguyên nhân",
    "V": "V. Nhiệm vụ trọng tâm kỳ tới",
    "VI": "VI. Kiến nghị, đề xuất",
    "closing": "Kết thúc",
}
SECTION_EDITED = "{title} (đã sửa)"
EDITOR_TIP = (
    'Mỗi dòng là một đoạn. Dòng bắt đầu bằng "- " là gạch đầu dòng; '
    '"1. Tiêu đề" là đề mục số; "a) ..." là đề mục chữ.'
)
RESET_SECTION = "Khôi phục nội dung tự động"
RESET_SECTION_TIP = "Bỏ phần đã sửa, dùng lại nội dung tính từ báo cáo của các đơn vị"
STATS = (
    "Tổng số {total} nhiệm vụ: hoàn thành {done}, đang thực hiện {doing} (quá hạn {overdue}), "
    "chưa triển khai {not_started}. Chỉ tiêu: {achieved} đạt/vượt, {not_achieved} chưa đạt."
)

SIGNER = "Người ký:"
RECIPIENTS = "Nơi nhận (đánh dấu để gửi):"
RECIPIENT_UP = "{name}  — Kính gửi"
RECIPIENT_OTHER = "{name}"
DRAFT_DATE = "Ngày ghi trên dự thảo:"
BLANK_DATE = "Để trống ngày, tháng cho văn thư điền sau khi ký"

PREVIEW = "Tạo bản xem trước"
PREVIEW_TIP = "Tạo PDF, Word, Excel của dự thảo và xem PDF tại đây"
PRINT = "In…"
SAVE_DRAFT = "Lưu dự thảo"
ISSUE = "Ban hành…"
ISSUE_TIP = "Cấp số văn bản tiếp theo trong năm, ghi tệp và vào sổ"
OPEN_FOLDER = "Mở thư mục"
NO_PREVIEW = 'Chưa có bản xem trước. Bấm "Tạo bản xem trước".'
PREVIEW_OF = "Xem trước: {name}"
PAGE_COUNT = "{pages} trang"

REOPEN = "Mở lại"
REISSUE = "Ban hành lại…"
CANCEL_DOC = "Hủy văn bản…"
DELETE_DRAFT = "Xóa dự thảo"
COL_NUMBER = "Số, ký hiệu"
COL_DATE = "Ngày ban hành"
COL_PERIOD = "Kỳ báo cáo"
COL_KIND = "Loại"
COL_STATUS = "Trạng thái"
COL_SIGNER = "Người ký"
COL_NOTE = "Ghi chú"
DRAFT_NUMBER = "(chưa có số)"
REPLACES = "Thay thế số {number}"

ISSUE_TITLE = "Ban hành báo cáo"
ISSUE_QUESTION = (
    "Ban hành báo cáo {period} với số {number}, ngày {date}?\n"
    "Số văn bản được ghi vào sổ và không thay đổi được; các tệp PDF, Word, Excel được lưu lại."
)
ISSUE_DATE = "Ngày ban hành:"
ISSUED = "Đã ban hành báo cáo số {number}. Các tệp được lưu tại {folder}."
REISSUE_QUESTION = (
    "Ban hành lại văn bản số {number}? Một dự thảo mới được tạo từ văn bản này để sửa; "
    'khi ban hành, văn bản mới nhận số mới và văn bản cũ được đánh dấu "Đã được thay thế".'
)
CANCEL_TITLE = "Hủy văn bản"
CANCEL_REASON = "Lý do hủy văn bản số {number} (số văn bản được giữ nguyên, không cấp lại):"
DELETE_QUESTION = "Xóa dự thảo báo cáo {period}? Các phần đã sửa sẽ mất."
SAVED = "Đã lưu dự thảo."
UNSAVED = "Các phần đã sửa của báo cáo chưa được lưu. Lưu dự thảo trước khi rời trang?"
READ_ONLY = 'Văn bản số {number} đã ban hành: chỉ xem. Dùng "Ban hành lại…" để sửa và thay thế.'
EDITING_DRAFT = "Đang soạn dự thảo báo cáo {period}"
EDITING_REISSUE = "Đang soạn văn bản thay thế số {number}"
NO_ROLE = "Tài khoản của bạn chỉ được xem báo cáo; cán bộ tổng hợp soạn và ban hành."
PRINT_FAILED = "Không in được: {reason}"
NO_FILE = "Không tìm thấy tệp {path}; có thể đã bị xóa hoặc chuyển đi."

KIND_LABELS = {
    "month": "Báo cáo tháng",
    "quarter": "Báo cáo quý",
    "half_year": "Báo cáo 6 tháng",
    "year": "Báo cáo năm",
}
