"""Vietnamese text of the consolidated (upper-level) report and its Excel tables.

Kept beside ``reports/texts.py`` (same role) so a translator finds every
report string in ``reports/texts*.py``. Used by ``reports/consolidated.py``.
"""

from __future__ import annotations

# --- Issuer defaults ------------------------------------------------------------
DEPARTMENT = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
DEPARTMENT_SYMBOL = "BC-SKHCN"
SUPERIOR_PROVINCE = "UBND {level} {name}"  # "UBND THÀNH PHỐ HẢI PHÒNG"
MINISTRY = "BỘ KHOA HỌC VÀ CÔNG NGHỆ"
MINISTRY_SYMBOL = "BC-BKHCN"
MINISTRY_PLACE = "Hà Nội"
DIRECTOR = "GIÁM ĐỐC"
MINISTER = "BỘ TRƯỞNG"
TO_PROVINCE = "Ủy ban nhân dân {level} {name}"
TO_GOVERNMENT = "Thủ tướng Chính phủ"
NOI_NHAN_SAME = "Như trên"
NOI_NHAN_LEADERS = "Lãnh đạo Sở"
NOI_NHAN_MINISTRY_LEADERS = "Lãnh đạo Bộ"
NOI_NHAN_COMMUNES = "UBND các xã, phường, đặc khu"
NOI_NHAN_PROVINCES = "UBND các tỉnh, thành phố"
LUU = "VT"

# --- Title and summary -------------------------------------------------------------
SUMMARY_PROVINCE = (
    "Tổng hợp kết quả thực hiện Kế hoạch triển khai Nghị quyết số 57-NQ/TW "
    "của các xã, phường, đặc khu trên địa bàn {province} {period}"
)
SUMMARY_COUNTRY = (
    "Tổng hợp kết quả thực hiện Kế hoạch triển khai Nghị quyết số 57-NQ/TW "
    "của các xã, phường, đặc khu trên toàn quốc {period}"
)
DOC_TITLE = "Báo cáo tổng hợp thực hiện Nghị quyết số 57-NQ/TW {period}"

# --- Body -----------------------------------------------------------------------------
INTRO = (
    "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển "
    "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia, trên cơ sở số liệu do "
    "các xã, phường, đặc khu gửi qua gói dữ liệu, {issuer} tổng hợp kết quả thực hiện "
    "{period} như sau:"
)
H_SUBMISSIONS = "I. TÌNH HÌNH GỬI SỐ LIỆU"
H_TASKS = "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ"
H_INDICATORS = "III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"
H_PROPOSALS = "IV. ĐỀ XUẤT, KIẾN NGHỊ"
SUBMITTED = (
    "Tính đến ngày {as_of}, có {submitted}/{total} {units} đã gửi số liệu {period} "
    "({rate}), trong đó {on_time} gửi đúng hạn (đến hết ngày {deadline}) và {late} gửi quá hạn; "
    "{missing} {units} chưa gửi."
)
SUBMITTED_NONE = (
    "Tính đến ngày {as_of}, chưa có {units} nào gửi số liệu {period} ({total} {units} phải gửi)."
)
MISSING_LIST = "Các đơn vị chưa gửi số liệu: {names}."
MISSING_MANY = "Danh sách đơn vị chưa gửi số liệu tại Phụ lục I."
UNITS_COMMUNE = "xã, phường, đặc khu"
PROVINCES_MISSING = "Các tỉnh, thành phố có đơn vị chưa gửi nhiều nhất: {items}."
PROVINCE_MISSING_ITEM = "{name} ({missing}/{total} chưa gửi)"
TASKS_TOTAL = (
    "Tổng số nhiệm vụ các đơn vị theo dõi trong kỳ là {total}, trong đó: "
    "đã hoàn thành {done} nhiệm vụ ({done_rate}), gồm {done_on_time} đúng hạn và {done_late} quá hạn; "
    "đang thực hiện {doing} nhiệm vụ, gồm {doing_on_time} trong hạn và {doing_late} quá hạn; "
    "chưa triển khai {not_started} nhiệm vụ ({not_started_rate})."
)
TASKS_NONE = "Chưa có số liệu nhiệm vụ của đơn vị nào trong kỳ."
TASKS_MOST_OVERDUE = "Các đơn vị có nhiều nhiệm vụ quá hạn nhất: {items}."
TASKS_OVERDUE_ITEM = "{name} ({count} nhiệm vụ)"
TASKS_DETAIL = "Chi tiết theo từng đơn vị tại Phụ lục II."
INDICATORS_TOTAL = (
    "Có {count} chỉ tiêu được các đơn vị báo cáo. Tổng số lượt đánh giá: {reached} lượt đạt "
    "hoặc vượt chỉ tiêu, {not_achieved} lượt chưa đạt, {not_evaluated} lượt chưa đánh giá được "
    "(chưa có số liệu hoặc chưa có chỉ tiêu năm)."
)
INDICATORS_NONE = "Chưa có số liệu chỉ tiêu của đơn vị nào trong kỳ."
INDICATORS_WEAK = "Các chỉ tiêu có tỷ lệ đơn vị đạt thấp nhất: {items}."
INDICATOR_WEAK_ITEM = "{code} {name} ({reached}/{communes} đơn vị đạt)"
INDICATORS_DETAIL = "Kết quả tổng hợp từng chỉ tiêu tại Phụ lục III."
PROPOSAL_MISSING = (
    "Đề nghị {count} {units} chưa gửi số liệu khẩn trương hoàn thành, gửi gói dữ liệu "
    "{period} về {issuer}."
)
PROPOSAL_OVERDUE = (
    "Đề nghị các đơn vị có nhiệm vụ quá hạn rà soát nguyên nhân, có giải pháp đẩy nhanh tiến độ "
    "và báo cáo kết quả trong kỳ tới."
)
PROPOSAL_WEAK = (
    "Đề nghị các đơn vị tập trung chỉ đạo thực hiện các chỉ tiêu có tỷ lệ đạt thấp nêu tại Mục III."
)
PROPOSAL_NONE = "Đề nghị các đơn vị tiếp tục duy trì tiến độ thực hiện và báo cáo đúng hạn."

# --- Appendices ---------------------------------------------------------------------
APPENDIX_SUBMISSIONS = "TÌNH HÌNH GỬI SỐ LIỆU {period}"
APPENDIX_TASKS = "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ {period}"
APPENDIX_INDICATORS = "KẾT QUẢ TỔNG HỢP CÁC CHỈ TIÊU {period}"
SHEET_SUBMISSIONS = "Gửi số liệu"
SHEET_TASKS = "Nhiệm vụ"
SHEET_INDICATORS = "Chỉ tiêu"
COL_STT = "STT"
COL_CODE = "Mã"
COL_COMMUNE = "Xã, phường, đặc khu"
COL_PROVINCE = "Tỉnh, thành phố"
COL_CREATED = "Thời điểm lập gói"
COL_SUBMISSION = "Tình trạng"
COL_COMMUNES = "Số đơn vị"
COL_SUBMITTED = "Đã gửi"
COL_ON_TIME = "Đúng hạn"
COL_LATE = "Quá hạn"
COL_MISSING = "Chưa gửi"
COL_TOTAL_TASKS = "Tổng số nhiệm vụ"
COL_STATUS_GROUP = "Trong đó"
COL_INDICATOR = "Chỉ tiêu"
COL_UNIT = "Đơn vị tính"
COL_REPORTING = "Số đơn vị có số liệu"
COL_AGGREGATE = "Tổng hợp"
COL_HOW = "Cách tổng hợp"
COL_MIN = "Thấp nhất"
COL_MAX = "Cao nhất"
COL_ACHIEVED = "Đạt"
COL_EXCEEDED = "Vượt"
COL_NOT_ACHIEVED = "Chưa đạt"
COL_EVALUATION = "Đánh giá (số đơn vị)"
HOW_MEAN = "Bình quân"
HOW_SUM = "Tổng"
HOW_YES = 'Số đơn vị "Có"'
HOW_NONE = "—"
STATUS_ON_TIME = "Đúng hạn"
STATUS_LATE = "Quá hạn"
STATUS_MISSING = "Chưa gửi"
TOTAL_ROW = "Tổng cộng"
APPENDIX_NOTE_DEADLINE = (
    "Hạn gửi số liệu: hết ngày {deadline}. Thời điểm lập gói theo giờ Việt Nam."
)
APPENDIX_NOTE_TASKS = "Tình trạng nhiệm vụ do từng đơn vị tính đến cuối kỳ báo cáo."
APPENDIX_NOTE_INDICATORS = (
    "Tổng hợp theo đơn vị tính: tỷ lệ (%) và chỉ số lấy bình quân các đơn vị có số liệu; "
    'số lượng và triệu đồng lấy tổng; chỉ tiêu có/không đếm số đơn vị trả lời "Có".'
)

# --- Detail workbook -------------------------------------------------------------------
DETAIL_SHEET_INDICATORS = "Chỉ tiêu theo đơn vị"
DETAIL_SHEET_TASKS = "Nhiệm vụ theo đơn vị"
DETAIL_HEADERS_INDICATORS = (
    "Mã tỉnh",
    "Mã xã",
    "Xã, phường, đặc khu",
    "Mã chỉ tiêu",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Giá trị",
    "Có/Không",
    "Chỉ tiêu năm",
    "Đánh giá",
    "Ghi chú",
)
DETAIL_HEADERS_TASKS = (
    "Mã tỉnh",
    "Mã xã",
    "Xã, phường, đặc khu",
    "Mã nhiệm vụ",
    "Nhiệm vụ",
    "Tỷ lệ hoàn thành (%)",
    "Tình trạng",
)
YES = "Có"
NO = "Không"
