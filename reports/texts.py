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
