"""Vietnamese text of the monthly-cycle services (``models.services.tasks``,
``models.services.updates``, ``models.services.overview``).

Kept beside ``models/texts.py`` (same role: messages raised by Qt-free
services) so a translator finds every domain string in ``models/texts*.py``.
"""

from __future__ import annotations

# --- Tasks (models.services.tasks) -----------------------------------------
TASK_NOT_FOUND = "Không tìm thấy nhiệm vụ (có thể đã bị xóa)."
TASK_NO_PLAN = "Chưa có kế hoạch nào đang theo dõi; hãy nhập kế hoạch trước khi thêm nhiệm vụ."
TASK_CODE_EMPTY = "Chưa nhập số thứ tự (mã) của nhiệm vụ, ví dụ 3.11."
TASK_CODE_TOO_LONG = "Mã nhiệm vụ dài quá 30 ký tự."
TASK_CODE_TAKEN = "Mã nhiệm vụ \"{code}\" đã có trong kế hoạch; mỗi nhiệm vụ phải có mã riêng."
TASK_TITLE_EMPTY = "Chưa nhập tên nhiệm vụ."
TASK_PARENT_UNKNOWN = "Nhiệm vụ cha đã chọn không còn trong kế hoạch."
TASK_PARENT_CYCLE = "Không thể chuyển nhiệm vụ vào chính nó hoặc vào nhiệm vụ con của nó."
TASK_UNIT_UNKNOWN = "Đơn vị đã chọn không còn trong danh mục đơn vị."
TASK_TIMEFRAME_TOO_LONG = "Thời hạn thực hiện dài quá 300 ký tự."
TASK_DELETE_LOCKED = (
    "Nhiệm vụ {code} có số liệu ở kỳ đã chốt ({periods}); không xóa được. "
    "Cần mở chốt các kỳ đó trước."
)

# --- Values as written in tables and forms ---------------------------------
YES = "Có"
NO = "Không"
INDICATOR_NOT_FOUND = "Không tìm thấy chỉ tiêu (có thể đã bị xóa)."

# --- Unit update form (models.services.updates) ------------------------------
UNIT_NOT_FOUND = "Không tìm thấy đơn vị (có thể đã bị xóa khỏi danh mục)."
FORM_INVALID = "Biểu mẫu còn {count} ô chưa hợp lệ; chưa lưu gì. Hãy sửa các ô tô đỏ rồi lưu lại."
FORM_STALE = "Nhiệm vụ hoặc chỉ tiêu \"{code}\" không còn trong kế hoạch; hãy mở lại biểu mẫu."
PERCENT_RANGE = "Tỷ lệ hoàn thành phải từ 0 đến 100 (%)."
PERCENT_DONE_NOT_100 = "Nhiệm vụ đã hoàn thành thì tỷ lệ hoàn thành phải là 100%."
PERCENT_NOT_STARTED = "Nhiệm vụ chưa triển khai thì tỷ lệ hoàn thành phải để trống hoặc bằng 0."
PERCENT_WITHOUT_STATUS = "Đã nhập tỷ lệ hoàn thành nhưng chưa chọn tình trạng."
COMPLETED_REQUIRED = "Nhiệm vụ đã hoàn thành: hãy nhập ngày hoàn thành (dạng 20/12/2025)."
COMPLETED_ONLY_WHEN_DONE = "Chỉ nhập ngày hoàn thành khi tình trạng là Đã hoàn thành."
COMPLETED_AFTER_PERIOD = (
    "Ngày hoàn thành {date} sau ngày cuối kỳ báo cáo ({end}); "
    "hãy báo cáo việc hoàn thành ở kỳ sau."
)
COMPLETED_FUTURE = "Ngày hoàn thành {date} chưa đến."
COMPLETED_TOO_OLD = "Ngày hoàn thành {date} quá xa (trước năm {year}); hãy kiểm tra lại."
TEXT_WITHOUT_STATUS = (
    "Đã ghi kết quả, khó khăn, kiến nghị hoặc thêm minh chứng nhưng chưa chọn tình trạng."
)
VALUE_NEGATIVE = "Giá trị chỉ tiêu không được âm."
VALUE_PERCENT_RANGE = "Chỉ tiêu tính theo %: giá trị phải từ 0 đến 100."
EVIDENCE_MISSING = "Không tìm thấy tệp minh chứng {name}; có thể tệp đã bị chuyển hoặc xóa."
EVIDENCE_UNREADABLE = "Không đọc được tệp minh chứng {name}: {reason}"
EVIDENCE_TOO_BIG = "Tệp minh chứng {name} lớn quá {limit} MB."
EVIDENCE_STORE_FAILED = (
    "Không chép được tệp minh chứng vào kho lưu trữ ({reason}). Chưa lưu gì; "
    "hãy kiểm tra ổ đĩa rồi lưu lại."
)
EDIT_NOT_ALLOWED = "Tài khoản {user} không được cập nhật số liệu của {unit}."

# --- Locking periods ------------------------------------------------------
LOCK_NOT_ALLOWED = "Chỉ quản trị hệ thống hoặc cán bộ tổng hợp được chốt hoặc mở chốt số liệu."
LOCK_ALREADY = "Kỳ {period} đã được chốt số liệu từ trước."
UNLOCK_ALREADY = "Kỳ {period} đang mở, không cần mở chốt."
LOCK_SUMMARY = "Chốt số liệu kỳ {period}"
UNLOCK_SUMMARY = "Mở chốt số liệu kỳ {period}"
