"""Every string the desktop program shows, one module per area of the UI.

``common`` (shell: main window, menus, worker, dialogs, login), ``setup``
(first-run wizard), ``catalog`` (Danh mục and Cài đặt pages). Other areas add
their own module here. Translators edit these files only.
"""
