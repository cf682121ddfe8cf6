"""Vietnamese messages of the upper-level (province/national) first run."""

from __future__ import annotations

UPPER_HAS_USERS = (
    "Cơ sở dữ liệu này đã có tài khoản; hãy đăng nhập bằng tài khoản quản trị để tạo thêm."
)
UPPER_TITLE_PROVINCE = "Cơ sở dữ liệu tổng hợp cấp tỉnh: {province}"
UPPER_TITLE_COUNTRY = "Cơ sở dữ liệu tổng hợp toàn quốc"
