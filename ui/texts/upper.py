"""Vietnamese text of the upper-level (province/national) database screens:
first-run administrator, the wizard's scope path, the note on commune pages."""

from __future__ import annotations

# Wizard: first page and the scope page
INTRO_UPPER = "Thiết lập cơ sở dữ liệu tổng hợp (cấp tỉnh/toàn quốc)"
INTRO_UPPER_HINT = (
    "Dùng ở Sở, Văn phòng UBND tỉnh hoặc cấp trung ương: nhập các gói dữ liệu do "
    "các xã, phường gửi lên (qua USB) và xem số liệu tổng hợp. Cơ sở dữ liệu này "
    "không có kế hoạch, nhiệm vụ hay báo cáo của riêng một xã."
)
SCOPE_TITLE = "Phạm vi tổng hợp"
SCOPE_SUBTITLE = "Chọn tỉnh, thành phố mà cơ sở dữ liệu này tổng hợp, hoặc toàn quốc."
SCOPE_LABEL = "Phạm vi:"
SCOPE_COUNTRY_ITEM = "Toàn quốc (mọi tỉnh, thành phố)"
SCOPE_HINT = (
    "Chỉ gói dữ liệu của các xã, phường trong phạm vi này được nhập. Phạm vi không "
    "đổi được sau khi đã thiết lập."
)
SCOPE_NOT_SELECTED = "— Chọn phạm vi —"
SCOPE_REQUIRED = "Hãy chọn tỉnh, thành phố hoặc toàn quốc."
SCOPE_PREVIEW = "Sẽ tạo: {title}"

# First administrator of an upper-level database that has none
ADMIN_DIALOG_TITLE = "Tạo tài khoản quản trị"
ADMIN_DIALOG_INTRO = (
    "Cơ sở dữ liệu này chưa có tài khoản nào. Hãy tạo tài khoản quản trị đầu tiên; "
    "người quản trị tạo tài khoản cho các cán bộ khác ở mục Danh mục. Hãy ghi nhớ mật khẩu."
)
ADMIN_CREATE = "&Tạo tài khoản"
ADMIN_QUIT = "T&hoát"
ADMIN_SAVING = "Đang tạo tài khoản…"

# Pages that need a local commune
COMMUNE_ONLY_NOTE = (
    "Trang này dùng cho cơ sở dữ liệu của xã; cơ sở dữ liệu này là {what} — "
    "dùng trang Gói dữ liệu để nhập và tổng hợp."
)
WHAT_PROVINCE = "cấp tỉnh ({province})"
WHAT_COUNTRY = "cấp toàn quốc"
GO_TO_BUNDLES = "Mở trang Gói dữ liệu"

# Top bar of the main window (the full title is in the window title)
HEADER_PROVINCE = "Tổng hợp cấp tỉnh: {province}"
HEADER_COUNTRY = "Tổng hợp toàn quốc"
