"""Guide screenshots run the real UI: same Qt set-up as ``tests/ui``."""

from __future__ import annotations

from tests.ui.conftest import _qt_app, no_modal  # noqa: F401 - fixtures re-exported
