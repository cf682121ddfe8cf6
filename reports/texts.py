"""Every word the reports print, in one place for a translator.

Wording follows Decree 30/2020/NĐ-CP (capitalisation of Appendix II:
``Ủy ban nhân dân xã Thượng Hồng``, ``Báo cáo số 05/BC-UBND``) and the
sections of a monthly NQ57 report named in the product brief.
"""

from __future__ import annotations

# --- Document parts (reports.document and the renderers) -------------------
TYPE_NAME_REPORT = "BÁO CÁO"
NUMBER_LINE = "Số: {number_symbol}"
DATE_PHRASE = "ngày {day} tháng {month} năm {year}"
KINH_GUI = "Kính gửi:"
NOI_NHAN = "Nơi nhận:"
LUU_LINE = "- Lưu: {luu}."
APPENDIX_LABEL = "Phụ lục {numeral}"
APPENDIX_REFERENCE = "(Kèm theo {doc_type} số {number_symbol} {date} của {agency})"
DOC_TYPE_REPORT = "Báo cáo"
PAGE_OF = "Trang {page}"

FONTS_NOT_FOUND = (
    "Không tìm thấy phông chữ Times New Roman hoặc Liberation Serif để lập báo cáo. "
    "Hãy cài phông Times New Roman, hoặc chép bốn tệp LiberationSerif-*.ttf vào thư mục {folder}."
)

# --- Word style names (what a user sees in Word's style gallery) ------------
STYLE_BODY = "BC Nội dung"
STYLE_HEADING_1 = "BC Đề mục I"
STYLE_HEADING_2 = "BC Đề mục 1"
STYLE_HEADING_3 = "BC Đề mục a"
STYLE_BULLET = "BC Gạch đầu dòng"
STYLE_AGENCY = "BC Tên cơ quan"
STYLE_SUPERIOR = "BC Cơ quan cấp trên"
STYLE_NUMBER = "BC Số ký hiệu"
STYLE_NATIONAL = "BC Quốc hiệu"
STYLE_MOTTO = "BC Tiêu ngữ"
STYLE_DATE = "BC Địa danh ngày tháng"
STYLE_RULE = "BC Đường kẻ"
STYLE_TYPE_NAME = "BC Tên loại"
STYLE_SUMMARY = "BC Trích yếu"
STYLE_KINH_GUI = "BC Kính gửi"
STYLE_SIGN_CAPS = "BC Chức vụ ký"
STYLE_SIGN_SPACE = "BC Khoảng ký"
STYLE_SIGN_NAME = "BC Họ tên người ký"
STYLE_NOI_NHAN_TITLE = "BC Nơi nhận"
STYLE_NOI_NHAN = "BC Nơi nhận - dòng"
STYLE_PAGE_NUMBER = "BC Số trang"
STYLE_APPENDIX_LABEL = "BC Phụ lục"
STYLE_APPENDIX_TITLE = "BC Tên phụ lục"
STYLE_APPENDIX_REF = "BC Kèm theo"
STYLE_TABLE_HEAD = "BC Bảng - tiêu đề"
STYLE_TABLE_NUMBER = "BC Bảng - số cột"
STYLE_TABLE_TEXT = "BC Bảng - chữ"
STYLE_TABLE_CENTER = "BC Bảng - giữa"
STYLE_TABLE_RIGHT = "BC Bảng - phải"
STYLE_TABLE_GROUP = "BC Bảng - nhóm"
STYLE_SECTION_END = "BC Ngắt phần"

# --- Report content (reports.content) ---------------------------------------
# Section ids are stable keys of IssuedDocument.narrative; titles print as
# level-I headings (capitals, bold).
SECTION_TITLES = {
    "intro": "Mở đầu",
    "I": "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI",
    "II": "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
    "III": "III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
    "IV": "IV. KHÓ KHĂN, VƯỚNG MẮC VÀ NGUYÊN NHÂN",
    "V": "V. NHIỆM VỤ TRỌNG TÂM KỲ TỚI",
    "VI": "VI. KIẾN NGHỊ, ĐỀ XUẤT",
    "closing": "Kết thúc",
}
RESOLUTION = "Nghị quyết số 57-NQ/TW"
SUMMARY = "Kết quả thực hiện Kế hoạch triển khai Nghị quyết số 57-NQ/TW {period}"
DOC_TITLE = "Báo cáo kết quả thực hiện Kế hoạch triển khai Nghị quyết số 57-NQ/TW {period}"
PERIOD_MONTH = "tháng {month} năm {year}"
PERIOD_QUARTER = "quý {roman} năm {year}"
PERIOD_FIRST_HALF = "6 tháng đầu năm {year}"
PERIOD_SECOND_HALF = "6 tháng cuối năm {year}"
PERIOD_YEAR = "năm {year}"
PERIOD_SHORT_MONTH = "tháng {month}/{year}"
PERIOD_SHORT_QUARTER = "quý {roman}/{year}"
RESOLUTION_FULL = (
    "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
    "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
)

INTRO_WITH_PLAN = (
    "Thực hiện Kế hoạch số {plan_number}{plan_date} của {issuer} {plan_title}; "
    "{agency} báo cáo kết quả thực hiện {period} (số liệu tính từ ngày {start} đến ngày {end}) "
    "như sau:"
)
INTRO_NO_NUMBER = (
    "Thực hiện Kế hoạch{plan_date} của {issuer} {plan_title}; "
    "{agency} báo cáo kết quả thực hiện {period} (số liệu tính từ ngày {start} đến ngày {end}) "
    "như sau:"
)
INTRO_PLAN_DATE = " ngày {date}"
INTRO_DEFAULT_TITLE = "về triển khai thực hiện " + RESOLUTION_FULL
INTRO_ABOUT = "về "

LEADERSHIP_1 = (
    "{agency_short} tiếp tục chỉ đạo các phòng, ban, đơn vị triển khai các nhiệm vụ, "
    "giải pháp theo {plan_ref}; thường xuyên đôn đốc, kiểm tra tiến độ và tổng hợp kết quả "
    "thực hiện hằng tháng; giao {compiler} là đầu mối theo dõi, tổng hợp, tham mưu báo cáo."
)
LEADERSHIP_PLAN_REF = "Kế hoạch số {number}"
LEADERSHIP_PLAN_REF_NO_NUMBER = "Kế hoạch đã ban hành"
LEADERSHIP_COMPILER_DEFAULT = "Phòng Văn hóa - Xã hội"
LEADERSHIP_SUBMISSIONS = (
    "Trong kỳ, {submitted}/{total} đơn vị đã gửi báo cáo kết quả thực hiện, trong đó "
    "{on_time} đơn vị gửi đúng hạn (trước ngày {day} hằng tháng)."
)
LEADERSHIP_SUBMISSIONS_ALL_ON_TIME = (
    "Trong kỳ, {submitted}/{total} đơn vị đã gửi báo cáo kết quả thực hiện, tất cả đều đúng hạn "
    "(trước ngày {day} hằng tháng)."
)
LEADERSHIP_MISSING = "Các đơn vị chưa gửi báo cáo: {units}."
LEADERSHIP_NO_SUBMISSIONS = "Trong kỳ, chưa có đơn vị nào gửi báo cáo kết quả thực hiện."

TASKS_GENERAL_HEADING = "1. Kết quả chung"
TASKS_TOTAL = (
    "Tổng số {total} nhiệm vụ, trong đó: đã hoàn thành {done} nhiệm vụ ({done_pct}){done_detail}; "
    "đang thực hiện {doing} nhiệm vụ ({doing_pct}){doing_detail}; "
    "chưa triển khai {not_started} nhiệm vụ ({not_started_pct}). Chi tiết tại Phụ lục I kèm theo."
)
TASKS_DONE_DETAIL = (
    ", gồm {on_time} nhiệm vụ hoàn thành đúng hạn và {late} nhiệm vụ hoàn thành quá hạn"
)
TASKS_DOING_DETAIL = ", gồm {on_time} nhiệm vụ trong hạn và {late} nhiệm vụ quá hạn"
TASKS_NONE = "Kế hoạch chưa có nhiệm vụ nào được giao để theo dõi."
TASKS_COMPARE_PREVIOUS = "So với {period}: {changes}."
TASKS_COMPARE_LAST_YEAR = "So với cùng kỳ năm trước ({period}): {changes}."
TASKS_CHANGE_UP = "số nhiệm vụ {what} tăng {delta} (từ {old} lên {new})"
TASKS_CHANGE_DOWN = "số nhiệm vụ {what} giảm {delta} (từ {old} xuống {new})"
TASKS_CHANGE_SAME = "số nhiệm vụ {what} không thay đổi ({new})"
TASKS_WHAT_DONE = "đã hoàn thành"
TASKS_WHAT_OVERDUE = "quá hạn"
TASKS_WHAT_NOT_STARTED = "chưa triển khai"
TASKS_NEWLY_DONE = "Trong kỳ có {count} nhiệm vụ được hoàn thành: {items}."
TASKS_NEWLY_OVERDUE = "Có {count} nhiệm vụ chuyển sang quá hạn trong kỳ: {items}."
TASK_REF = "nhiệm vụ {code} ({title})"
TASKS_DETAIL_HEADING = "2. Kết quả cụ thể theo nhóm nhiệm vụ"
GROUP_STATS = (
    "Nhóm có {total} nhiệm vụ: đã hoàn thành {done}, đang thực hiện {doing}"
    "{overdue}, chưa triển khai {not_started}."
)
GROUP_STATS_OVERDUE = " (quá hạn {count})"
GROUP_NO_NEWS = "Trong kỳ, các đơn vị không báo cáo kết quả mới của nhóm nhiệm vụ này."
RESULT_COMPLETED = "hoàn thành {task}"
RESULT_MORE = "Ngoài ra, {count} kết quả khác của nhóm được nêu tại Phụ lục I."
TASKS_NO_RESULTS = "Trong kỳ, các đơn vị chưa báo cáo kết quả thực hiện nhiệm vụ."
TASKS_LATE_HEADING = "3. Nhiệm vụ chậm tiến độ"
TASKS_LATE_INTRO = "Có {count} nhiệm vụ quá hạn chưa hoàn thành:"
TASKS_LATE_ITEM = "Nhiệm vụ {code} {title} (chủ trì: {unit}; thời hạn: {deadline})."
TASKS_LATE_ITEM_NO_UNIT = "Nhiệm vụ {code} {title} (thời hạn: {deadline})."
TASKS_LATE_MORE = "Và {count} nhiệm vụ khác (chi tiết tại Phụ lục I)."
TASKS_LATE_NONE = "Không có nhiệm vụ quá hạn chưa hoàn thành."

INDICATORS_TOTAL = (
    "Tổng số {total} chỉ tiêu, kỳ này có số liệu {with_value} chỉ tiêu. Đánh giá theo chỉ tiêu "
    "của năm mốc đang áp dụng ({years}): đạt {achieved} chỉ tiêu (trong đó vượt {exceeded} chỉ tiêu), "
    "chưa đạt {not_achieved} chỉ tiêu{no_eval}. Chi tiết tại Phụ lục II kèm theo."
)
INDICATORS_YEARS_ONE = "năm {year}"
INDICATORS_YEARS_MANY = "các năm {years}"
INDICATORS_NO_EVAL = ", chưa đủ số liệu để đánh giá {count} chỉ tiêu"
INDICATORS_NONE = "Kế hoạch chưa có chỉ tiêu nào để theo dõi."
INDICATORS_COMPARE_PREVIOUS = (
    "So với {period}: {better} chỉ tiêu có kết quả tốt hơn, {worse} chỉ tiêu kém hơn, "
    "{same} chỉ tiêu không đổi."
)
INDICATORS_COMPARE_LAST_YEAR = (
    "So với cùng kỳ năm trước ({period}): {better} chỉ tiêu có kết quả tốt hơn, "
    "{worse} chỉ tiêu kém hơn, {same} chỉ tiêu không đổi."
)
INDICATORS_NEWLY_ACHIEVED = "Chỉ tiêu chuyển từ chưa đạt sang đạt trong kỳ: {items}."
INDICATORS_ACHIEVED_HEADING = "a) Các chỉ tiêu đạt, vượt"
INDICATORS_NOT_ACHIEVED_HEADING = "b) Các chỉ tiêu chưa đạt"
INDICATOR_ITEM = "{name}: {value} (chỉ tiêu {target})."
INDICATOR_ITEM_NO_TARGET = "{name}: {value}."
INDICATORS_MORE = "Và {count} chỉ tiêu khác (chi tiết tại Phụ lục II)."
YES = "Có"
NO = "Không"
VALUE_YES = "đã thực hiện"
VALUE_NO = "chưa thực hiện"

DIFFICULTY_THEMES = {
    "funding": "Về kinh phí",
    "staff": "Về nhân lực",
    "infrastructure": "Về hạ tầng, trang thiết bị, phần mềm",
    "people": "Về nhận thức, kỹ năng số của người dân",
    "guidance": "Về cơ chế, chính sách, hướng dẫn",
    "other": "Khó khăn khác",
}
DIFFICULTIES_NONE = "Trong kỳ, các đơn vị không báo cáo khó khăn, vướng mắc phát sinh."
DIFFICULTIES_CAUSE = (
    "Nguyên nhân chủ yếu: nguồn lực (kinh phí, nhân lực, hạ tầng) còn hạn chế so với yêu cầu; "
    "một số nhiệm vụ mới, cần có hướng dẫn chuyên môn của cấp trên."
)
ITEM_WITH_UNITS = "{text} ({units})."

NEXT_LATE = "Tập trung chỉ đạo hoàn thành {count} nhiệm vụ đang chậm tiến độ; yêu cầu đơn vị chủ trì làm rõ nguyên nhân, đề ra giải pháp khắc phục."
NEXT_DUE_INTRO = "Triển khai các nhiệm vụ đến hạn trong {period}:"
NEXT_DUE_ITEM = "Nhiệm vụ {code} {title} (chủ trì: {unit}; thời hạn: {deadline})."
NEXT_DUE_ITEM_NO_UNIT = "Nhiệm vụ {code} {title} (thời hạn: {deadline})."
NEXT_DUE_MORE = "Và {count} nhiệm vụ khác đến hạn trong kỳ."
NEXT_NOT_STARTED = "Khẩn trương triển khai {count} nhiệm vụ chưa triển khai."
NEXT_CONTINUOUS = (
    "Tiếp tục thực hiện các nhiệm vụ thường xuyên, định kỳ theo {plan_ref}; đôn đốc các đơn vị "
    "cập nhật kết quả thực hiện và gửi báo cáo trước ngày {day} hằng tháng."
)
NEXT_INDICATORS = (
    "Theo dõi, đôn đốc thực hiện {count} chỉ tiêu chưa đạt, phấn đấu đạt chỉ tiêu theo lộ trình "
    "của Kế hoạch."
)

PROPOSALS_UPWARD = "a) Kiến nghị với cấp trên"
PROPOSALS_LOCAL = "b) Đề xuất với Ủy ban nhân dân xã"
PROPOSALS_LOCAL_ONLY = "a) Đề xuất với Ủy ban nhân dân xã"
PROPOSALS_NONE = "Trong kỳ, các đơn vị không có kiến nghị, đề xuất."

CLOSING = "Trên đây là báo cáo kết quả thực hiện {plan_ref} {period} của {agency}."
CLOSING_PLAN_REF = "Kế hoạch số {number}"
CLOSING_PLAN_REF_NO_NUMBER = "Kế hoạch triển khai Nghị quyết số 57-NQ/TW"

# Appendix tables.
APPENDIX_TASKS_TITLE = "KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ {period}"
APPENDIX_INDICATORS_TITLE = "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {period}"
SHEET_TASKS = "Phụ lục I - Nhiệm vụ"
SHEET_INDICATORS = "Phụ lục II - Chỉ tiêu"
COL_STT = "STT"
COL_TASK = "Nhiệm vụ"
COL_LEAD = "Cơ quan chủ trì"
COL_DEADLINE = "Thời hạn"
COL_RESULT = "Kết quả thực hiện"
COL_STATUS = "Tình trạng"
COL_INDICATOR = "Chỉ tiêu"
COL_UNIT = "Đơn vị tính"
COL_TARGET = "Chỉ tiêu năm {year}"
COL_TARGET_MANY = "Chỉ tiêu (năm mốc)"
COL_RESULTS = "Kết quả thực hiện"
COL_CURRENT = "Kỳ báo cáo ({period})"
COL_PREVIOUS = "Kỳ trước ({period})"
COL_LAST_YEAR = "Cùng kỳ năm trước ({period})"
COL_EVALUATION = "Đánh giá"
NO_UPDATE = "Chưa báo cáo kỳ này"
COMPLETED_ON = "Đã hoàn thành ngày {date}"
PERCENT_DONE = " (đạt {percent}% khối lượng)"
EVAL_NO_DATA = "Chưa có số liệu"
EVAL_NO_TARGET = "Chưa có chỉ tiêu"
TARGET_WITH_YEAR = "{target} ({year})"
APPENDIX_TASKS_NOTE = (
    "Ghi chú: Tình trạng tính đến ngày {date}; thời hạn ghi theo Kế hoạch, "
    "nhiệm vụ thường xuyên không có thời hạn cụ thể."
)
APPENDIX_INDICATORS_NOTE = (
    'Ghi chú: Đánh giá so với chỉ tiêu của năm mốc đang áp dụng; "x" là chỉ tiêu có/không.'
)

# Errors of report generation.
REPORT_NO_DATA = "Chưa có số liệu của kỳ {period} trong cơ sở dữ liệu (chưa tạo kỳ báo cáo nào trong khoảng này)."
REPORT_KIND_MISMATCH = (
    "Kỳ {code} không phải là kỳ {kind}. Hãy chọn lại loại báo cáo hoặc kỳ báo cáo."
)
REPORT_NO_PLAN = "Chưa có kế hoạch nào đang áp dụng; hãy nhập kế hoạch trước khi lập báo cáo."
SIGNATURE_DEFAULT_TITLE = "CHỦ TỊCH"
LUU_DEFAULT = "VT"
NHU_TREN = "Như trên"
