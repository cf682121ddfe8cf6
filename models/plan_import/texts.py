"""Vietnamese text of plan import (messages, warnings, Excel template).

One place for a translator: everything the plan importer says to a user,
on the command line, in the review dialog or in the Excel template it
writes, is here. Placeholders in braces are filled with ``str.format``.
"""

from __future__ import annotations

# --- Reading files ------------------------------------------------------------
FILE_MISSING = "Không tìm thấy tệp {path}."
FILE_UNREADABLE = "Không đọc được tệp {name}: {reason}"
FILE_UNSUPPORTED = (
    "Không nhập được tệp {name}: chỉ nhận tệp Word (.docx), PDF (.pdf), văn bản (.txt, .md) "
    "hoặc Excel (.xlsx)."
)
FILE_OLD_WORD = "Tệp {name} là định dạng Word cũ (.doc). Hãy mở bằng Word và lưu lại dưới dạng .docx rồi nhập lại."
FILE_OLD_EXCEL = "Tệp {name} là định dạng Excel cũ (.xls). Hãy mở bằng Excel và lưu lại dưới dạng .xlsx rồi nhập lại."
FILE_EMPTY = "Tệp {name} không có nội dung chữ nào đọc được."
PDF_NO_TEXT = (
    "Tệp PDF {name} không có lớp chữ (có thể là bản quét ảnh). Hãy dùng tệp Word gốc hoặc bản PDF "
    "xuất từ Word."
)
PDF_ENCRYPTED = "Tệp PDF {name} có mật khẩu; hãy bỏ mật khẩu rồi nhập lại."
TEXT_ENCODING = "Tệp {name} không phải văn bản Unicode (UTF-8) hay bảng mã Windows tiếng Việt."
NOTHING_FOUND = (
    "Không tìm thấy nhiệm vụ hay chỉ tiêu nào trong tệp {name}. Kế hoạch cần có phần "
    '"Nhiệm vụ và giải pháp" với các mục đánh số, hoặc bảng phụ lục nhiệm vụ/chỉ tiêu.'
)

# --- Parts of a plan ---------------------------------------------------------------
PART_LABELS = {
    "preamble": "Phần mở đầu",
    "purpose": "Mục đích",
    "requirements": "Yêu cầu",
    "objectives": "Mục tiêu",
    "tasks": "Nhiệm vụ và giải pháp",
    "organisation": "Tổ chức thực hiện",
    "appendix": "Phụ lục",
    "closing": "Nơi nhận, chữ ký",
    "other": "Phần khác",
}
APPENDIX_LABEL = "Phụ lục {number}"
APPENDIX_ROOT_TITLE = "Phụ lục {number}"
PARTS_FOUND = "Đã nhận ra các phần: {parts}."
NO_TASKS_PART = 'Không thấy phần "Nhiệm vụ và giải pháp"; chỉ lấy nhiệm vụ từ các phụ lục.'

# --- Warnings while parsing ------------------------------------------------------------
WARN_NUMBER_GAP = "Mục {before} được tiếp theo bởi mục {after}: không thấy mục {missing}."
WARN_NO_TITLE = "Mục {code} không có tên nhiệm vụ."
WARN_TIMEFRAME = "Nhiệm vụ {code}: {note}"
WARN_TARGETS_ALIGNED = (
    "Chỉ tiêu {code}: có {count} giá trị cho {columns} năm mốc, đã gán cho các năm {years} "
    "({why}); hãy kiểm tra."
)
WHY_TRAILING_EMPTY = "các ô trống nằm sau các giá trị"
WHY_LEADING_EMPTY = "các ô trống nằm ở đầu, theo thói quen ghi mục tiêu cho các năm sau"
WARN_TOO_MANY_TARGETS = (
    "Chỉ tiêu {code}: có {count} giá trị mà bảng chỉ có {columns} cột năm; bỏ phần thừa: {extra}."
)
WARN_BAD_TARGET = 'Chỉ tiêu {code}, năm {year}: không đọc được mục tiêu "{text}".'
WARN_NO_TARGET = "Chỉ tiêu {code}: không có mục tiêu cho năm nào."
WARN_TARGET_NO_YEAR = (
    'Chỉ tiêu {code}: mục tiêu "{text}" không nêu năm mốc; hãy nhập năm trong màn hình kiểm tra.'
)
WARN_LEAK_REMOVED = 'Dòng {code}: đã bỏ chữ "{word}" lẫn từ cột Thời gian vào nội dung.'
WARN_PAGE_NUMBER = 'Đã bỏ số trang "{number}" lẫn trong {where}.'
WARN_ROW_NOT_UNDERSTOOD = '{where}: không hiểu dòng "{text}"; đã bỏ qua.'
WARN_TABLE_NO_HEADER = (
    "{where}: bảng không có dòng tiêu đề nhận ra được (STT, Nội dung, Thời gian...); bỏ qua bảng."
)
WARN_DUPLICATE_CODE = "Mã {code} xuất hiện nhiều lần; các lần sau được đổi thành {new}."
WARN_LINK_APPENDIX = 'Các nhiệm vụ của {appendix} được đặt dưới mục {code} (mục này ghi "chi tiết tại {appendix_lower}").'
WARN_UNIT_COLLECTIVE = '"{name}" là cụm tập thể, không phải một đơn vị; không gán đơn vị nào.'

# --- Not-understood reasons shown on a task/indicator in the review ----------------------
PROBLEM_NO_LEAD = "Chưa có cơ quan chủ trì."
PROBLEM_TIMEFRAME = 'Không hiểu thời gian "{text}": {note}'
PROBLEM_NO_TARGET = "Chưa có mục tiêu năm nào."
PROBLEM_ALIGNED = "Vị trí năm của các mục tiêu được suy ra; hãy kiểm tra."

# --- Reporting rules -------------------------------------------------------------------
REPORTING_UNIT_DAY = "Đơn vị báo cáo trước ngày {day} hằng tháng"
REPORTING_COMMUNE_DAY = "Xã gửi báo cáo trước ngày {day} hằng tháng"

# --- Measure units as printed (the JSON "unit" of an indicator) -----------------------
UNIT_PERCENT = "%"
UNIT_COUNT = "số lượng"
UNIT_INDEX = "chỉ số"
UNIT_MILLION_VND = "triệu đồng"
UNIT_YESNO = "có/không"
UNIT_OTHER = "khác"

# --- Unit matching -----------------------------------------------------------------------
MATCH_EXACT = "Trùng tên"
MATCH_SIMILAR = "Gần giống ({score:.0%})"
MATCH_NEW = "Đơn vị mới"
MATCH_COLLECTIVE = "Cụm tập thể (không gán)"

# --- Committing ------------------------------------------------------------------------------
COMMIT_NOTHING = "Chưa chọn nhiệm vụ hay chỉ tiêu nào để nhập."
COMMIT_CODE_CLASH = (
    'Kế hoạch đang dùng đã có {count} mã trùng với tệp nhập ({codes}). Hãy chọn "Thay kế hoạch '
    'đang dùng" hoặc bỏ chọn các mục trùng.'
)
COMMIT_DUPLICATE_CODE = 'Mã {what} "{code}" bị trùng trong dữ liệu nhập.'
COMMIT_EMPTY_CODE = 'Có {what} chưa có mã (tên: "{title}").'
COMMIT_EMPTY_TITLE = "{what} {code} chưa có tên."
COMMIT_CODE_TOO_LONG = 'Mã {what} "{code}" dài quá 30 ký tự.'
COMMIT_UNKNOWN_UNIT = 'Đơn vị được chọn cho "{name}" không còn trong danh mục.'
COMMIT_UNIT_CODE_TAKEN = 'Mã đơn vị mới "{code}" đã có trong danh mục.'
COMMIT_UNIT_NAME_EMPTY = "Đơn vị mới thiếu tên."
COMMIT_BAD_TARGET = 'Chỉ tiêu {code}, năm {year}: mục tiêu "{text}" không hợp lệ.'
COMMIT_BAD_YEAR = 'Chỉ tiêu {code}: năm mốc "{year}" không hợp lệ.'
WHAT_TASK = "nhiệm vụ"
WHAT_INDICATOR = "chỉ tiêu"
WHAT_TASK_CAP = "Nhiệm vụ"
WHAT_INDICATOR_CAP = "Chỉ tiêu"
AUDIT_SUMMARY = (
    "Nhập kế hoạch từ tệp {source}: {tasks} nhiệm vụ, {indicators} chỉ tiêu, {units} đơn vị mới"
)
PLAN_DEFAULT_TITLE = "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW"
CONTENT_UNIT_NOTE = "Đơn vị theo kế hoạch: {role}: {names}."
ROLE_LEAD = "chủ trì"
ROLE_COOPERATING = "phối hợp"

# --- Excel template and import -----------------------------------------------------------
XL_SHEET_GUIDE = "Hướng dẫn"
XL_SHEET_TASKS = "Nhiệm vụ"
XL_SHEET_INDICATORS = "Chỉ tiêu"
XL_SHEET_LISTS = "Danh mục"
XL_TITLE = "MẪU NHẬP KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT 57-NQ/TW"
XL_GUIDE_LINES = (
    "Cách dùng mẫu này:",
    '1. Điền các nhiệm vụ vào trang "Nhiệm vụ", các chỉ tiêu vào trang "Chỉ tiêu". Không đổi tên '
    "các cột ở dòng tiêu đề (dòng 1); có thể đổi thứ tự cột.",
    "2. Mã nhiệm vụ ghi theo số thứ tự của kế hoạch: 1, 1.1, 1.2, 2, 3.11... Mục có mục con (ví dụ "
    "1 có 1.1, 1.2) là nhóm nhiệm vụ, không phải báo cáo tiến độ.",
    '3. Cơ quan chủ trì, cơ quan phối hợp: chọn trong danh sách đơn vị của xã (trang "Danh mục"); '
    "nhiều đơn vị thì cách nhau bằng dấu chấm phẩy (;). Tên đơn vị chưa có sẽ được đề nghị thêm mới "
    "khi nhập.",
    '4. Thời gian thực hiện ghi như trong kế hoạch: "Trong tháng 8/2025", "Trước ngày 20/12/2025", '
    '"Hoàn thành trong Quý III năm 2025", "Thường xuyên", "Hằng năm"...',
    "5. Chỉ tiêu: chọn đơn vị tính (%, số lượng, chỉ số, triệu đồng, có/không) và cách so sánh "
    "(≥, ≤, =, x). Mục tiêu các năm 2025, 2030, 2035, 2040, 2045 ghi số (dùng dấu phẩy thập phân: "
    '85,5) hoặc kèm dấu so sánh (≥80%); ô để trống là năm đó không đặt mục tiêu; "x" cho chỉ tiêu '
    "có/không.",
    "6. Khi nhập, chương trình kiểm tra từng dòng và báo lỗi theo trang, dòng, cột. Chưa có gì được "
    "ghi vào cơ sở dữ liệu cho đến khi tệp hết lỗi hoặc người dùng chọn chỉ nhập các dòng đúng.",
    "7. Các trang dữ liệu để trống; ví dụ cách điền nằm ở cuối trang hướng dẫn này (không được nhập).",
)
XL_TASK_HEADERS = (
    "Mã nhiệm vụ",
    "Tên nhiệm vụ",
    "Nội dung",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian thực hiện",
    "Sản phẩm",
)
XL_INDICATOR_HEADERS_BEFORE = ("Mã chỉ tiêu", "Tên chỉ tiêu", "Nhóm", "Đơn vị tính", "So sánh")
XL_INDICATOR_HEADERS_AFTER = ("Cơ quan chủ trì", "Cơ quan phối hợp")
XL_TARGET_HEADER = "{year}"
XL_LIST_UNITS = "Đơn vị của xã"
XL_LIST_MEASURES = "Đơn vị tính"
XL_LIST_COMPARATORS = "So sánh"
XL_VALIDATION_TITLE = "Giá trị không có trong danh sách"
XL_VALIDATION_UNIT = (
    "Chọn một đơn vị trong danh sách, hoặc gõ tên đơn vị mới (sẽ được hỏi khi nhập)."
)
XL_VALIDATION_MEASURE = "Chọn %, số lượng, chỉ số, triệu đồng hoặc có/không."
XL_VALIDATION_COMPARATOR = "Chọn ≥, ≤, = hoặc x."
XL_EXAMPLE_TASKS = (
    ("1", "Công tác lãnh đạo, chỉ đạo", "", "", "", "", ""),
    (
        "1.1",
        "Ban hành kế hoạch thực hiện Nghị quyết số 57-NQ/TW của xã",
        "Xây dựng, trình ban hành kế hoạch và phân công nhiệm vụ cho các đơn vị.",
        "{unit1}",
        "{unit2}",
        "Trong tháng 8/2025",
        "Kế hoạch được ban hành",
    ),
    (
        "1.2",
        "Tuyên truyền về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        "",
        "{unit2}",
        "",
        "Thường xuyên",
        "",
    ),
)
XL_EXAMPLE_INDICATORS = (
    ("1", "Tỷ lệ hồ sơ thủ tục hành chính được số hóa", "Phát triển chuyển đổi số", "%", "≥",
     ("≥70%", "100%", "100%", "", ""), "{unit1}", "{unit2}"),
    ("2", "Chỉ số chuyển đổi số cấp xã", "Phát triển chuyển đổi số", "chỉ số", "≥",
     ("0,6", "0,7", "0,8", "0,9", "1"), "{unit2}", ""),
    ("3", "Có mô hình nông nghiệp thông minh", "Phát triển kinh tế số", "có/không", "x",
     ("", "x", "", "", ""), "{unit1}", ""),
)  # fmt: skip
XL_EXAMPLE_TITLE = 'Ví dụ trang "{sheet}":'
XL_NO_UNITS_HINT = "(chưa có đơn vị; thêm trong Danh mục đơn vị)"

XL_NOT_WORKBOOK = "Tệp {name} không phải sổ tính Excel (.xlsx) hợp lệ: {reason}"
XL_NO_SHEET = (
    "Không tìm thấy trang tính nào có dòng tiêu đề nhận ra được trong tệp {name}. Cần các cột như "
    '"Mã nhiệm vụ"/"STT", "Tên nhiệm vụ"/"Nội dung", "Cơ quan chủ trì", "Thời gian thực hiện" '
    'hoặc "Tên chỉ tiêu" và các cột năm.'
)
XL_MISSING_COLUMN = 'thiếu cột "{column}" (dòng tiêu đề {row})'
XL_DUPLICATE_COLUMN = 'cột "{column}" xuất hiện hai lần ({first} và {second}); dùng cột {first}'
XL_UNKNOWN_COLUMN = 'cột {letter} "{header}" không nhận ra được; bỏ qua cột này'
XL_EMPTY_NAME = "thiếu tên"
XL_EMPTY_CODE = "thiếu mã"
XL_BAD_CODE = 'mã "{code}" không đúng dạng (ví dụ đúng: 1, 1.2, 3.11, I.1)'
XL_DUPLICATE = 'mã "{code}" đã có ở dòng {row}'
XL_NO_PARENT = 'mục cha "{parent}" của mã "{code}" không có trong trang'
XL_BAD_TARGET = 'không đọc được mục tiêu "{text}" (ví dụ đúng: 85,5; ≥80%; x)'
XL_BAD_MEASURE = (
    'đơn vị tính "{text}" không nhận ra được (chọn %, số lượng, chỉ số, triệu đồng, có/không)'
)
XL_BAD_COMPARATOR = 'cách so sánh "{text}" không nhận ra được (chọn ≥, ≤, = hoặc x)'
XL_TIMEFRAME = 'thời gian "{text}" chưa hiểu được: {note}'
XL_DATE_AS_DEADLINE = 'ô ngày {date} được hiểu là "Trước ngày {date}"'
XL_NO_ROWS = "trang không có dòng dữ liệu nào"
XL_ERROR_LINE = 'Trang "{sheet}", dòng {row}, cột {column}: {reason}'
XL_ERROR_LINE_NO_COLUMN = 'Trang "{sheet}", dòng {row}: {reason}'
XL_ERROR_LINE_SHEET = 'Trang "{sheet}": {reason}'
XL_HAS_ERRORS = (
    "Tệp có {count} lỗi; chưa nhập gì. Sửa tệp rồi nhập lại, hoặc chọn chỉ nhập các dòng đúng."
)

# --- Command line -------------------------------------------------------------------------------
CLI_HELP = "đọc kế hoạch từ tệp Word, PDF, văn bản hoặc Excel và nhập vào cơ sở dữ liệu"
CLI_FILE_HELP = "tệp kế hoạch (.docx, .pdf, .txt, .md, .xlsx)"
CLI_DRY_RUN_HELP = "chỉ đọc và in kết quả, không ghi vào cơ sở dữ liệu"
CLI_FORMAT_HELP = "cách in kết quả: json (máy đọc) hoặc text (người đọc); mặc định text"
CLI_REPLACE_HELP = (
    "thay kế hoạch đang dùng bằng kế hoạch này (kế hoạch cũ được giữ lại, không còn dùng)"
)
CLI_CLEAN_ONLY_HELP = "tệp Excel có dòng lỗi: chỉ nhập các dòng đúng"
CLI_NO_NEW_UNITS_HELP = "không thêm đơn vị mới; tên đơn vị chưa có trong danh mục được bỏ trống"
CLI_TEMPLATE_HELP = "ghi mẫu Excel nhập kế hoạch ra tệp FILE rồi thoát"
CLI_NEEDS_DB = "Cần chỉ rõ cơ sở dữ liệu bằng --db để nhập (hoặc dùng --dry-run để chỉ đọc)."
CLI_SUMMARY = "Đọc được {tasks} nhiệm vụ ({groups} nhóm), {indicators} chỉ tiêu, {reporting} quy định báo cáo, {warnings} cảnh báo."
CLI_TASK_LINE = "{indent}{code}. {title}{extra}"
CLI_INDICATOR_LINE = "{code}. {name} [{unit}] {targets}{extra}"
CLI_HEADING_TASKS = "NHIỆM VỤ"
CLI_HEADING_INDICATORS = "CHỈ TIÊU"
CLI_HEADING_REPORTING = "QUY ĐỊNH BÁO CÁO"
CLI_HEADING_WARNINGS = "CẢNH BÁO"
CLI_LEAD = "chủ trì: {units}"
CLI_COOP = "phối hợp: {units}"
CLI_TIME = "thời gian: {text}"
CLI_IMPORTED = 'Đã nhập kế hoạch "{title}": {tasks} nhiệm vụ, {indicators} chỉ tiêu.'
CLI_NEW_UNIT = "Đã thêm đơn vị mới: {name} (mã {code})."
CLI_UNMATCHED_UNIT = 'Không gán đơn vị cho "{name}".'
CLI_TEMPLATE_WRITTEN = "Đã ghi mẫu Excel: {path}"
