"""Vietnamese text of the audit log page (Nhật ký)."""

from __future__ import annotations

TITLE = "Nhật ký thay đổi"
INTRO = (
    "Mọi thay đổi dữ liệu, đăng nhập, chốt/mở chốt kỳ, ban hành báo cáo, xuất/nhập gói "
    "và sao lưu/phục hồi đều được ghi lại tự động. Nhật ký chỉ để xem, không sửa hay xóa được."
)
NO_PERMISSION = "Tài khoản của bạn không có quyền xem nhật ký."
SEARCH_PLACEHOLDER = "Tìm trong nhật ký (không cần gõ dấu)…"
FILTER_USER = "Người thực hiện:"
FILTER_ACTION = "Thao tác:"
FILTER_ENTITY = "Đối tượng:"
FILTER_FROM = "Từ ngày:"
FILTER_TO = "đến:"
ALL_USERS = "Tất cả"
ALL_ACTIONS = "Tất cả"
ALL_ENTITIES = "Tất cả"
USE_DATES = "Lọc theo ngày"
CLEAR_FILTERS = "Bỏ lọc"
REFRESH = "Làm mới"
EXPORT = "Xuất Excel…"
EXPORT_TITLE = "Xuất nhật ký ra Excel"
EXPORT_FILTER = "Bảng tính Excel (*.xlsx)"
EXPORT_NAME = "nhat-ky-{stamp}.xlsx"
EXPORT_WORKING = "Đang xuất nhật ký ra Excel…"
EXPORT_DONE = "Đã xuất {count} dòng nhật ký ra {path}"
EXPORT_AUDIT = "Xuất nhật ký ({count} dòng) ra {path}"
EXPORT_FAILED = "Không ghi được tệp {path}: {reason}"
COUNT = "{shown} / {total} dòng"
COUNT_ALL = "{total} dòng"
DATE_FORMAT = "dd/MM/yyyy"

COL_AT = "Thời điểm"
COL_USER = "Người thực hiện"
COL_ACTION = "Thao tác"
COL_ENTITY = "Đối tượng"
COL_SUMMARY = "Nội dung"
COL_CHANGES = "Chi tiết thay đổi"

DETAIL_EMPTY = "Chọn một dòng để xem chi tiết."
DETAIL_HEADING = "{action} — {entity}"
DETAIL_META = "{at} · {user}"
DETAIL_FIELD = "Trường"
DETAIL_BEFORE = "Trước"
DETAIL_AFTER = "Sau"
DETAIL_NO_FIELDS = "Không có giá trị nào được ghi kèm."
DETAIL_ID = "Mã định danh bản ghi: {uuid}"
EMPTY_VALUE = "(trống)"
YES = "Có"
NO = "Không"
SYSTEM_USER = "hệ thống"
CHANGE_ARROW = "{label}: {before} → {after}"
CHANGE_SET = "{label}: {after}"
CHANGE_CLEARED = "{label}: {before} → (xóa)"
SHEET_TITLE = "Nhật ký"
SHEET_HEADING = "NHẬT KÝ THAY ĐỔI DỮ LIỆU"
SHEET_FILTERS = "Điều kiện lọc: {filters}"
SHEET_NO_FILTER = "không lọc (toàn bộ nhật ký)"
SHEET_EXPORTED = "Xuất lúc {at} bởi {user}"

# Names of the records (tables) as the log names them.
ENTITY_LABELS: dict[str, str] = {
    "commune": "Thông tin xã",
    "unit": "Đơn vị",
    "signer": "Người ký",
    "recipient": "Nơi nhận",
    "user_account": "Tài khoản",
    "plan": "Kế hoạch",
    "task": "Nhiệm vụ",
    "task_unit": "Đơn vị của nhiệm vụ",
    "indicator": "Chỉ tiêu",
    "indicator_unit": "Đơn vị của chỉ tiêu",
    "indicator_target": "Mục tiêu của chỉ tiêu",
    "period": "Kỳ báo cáo",
    "task_update": "Cập nhật nhiệm vụ",
    "indicator_value": "Số liệu chỉ tiêu",
    "evidence_file": "Tệp minh chứng",
    "unit_submission": "Gửi báo cáo đơn vị",
    "issued_document": "Văn bản báo cáo",
    "setting": "Cài đặt",
    "trusted_key": "Khóa ký tin cậy",
    "backup": "Sao lưu",
    "bundle": "Gói dữ liệu",
    "bundle_import": "Nhập gói dữ liệu",
    "audit_log": "Nhật ký",
}

# Names of the fields shown in the before/after table.
FIELD_LABELS: dict[str, str] = {
    "code": "Mã",
    "name": "Tên",
    "title": "Tiêu đề",
    "content": "Nội dung",
    "group_name": "Nhóm",
    "kind": "Loại",
    "sort_order": "Thứ tự",
    "active": "Đang sử dụng",
    "reports": "Có báo cáo",
    "uuid": "Mã định danh",
    "username": "Tên đăng nhập",
    "full_name": "Họ và tên",
    "password_hash": "Mật khẩu",
    "role": "Vai trò",
    "unit_id": "Đơn vị",
    "must_change_password": "Phải đổi mật khẩu",
    "failed_logins": "Số lần nhập sai mật khẩu",
    "locked_until": "Tạm khóa đến",
    "last_login_at": "Đăng nhập lần cuối",
    "created_at": "Tạo lúc",
    "plan_id": "Kế hoạch",
    "parent_id": "Thuộc nhiệm vụ",
    "lead_unit_id": "Cơ quan chủ trì",
    "expected_output": "Sản phẩm dự kiến",
    "timeframe_text": "Thời gian thực hiện",
    "start_date": "Ngày bắt đầu",
    "deadline": "Thời hạn",
    "recurrence": "Tính lặp lại",
    "timeframe_flagged": "Thời hạn cần xem lại",
    "is_group": "Là nhóm nhiệm vụ",
    "source": "Nguồn",
    "task_id": "Nhiệm vụ",
    "period_id": "Kỳ báo cáo",
    "progress": "Tình trạng",
    "percent": "% hoàn thành",
    "completed_on": "Ngày hoàn thành",
    "result": "Kết quả thực hiện",
    "difficulties": "Khó khăn, vướng mắc",
    "proposals": "Kiến nghị, đề xuất",
    "updated_by_id": "Tài khoản cập nhật",
    "updated_by_name": "Người cập nhật",
    "updated_at": "Cập nhật lúc",
    "indicator_id": "Chỉ tiêu",
    "value": "Giá trị",
    "yes": "Đạt (có/không)",
    "note": "Ghi chú",
    "measure_unit": "Đơn vị tính",
    "unit_label": "Đơn vị tính (ghi)",
    "comparator": "So sánh",
    "baseline": "Giá trị gốc",
    "baseline_year": "Năm gốc",
    "cumulative": "Lũy kế",
    "year": "Năm",
    "raw_text": "Chỉ tiêu (ghi)",
    "number": "Số",
    "end_date": "Ngày kết thúc",
    "locked": "Đã chốt số liệu",
    "locked_at": "Chốt lúc",
    "locked_by_id": "Người chốt",
    "original_name": "Tên tệp",
    "stored_name": "Tệp lưu",
    "sha256": "Mã kiểm tra SHA-256",
    "size": "Dung lượng (byte)",
    "added_at": "Thêm lúc",
    "added_by_name": "Người thêm",
    "task_update_id": "Cập nhật nhiệm vụ",
    "indicator_value_id": "Số liệu chỉ tiêu",
    "submitted_at": "Gửi lúc",
    "submitted_by_name": "Người gửi",
    "symbol": "Ký hiệu",
    "status": "Trạng thái",
    "summary": "Trích yếu",
    "issued_on": "Ngày ban hành",
    "signer_id": "Người ký",
    "recipients": "Nơi nhận",
    "narrative": "Phần nhận định",
    "key": "Khóa cài đặt",
    "authority": "Thẩm quyền ký",
    "body": "Cơ quan",
    "on_behalf_of": "Thay mặt",
    "is_default": "Mặc định",
    "short_name": "Tên viết tắt",
    "upward": "Gửi cấp trên",
    "default_selected": "Chọn sẵn",
    "province_code": "Mã tỉnh",
    "province_name": "Tỉnh/thành phố",
    "commune_code": "Mã xã",
    "commune_name": "Tên xã",
    "agency_name": "Tên cơ quan",
    "agency_line1": "Dòng cơ quan chủ quản",
    "agency_line2": "Dòng tên cơ quan",
    "place_name": "Địa danh",
    "report_symbol": "Ký hiệu báo cáo",
    "unit_deadline_day": "Hạn đơn vị báo cáo (ngày)",
    "report_deadline_day": "Hạn xã báo cáo (ngày)",
    "period_convention": "Cách tính kỳ",
    "fingerprint": "Dấu vân tay khóa",
    "public_key": "Khóa công khai",
    "accepted_by": "Người chấp nhận",
}
