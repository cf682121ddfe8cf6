"""Data and domain of the NQ57 commune tracker: Qt-free.

Nothing under ``models`` may import PySide6 (a test checks it).
"""

APP_NAME = "nq57-tracker"
APP_DISPLAY_NAME = "Theo dõi Nghị quyết 57"
APP_AUTHOR = "nq57"
