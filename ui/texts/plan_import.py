"""Vietnamese text of the plan import dialog ("Tệp > Nhập kế hoạch từ tệp…")."""

from __future__ import annotations

TITLE = "Nhập kế hoạch từ tệp"
INTRO = (
    "Chọn tệp kế hoạch: Word (.docx), PDF (.pdf), văn bản (.txt, .md) hoặc Excel (.xlsx) theo mẫu "
    "của chương trình hay bảng của tỉnh. Chương trình đọc các phần của kế hoạch (mục tiêu, nhiệm vụ "
    "và giải pháp, tổ chức thực hiện, phụ lục), cây nhiệm vụ, chỉ tiêu và đơn vị; bạn kiểm tra, sửa, "
    "bỏ chọn rồi mới nhập. Chưa có gì được ghi vào cơ sở dữ liệu cho đến khi bấm "
    '"Nhập vào cơ sở dữ liệu".'
)
CHOOSE_FILE = "Chọn tệp kế hoạch…"
DOWNLOAD_TEMPLATE = "Tải mẫu Excel…"
NO_FILE = "Chưa chọn tệp."
FILE_FILTERS = (
    "Kế hoạch (*.docx *.pdf *.txt *.md *.xlsx)",
    "Word (*.docx)",
    "PDF (*.pdf)",
    "Văn bản (*.txt *.md)",
    "Excel (*.xlsx)",
)
EXCEL_FILTER = "Excel (*.xlsx)"
TEMPLATE_NAME = "mau-nhap-ke-hoach.xlsx"
TEMPLATE_SAVED = "Đã lưu mẫu Excel: {path}"
READING = "Đang đọc kế hoạch…"
SAVING = "Đang ghi kế hoạch vào cơ sở dữ liệu…"
SOURCE = "Tệp: {name}"
SUMMARY = (
    "Đọc được {tasks} nhiệm vụ ({groups} nhóm), {indicators} chỉ tiêu, {units} tên đơn vị. "
    "Các phần nhận ra: {parts}."
)
SELECTED = (
    "Sẽ nhập: {tasks} nhiệm vụ ({groups} nhóm), {indicators} chỉ tiêu, thêm {new_units} đơn vị mới."
)
TAB_TASKS = "Nhiệm vụ ({count})"
TAB_INDICATORS = "Chỉ tiêu ({count})"
TAB_UNITS = "Đơn vị ({count})"
TAB_WARNINGS = "Cảnh báo ({count})"
TAB_REPORTING = "Chế độ báo cáo ({count})"
REVIEW_HINT = (
    "Bấm đúp vào ô để sửa. Ô tô màu là chỗ chương trình chưa hiểu hoặc phải đoán; di chuột để xem "
    "lý do. Bỏ dấu chọn những mục không nhập (bỏ chọn một nhóm là bỏ cả các mục con)."
)
CHECK_ALL = "Chọn tất cả"
UNCHECK_ALL = "Bỏ chọn tất cả"
REPLACE = "Thay kế hoạch đang dùng (kế hoạch cũ được giữ lại nhưng không còn theo dõi)"
ACTIVE_PLAN = 'Đang theo dõi kế hoạch "{title}" ({tasks} nhiệm vụ). {clash}'
CLASH = "{count} mã trong tệp trùng với kế hoạch này: hãy chọn thay kế hoạch hoặc bỏ chọn các mục trùng."
NO_CLASH = "Các mục của tệp sẽ được thêm vào kế hoạch này."
REPORTING_DAYS = "Dùng hạn báo cáo hằng tháng của kế hoạch cho xã: {what}"
UNIT_DAY = "đơn vị báo cáo trước ngày {day}"
COMMUNE_DAY = "xã gửi báo cáo trước ngày {day}"
CLEAN_ONLY = "Chỉ nhập các dòng đúng (bỏ qua {count} dòng lỗi)"
EXCEL_ERRORS = "Tệp Excel có {count} dòng lỗi (xem thẻ Cảnh báo). Sửa tệp rồi mở lại, hoặc chọn chỉ nhập các dòng đúng."
COMMIT = "Nhập vào cơ sở dữ liệu"
CLOSE = "Đóng"
DONE = (
    "Đã nhập {tasks} nhiệm vụ ({groups} nhóm) và {indicators} chỉ tiêu vào kế hoạch. "
    "Thêm {new_units} đơn vị mới; {unassigned} tên đơn vị không gán."
)
NOTHING_SELECTED = "Chưa chọn nhiệm vụ hay chỉ tiêu nào."
NO_PERMISSION = "Tài khoản của bạn không được sửa kế hoạch; hãy nhờ cán bộ tổng hợp hoặc quản trị."

# Columns
COL_CODE = "Mã"
COL_TITLE = "Nhiệm vụ"
COL_LEAD = "Cơ quan chủ trì"
COL_COOP = "Cơ quan phối hợp"
COL_TIME = "Thời gian thực hiện"
COL_DEADLINE = "Hạn"
COL_PROBLEM = "Cần xem lại"
COL_NAME = "Chỉ tiêu"
COL_UNIT = "Đơn vị tính"
COL_COMPARATOR = "So sánh"
COL_PLAN_NAME = "Tên trong kế hoạch"
COL_USES = "Số lần dùng"
COL_FOUND = "Kết quả đối chiếu"
COL_ACTION = "Cách xử lý"
COL_NEW_CODE = "Mã đơn vị mới"
COL_KIND = "Loại đơn vị"
COL_WHERE = "Vị trí"
COL_MESSAGE = "Nội dung"
COL_REPORT = "Quy định về báo cáo trong phần Tổ chức thực hiện"
COL_FREQUENCY = "Định kỳ"
COL_DAY = "Hạn (ngày)"

ACTION_NEW = "Thêm đơn vị mới"
ACTION_SKIP = "Không gán đơn vị"
ACTION_MAP = "Gán: {name}"
RECURRING = "{label}"
