"""Vietnamese for the strings Qt itself shows (Qt ships no Vietnamese translation).

``CATALOG`` maps Qt's own contexts to {English source: Vietnamese}: standard
buttons (``QPlatformTheme``), message boxes, the non-native file dialog and
its model, wizards, text context menus, progress and input dialogs, and the
basics of the print dialogs. Source strings were taken from Qt 6's own
catalogue (``qtbase_*.ts``); both the ``&`` accelerator forms and the plain
ones are listed where Qt versions differ.

``install(app)`` compiles the catalogue into Qt's binary ``.qm`` format in
memory (``build_qm``), loads it into a plain ``QTranslator`` and sets the
Vietnamese default locale. A Python subclass overriding
``QTranslator.translate`` is deliberately not used: PySide6 drops a
reference to ``None`` on every call Qt makes without a disambiguation, which
crashes the interpreter after a few thousand translations. Call on the UI
thread, once, before creating widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

_BUTTONS = {
    "OK": "Đồng ý",
    "&OK": "Đồng &ý",
    "Cancel": "Hủy",
    "&Cancel": "&Hủy",
    "&Yes": "&Có",
    "Yes": "Có",
    "&No": "&Không",
    "No": "Không",
    "Yes to &All": "Có cho &tất cả",
    "N&o to All": "K&hông cho tất cả",
    "Save": "Lưu",
    "&Save": "&Lưu",
    "Save All": "Lưu tất cả",
    "Discard": "Bỏ",
    "Don't Save": "Không lưu",
    "Close": "Đóng",
    "&Close": "Đó&ng",
    "Close without Saving": "Đóng không lưu",
    "Apply": "Áp dụng",
    "Open": "Mở",
    "&Open": "&Mở",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Abort": "Hủy bỏ",
    "Reset": "Đặt lại",
    "Restore Defaults": "Khôi phục mặc định",
    "Help": "Trợ giúp",
    "&Help": "&Trợ giúp",
}

_TEXT_EDIT_MENU = {
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "&Cắt",
    "&Copy": "&Sao chép",
    "&Paste": "&Dán",
    "Delete": "Xóa",
    "Select All": "Chọn tất cả",
    "&Select All": "&Chọn tất cả",
    "Copy &Link Location": "Sao chép địa chỉ &liên kết",
    "Insert Unicode control character": "Chèn ký tự điều khiển Unicode",
}

_FILE_DIALOG = {
    "Look in:": "Tìm trong:",
    "&Look in:": "&Tìm trong:",
    "File &name:": "&Tên tệp:",
    "File name:": "Tên tệp:",
    "Files of type:": "Loại tệp:",
    "Files of &type:": "&Loại tệp:",
    "Directory:": "Thư mục:",
    "&Open": "&Mở",
    "Open": "Mở",
    "&Save": "&Lưu",
    "Save": "Lưu",
    "Save As": "Lưu thành",
    "&Choose": "&Chọn",
    "Cancel": "Hủy",
    "Back": "Quay lại",
    "Forward": "Tiến tới",
    "Go back": "Quay lại thư mục trước",
    "Go forward": "Tới thư mục sau",
    "Parent Directory": "Thư mục cha",
    "Go to the parent directory": "Lên thư mục cha",
    "Create New Folder": "Tạo thư mục mới",
    "Create a New Folder": "Tạo một thư mục mới",
    "New Folder": "Thư mục mới",
    "&New Folder": "Thư mục &mới",
    "Detail View": "Xem chi tiết",
    "List View": "Xem danh sách",
    "Change to detail view mode": "Chuyển sang xem chi tiết",
    "Change to list view mode": "Chuyển sang xem danh sách",
    "List of places and bookmarks": "Danh sách vị trí và đánh dấu",
    "Sidebar": "Thanh bên",
    "Files": "Tệp",
    "Directories": "Thư mục",
    "All Files (*)": "Tất cả các tệp (*)",
    "All files (*)": "Tất cả các tệp (*)",
    "My Computer": "Máy tính của tôi",
    "Computer": "Máy tính",
    "Recent Places": "Vị trí gần đây",
    "&Rename": "Đổi &tên",
    "&Delete": "&Xóa",
    "Delete": "Xóa",
    "Remove": "Gỡ bỏ",
    "Show &hidden files": "Hiện tệp &ẩn",
    "Show ": "Hiện ",
    "Alt+Left": "Alt+Trái",
    "Alt+Right": "Alt+Phải",
    "Alt+Up": "Alt+Lên",
    "Find Directory": "Chọn thư mục",
    "Drive": "Ổ đĩa",
    "File": "Tệp",
    "File Folder": "Thư mục",
    "Folder": "Thư mục",
    "Alias": "Bí danh",
    "Shortcut": "Lối tắt",
    "Unknown": "Không rõ",
    "%1 File": "Tệp %1",
    "%1 already exists.\nDo you want to replace it?": "Tệp %1 đã có.\nCó muốn ghi đè không?",
    "%1\nFile not found.\nPlease verify the correct file name was given.": (
        "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp."
    ),
    "%1\nDirectory not found.\nPlease verify the correct directory name was given.": (
        "%1\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục."
    ),
    "'%1' is write protected.\nDo you want to delete it anyway?": (
        '"%1" đang được bảo vệ chống ghi.\nVẫn muốn xóa?'
    ),
    "Are you sure you want to delete '%1'?": 'Có chắc muốn xóa "%1"?',
    "Could not delete directory.": "Không xóa được thư mục.",
}

_FILE_MODEL = {
    "Name": "Tên",
    "Size": "Kích thước",
    "Type": "Loại",
    "Kind": "Loại",
    "Date Modified": "Ngày sửa đổi",
    "My Computer": "Máy tính của tôi",
    "Computer": "Máy tính",
    "Invalid filename": "Tên tệp không hợp lệ",
    '<b>The name "%1" cannot be used.</b><p>Try using another name, with fewer characters or no punctuation marks.': (
        '<b>Không dùng được tên "%1".</b><p>Hãy dùng tên khác, ngắn hơn hoặc không có dấu câu.'
    ),
    "%1 TB": "%1 TB",
    "%1 GB": "%1 GB",
    "%1 MB": "%1 MB",
    "%1 KB": "%1 KB",
    "%1 bytes": "%1 byte",
}

_ICON_PROVIDER = {
    "Drive": "Ổ đĩa",
    "Folder": "Thư mục",
    "File Folder": "Thư mục",
    "File": "Tệp",
    "%1 File": "Tệp %1",
    "Alias": "Bí danh",
    "Shortcut": "Lối tắt",
}

_MESSAGE_BOX = {
    "Show Details...": "Xem chi tiết…",
    "Hide Details...": "Ẩn chi tiết…",
    "OK": "Đồng ý",
    "About Qt": "Giới thiệu Qt",
    "Help": "Trợ giúp",
}

_WIZARD = {
    "< &Back": "< &Quay lại",
    "&Next >": "&Tiếp theo >",
    "&Next": "&Tiếp theo",
    "&Finish": "&Hoàn tất",
    "Cancel": "Hủy",
    "&Help": "&Trợ giúp",
    "Help": "Trợ giúp",
    "Go Back": "Quay lại",
    "Continue": "Tiếp tục",
    "Commit": "Xác nhận",
    "Done": "Xong",
}

_PRINT = {
    "&Print": "&In",
    "Print": "In",
    "&Options >>": "&Tùy chọn >>",
    "&Options <<": "&Tùy chọn <<",
    "Print to File (PDF)": "In ra tệp (PDF)",
    "Local file": "Tệp trên máy",
    "Write PDF file": "Ghi tệp PDF",
    "All Pages": "Tất cả các trang",
    "Odd Pages": "Trang lẻ",
    "Even Pages": "Trang chẵn",
    "Print range": "Phạm vi in",
    "Print all": "In tất cả",
    "Pages from": "Từ trang",
    "to": "đến",
    "Pages": "Trang",
    "Current Page": "Trang hiện tại",
    "Selection": "Vùng chọn",
    "Copies": "Số bản",
    "Copies:": "Số bản:",
    "Collate": "Sắp theo bộ",
    "Reverse": "In ngược",
    "Options": "Tùy chọn",
    "Output Settings": "Thiết lập in",
    "Color Mode": "Chế độ màu",
    "Color": "Màu",
    "Grayscale": "Thang xám",
    "Double Sided Printing": "In hai mặt",
    "Off": "Tắt",
    "Long side binding": "Đóng gáy cạnh dài",
    "Short side binding": "Đóng gáy cạnh ngắn",
    "Page &Set:": "&Tập trang:",
    "Printer": "Máy in",
    "&Name:": "&Tên:",
    "P&roperties": "&Thuộc tính",
    "Location:": "Vị trí:",
    "Preview": "Xem trước",
    "Type:": "Loại:",
    "Output &file:": "&Tệp kết quả:",
    "Form": "Biểu mẫu",
    "Paper": "Giấy",
    "Page size:": "Khổ giấy:",
    "Width:": "Rộng:",
    "Height:": "Cao:",
    "Paper source:": "Nguồn giấy:",
    "Orientation": "Hướng giấy",
    "Portrait": "Dọc",
    "Landscape": "Ngang",
    "Reverse landscape": "Ngang ngược",
    "Reverse portrait": "Dọc ngược",
    "Margins": "Lề",
    "top margin": "lề trên",
    "bottom margin": "lề dưới",
    "left margin": "lề trái",
    "right margin": "lề phải",
    "Page Layout": "Bố cục trang",
    "Page &order:": "&Thứ tự trang:",
    "Pages &per sheet:": "Số trang trên &mỗi tờ:",
    "Custom": "Tùy chỉnh",
    "Millimeters (mm)": "Milimét (mm)",
    "Inches (in)": "Inch (in)",
    "Points (pt)": "Điểm (pt)",
    "Print Preview": "Xem trước khi in",
    "Next page": "Trang sau",
    "Previous page": "Trang trước",
    "First page": "Trang đầu",
    "Last page": "Trang cuối",
    "Fit width": "Vừa chiều rộng",
    "Fit page": "Vừa trang",
    "Zoom in": "Phóng to",
    "Zoom out": "Thu nhỏ",
    "Show single page": "Xem từng trang",
    "Show facing pages": "Xem hai trang",
    "Show overview of all pages": "Xem tất cả các trang",
    "Page setup": "Thiết lập trang",
    "Page Setup": "Thiết lập trang",
    "Close": "Đóng",
    "Export to PDF": "Xuất ra PDF",
}

_MISC = {
    "QProgressDialog": {"Cancel": "Hủy"},
    "QInputDialog": {"Enter a value:": "Nhập giá trị:"},
    "QTabBar": {"Scroll Left": "Cuộn sang trái", "Scroll Right": "Cuộn sang phải"},
    "QAbstractSpinBox": {"&Select All": "&Chọn tất cả", "&Step up": "&Tăng", "Step &down": "&Giảm"},
    "QDockWidget": {"Close": "Đóng", "Float": "Tách ra"},
    "QErrorMessage": {
        "&OK": "Đồng &ý",
        "&Show this message again": "&Hiện lại thông báo này",
        "Debug Message:": "Thông tin gỡ lỗi:",
        "Warning:": "Cảnh báo:",
        "Critical Error:": "Lỗi nghiêm trọng:",
        "Fatal Error:": "Lỗi nghiêm trọng:",
        "Information:": "Thông báo:",
    },
    "QScrollBar": {
        "Scroll here": "Cuộn đến đây",
        "Left edge": "Mép trái",
        "Top": "Trên cùng",
        "Right edge": "Mép phải",
        "Bottom": "Dưới cùng",
        "Page left": "Trang trái",
        "Page up": "Trang trên",
        "Page right": "Trang phải",
        "Page down": "Trang dưới",
        "Scroll left": "Cuộn sang trái",
        "Scroll up": "Cuộn lên",
        "Scroll right": "Cuộn sang phải",
        "Scroll down": "Cuộn xuống",
    },
}

CATALOG: dict[str, dict[str, str]] = {
    "QPlatformTheme": _BUTTONS,
    "QDialogButtonBox": _BUTTONS,
    "QMessageBox": _MESSAGE_BOX,
    "QFileDialog": _FILE_DIALOG,
    "QFileSystemModel": _FILE_MODEL,
    "QAbstractFileIconProvider": _ICON_PROVIDER,
    "QFileIconProvider": _ICON_PROVIDER,
    "QWizard": _WIZARD,
    "QLineEdit": _TEXT_EDIT_MENU,
    "QTextControl": _TEXT_EDIT_MENU,
    "QWidgetTextControl": _TEXT_EDIT_MENU,
    "QPrintDialog": _PRINT,
    "QPrintSettingsOutput": _PRINT,
    "QPrintWidget": _PRINT,
    "QPageSetupWidget": _PRINT,
    "QPageSetupDialog": _PRINT,
    "QPrintPreviewDialog": _PRINT,
    **_MISC,
}

# ---------------------------------------------------------------------------
# Qt's .qm format (qtranslator.cpp): magic, then sections tag(1) + length(4, BE).
# "Hashes" holds (ELF hash of source+comment, offset into "Messages") pairs
# sorted by hash; a message is a list of tagged fields ending with Tag_End.
# ---------------------------------------------------------------------------

QM_MAGIC = bytes(
    [0x3C, 0xB8, 0x64, 0x18, 0xCA, 0xEF, 0x9C, 0x95, 0xCD, 0x21, 0x1C, 0xBF, 0x60, 0xA1, 0xBD, 0xDD]
)
_TAG_HASHES = 0x42
_TAG_MESSAGES = 0x69
_TAG_LANGUAGE = 0xA7
_TAG_END = 1
_TAG_TRANSLATION = 3
_TAG_SOURCE = 6
_TAG_CONTEXT = 7


def elf_hash(data: bytes) -> int:
    """The hash Qt's translator files index messages by (source + comment)."""
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def _block(tag: int, payload: bytes) -> bytes:
    return bytes([tag]) + len(payload).to_bytes(4, "big") + payload


def build_qm(catalog: dict[str, dict[str, str]], *, language: str = "vi") -> bytes:
    """A ``.qm`` file (as bytes) translating ``catalog`` (context -> source -> text)."""
    messages = bytearray()
    index: list[tuple[int, int]] = []
    for context, table in catalog.items():
        ctx = context.encode("utf-8")
        for source, text in table.items():
            src = source.encode("utf-8")
            tr = text.encode("utf-16-be")
            index.append((elf_hash(src), len(messages)))
            messages += bytes([_TAG_TRANSLATION]) + len(tr).to_bytes(4, "big") + tr
            messages += bytes([_TAG_SOURCE]) + len(src).to_bytes(4, "big") + src
            messages += bytes([_TAG_CONTEXT]) + len(ctx).to_bytes(4, "big") + ctx
            messages += bytes([_TAG_END])
    index.sort()
    hashes = b"".join(h.to_bytes(4, "big") + o.to_bytes(4, "big") for h, o in index)
    return (
        QM_MAGIC
        + _block(_TAG_HASHES, hashes)
        + _block(_TAG_MESSAGES, bytes(messages))
        + _block(_TAG_LANGUAGE, language.encode("ascii"))
    )


_installed: QTranslator | None = None
_qm_data: bytes | None = None  # Qt reads the loaded data in place: keep it alive


def vietnamese_locale() -> QLocale:
    return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def install(app: QCoreApplication) -> QTranslator:
    """Install the translator (idempotent) and make Vietnamese the default locale."""
    global _installed, _qm_data
    QLocale.setDefault(vietnamese_locale())
    if _installed is None:
        _qm_data = build_qm(CATALOG)
        translator = QTranslator(app)
        if not translator.load(_qm_data):
            raise RuntimeError("the Vietnamese Qt catalogue could not be loaded")
        app.installTranslator(translator)
        _installed = translator
    return _installed


def installed() -> QTranslator | None:
    return _installed
