"""Vietnamese text of the first-run setup wizard."""

from __future__ import annotations

WINDOW_TITLE = "Thiết lập ban đầu — Theo dõi Nghị quyết 57"
BACK = "< &Quay lại"
NEXT = "&Tiếp theo >"
FINISH = "&Hoàn tất"

INTRO_TITLE = "Chào mừng"
INTRO_SUBTITLE = "Chương trình chưa có dữ liệu. Hãy chọn cách bắt đầu."
INTRO_OWN = "Thiết lập xã/phường của tôi"
INTRO_OWN_HINT = (
    "Chọn xã/phường trong danh mục hành chính chính thức, khai báo tên cơ quan, "
    "các đơn vị, người ký, nơi nhận báo cáo và tài khoản quản trị đầu tiên. "
    "Mọi thông tin đều sửa được sau này ở mục Danh mục."
)
INTRO_DEMO = "Mở xã mẫu để làm quen"
INTRO_DEMO_HINT = (
    "Tạo dữ liệu minh họa của Xã Thượng Hồng (Thành phố Hải Phòng): kế hoạch, "
    "nhiệm vụ, chỉ tiêu và số liệu cập nhật hằng tháng, để thử các chức năng "
    "trước khi nhập dữ liệu thật."
)

COMMUNE_TITLE = "Chọn xã, phường"
COMMUNE_SUBTITLE = "Gõ tên xã/phường (có dấu hoặc không dấu đều được) rồi chọn trong danh sách."
PROVINCE = "Tỉnh, thành phố:"
ALL_PROVINCES = "— Tất cả tỉnh, thành phố —"
SEARCH = "Tìm xã, phường:"
SEARCH_PLACEHOLDER = "Ví dụ: thuong hong"
RESULT_ITEM = "{name} — {province} (mã {code})"
RESULT_COUNT = "Tìm thấy {n} xã, phường."
RESULT_LIMITED = "Chỉ hiện {n} kết quả đầu tiên; hãy gõ thêm để thu hẹp."
RESULT_NONE = "Không tìm thấy xã, phường nào. Hãy kiểm tra lại tên hoặc chọn tỉnh, thành phố khác."
RESULT_PROMPT = "Chọn tỉnh, thành phố hoặc gõ tên xã, phường để tìm."
SELECTED = "Đã chọn: {name}, {province}"
NOT_SELECTED = "Chưa chọn xã, phường."
COMMUNE_REQUIRED = "Hãy chọn một xã, phường trong danh sách."

AGENCY_TITLE = "Tên cơ quan và quy định báo cáo"
AGENCY_SUBTITLE = "Tên cơ quan in trên báo cáo và hạn báo cáo hằng tháng."
AGENCY_HINT = (
    "Các dòng tên cơ quan in ở góc trái trên cùng của báo cáo (Nghị định 30/2020). "
    "Đã điền sẵn theo tên chính thức; sửa nếu cần."
)
AGENCY_LINE1 = "Dòng 1 tên cơ quan:"
AGENCY_LINE2 = "Dòng 2 tên cơ quan:"
AGENCY_NAME = "Tên cơ quan đầy đủ:"
AGENCY_NAME_HINT = 'Dùng trong câu văn của báo cáo, ví dụ "Ủy ban nhân dân xã Thượng Hồng".'
PLACE_NAME = "Địa danh ở dòng ngày tháng:"
REPORT_SYMBOL = "Ký hiệu báo cáo:"
PERIOD_CONVENTION = "Cách tính kỳ báo cáo tháng:"
UNIT_DEADLINE = "Hạn các đơn vị báo cáo:"
REPORT_DEADLINE = "Hạn xã gửi báo cáo lên trên:"
DAY_SUFFIX = " hằng tháng"
DAY_PREFIX = "trước ngày "
PREVIEW = "Xem trước:"
PREVIEW_HTML = (
    "<table cellspacing='0' cellpadding='2'><tr>"
    "<td align='center' style='padding-right:24px'>{line1}<br><b>{line2}</b><br>"
    "Số:&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/{symbol}</td>"
    "<td align='center'><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>"
    "<b>Độc lập - Tự do - Hạnh phúc</b><br><i>{place}, ngày&nbsp;&nbsp;&nbsp;&nbsp;"
    "tháng&nbsp;&nbsp;&nbsp;&nbsp;năm {year}</i></td></tr></table>"
)

UNITS_TITLE = "Các đơn vị"
UNITS_SUBTITLE = "Các đơn vị chủ trì, phối hợp thực hiện nhiệm vụ và báo cáo hằng tháng."
UNITS_HINT = (
    "Danh sách gợi ý theo tổ chức cấp xã từ ngày 01/7/2025; sửa, thêm hoặc xóa cho đúng "
    'với xã, phường của bạn. Mã đơn vị ngắn, viết hoa (dùng ở dòng "Lưu: VT, VHXH."). '
    "Bấm đúp vào ô để sửa; Enter để xuống ô dưới."
)
COL_CODE = "Mã"
COL_UNIT_NAME = "Tên đơn vị"
COL_UNIT_KIND = "Loại"
ADD_ROW = "Thêm dòng"
REMOVE_ROW = "Xóa dòng"
MOVE_UP = "Lên"
MOVE_DOWN = "Xuống"
DRAFTING_UNIT = "Đơn vị soạn thảo báo cáo:"
DRAFTING_UNIT_NONE = "(không ghi)"
NEW_UNIT_NAME = ""

SIGNERS_TITLE = "Người ký báo cáo"
SIGNERS_SUBTITLE = "Người ký báo cáo của Ủy ban nhân dân."
SIGNERS_HINT = (
    'Chủ tịch ký "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"; Phó Chủ tịch ký thay '
    '"KT. CHỦ TỊCH / PHÓ CHỦ TỊCH". Nhập họ và tên; xóa dòng không dùng. '
    "Người ký mặc định được chọn sẵn khi lập báo cáo."
)
COL_FULL_NAME = "Họ và tên"
COL_AUTHORITY = "Thẩm quyền"
COL_TITLE = "Chức vụ"
COL_ON_BEHALF = "Ký thay cho"
COL_DEFAULT = "Mặc định"

RECIPIENTS_TITLE = "Nơi nhận báo cáo"
RECIPIENTS_SUBTITLE = "Nơi báo cáo được gửi đến."
RECIPIENTS_HINT = (
    'Cơ quan cấp trên (đánh dấu "Kính gửi") đứng ở dòng "Kính gửi"; các nơi khác ghi ở '
    'phần "Nơi nhận" cuối báo cáo. Khi lập báo cáo có thể chọn lại.'
)
COL_RECIPIENT_NAME = "Tên đầy đủ"
COL_RECIPIENT_SHORT = 'Ghi ở "Nơi nhận"'
COL_UPWARD = "Kính gửi"

ADMIN_TITLE = "Tài khoản quản trị"
ADMIN_SUBTITLE = (
    "Người quản trị tạo tài khoản cho các cán bộ khác và sửa danh mục. Hãy ghi nhớ mật khẩu này."
)
ADMIN_USERNAME = "Tên đăng nhập:"
ADMIN_USERNAME_HINT = "Chữ không dấu, số, dấu chấm hoặc gạch dưới; ví dụ: quantri"
ADMIN_FULL_NAME = "Họ và tên:"
ADMIN_PASSWORD = "Mật khẩu:"
ADMIN_PASSWORD_AGAIN = "Nhập lại mật khẩu:"
ADMIN_PASSWORD_HINT = "Ít nhất 6 ký tự."
DEFAULT_ADMIN_USERNAME = "quantri"

DEMO_TITLE = "Xã mẫu"
DEMO_SUBTITLE = "Bấm Hoàn tất để tạo dữ liệu minh họa (mất vài giây)."
DEMO_TEXT = (
    "<p>Chương trình sẽ tạo dữ liệu minh họa của <b>Xã Thượng Hồng, Thành phố Hải Phòng</b>: "
    "kế hoạch thực hiện Nghị quyết 57 với các nhiệm vụ, chỉ tiêu, đơn vị, người ký và "
    "số liệu cập nhật hằng tháng.</p>"
    "<p>Các tài khoản để đăng nhập thử:</p>"
    "<table cellpadding='3'>"
    "<tr><td><b>admin</b> / admin123</td><td>Quản trị hệ thống</td></tr>"
    "<tr><td><b>tonghop</b> / tonghop123</td><td>Cán bộ tổng hợp</td></tr>"
    "<tr><td><b>lanhdao</b> / lanhdao123</td><td>Lãnh đạo</td></tr>"
    "<tr><td><b>vhxh</b> / vhxh123</td><td>Cán bộ đơn vị (Phòng Văn hóa - Xã hội)</td></tr>"
    "</table>"
    "<p>Dữ liệu mẫu không dùng để báo cáo thật. Khi muốn dùng thật, hãy tạo một "
    "cơ sở dữ liệu mới.</p>"
)
DEMO_BUILDING = "Đang tạo dữ liệu xã mẫu…"

SAVING = "Đang lưu thiết lập…"
CANCEL_CONFIRM_TITLE = "Thoát thiết lập"
CANCEL_CONFIRM = "Chưa thiết lập xong. Thoát chương trình? Những gì đã nhập sẽ không được lưu."
