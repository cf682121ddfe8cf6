"""Vietnamese text of the document register (``models.services.register``).

Kept beside ``models/texts.py`` (same role: messages raised by Qt-free
services) so a translator finds every domain string in ``models/texts*.py``.
"""

from __future__ import annotations

DOC_NOT_FOUND = "Không tìm thấy văn bản trong sổ đăng ký (có thể đã bị xóa)."
DOC_NOT_DRAFT = (
    'Văn bản số {number} đã ban hành; không sửa được. Hãy dùng "Ban hành lại" để thay thế.'
)
DOC_NOT_ISSUED = "Chỉ hủy hoặc ban hành lại được văn bản đã ban hành (văn bản này: {status})."
DOC_ALREADY_REPLACED = "Văn bản số {number} đã được thay thế bằng văn bản khác."
DOC_DRAFT_ONLY_DELETE = "Chỉ xóa được dự thảo; văn bản đã ban hành chỉ có thể hủy (giữ nguyên số)."
DOC_NO_PERIOD = "Dự thảo chưa chọn kỳ báo cáo."
DOC_SIGNER_UNKNOWN = "Người ký đã chọn không còn trong danh mục."
DOC_RECIPIENT_UNKNOWN = "Nơi nhận đã chọn không còn trong danh mục."
DOC_CANCEL_REASON = "Hãy ghi lý do hủy văn bản."
DOC_ISSUE_DATE_FUTURE = "Ngày ban hành {date} ở tương lai; hãy chọn ngày hôm nay hoặc trước đó."
DOC_NUMBER_BUSY = "Không cấp được số văn bản do có người khác đang ban hành cùng lúc. Hãy thử lại."
DOC_FILES_FAILED = "Không ghi được tệp báo cáo: {reason}. Văn bản chưa được cấp số."

AUDIT_ISSUE = "Ban hành báo cáo số {number} ({period}), người ký {signer}"
AUDIT_REISSUE = "Ban hành lại: báo cáo số {number} thay thế báo cáo số {old} ({period})"
AUDIT_CANCEL = "Hủy báo cáo số {number} ({period}): {reason}"

# --- Command line: python main.py report ------------------------------------
REPORT_HELP = (
    "lập dự thảo báo cáo kết quả thực hiện Kế hoạch theo Nghị định 30/2020 "
    "(PDF, Word, Excel) cho một kỳ, ghi vào thư mục và in đường dẫn các tệp"
)
REPORT_PERIOD_HELP = "kỳ báo cáo: 2026-10 (tháng), 2026-Q3 (quý), 2026-H1 (6 tháng) hoặc 2026 (năm)"
REPORT_KIND_HELP = (
    "loại báo cáo: month (tháng, mặc định với kỳ tháng), quarter (quý), half_year (6 tháng), "
    "year (năm); kỳ tháng kèm loại lớn hơn là kỳ chứa tháng đó (2026-10 + quarter = quý IV/2026)"
)
REPORT_OUT_HELP = "thư mục ghi ba tệp báo cáo (tạo mới nếu chưa có)"
REPORT_DATE_HELP = "ngày ghi trên dự thảo, dạng 18/11/2026 (mặc định: hôm nay)"
REPORT_BLANK_DATE_HELP = "để trống ngày, tháng trên dự thảo cho văn thư điền sau khi ký"
REPORT_FORMATS_HELP = "chỉ ghi các định dạng này, cách nhau bởi dấu phẩy (mặc định: pdf,docx,xlsx)"
REPORT_BAD_FORMAT = 'Định dạng "{fmt}" không hỗ trợ; chỉ có pdf, docx, xlsx.'
REPORT_OUT_NOT_DIR = '"{path}" không phải là thư mục.'
