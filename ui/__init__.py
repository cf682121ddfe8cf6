"""The desktop program (PySide6): windows, dialogs, table models and workers.

Only calls into ``models`` and ``reports``; every string a user sees lives in
``ui/texts/<area>.py``.
"""
