"""The pages of the main window, in navigation order.

``PAGE_SPECS`` lists ``(key, title, module, class name)``. The main window
imports a page's module the first time the page is shown; a page class takes
``(ctx: AppContext, parent=None)`` and may define

- ``activate()``: called each time the page is shown (refresh if stale);
- ``can_leave() -> bool``: False keeps the user on the page (unsaved changes);
- ``save()``: what Ctrl+S does on this page;
- ``focus_search()``: what Ctrl+F does on this page.

A page whose module is not in this build shows a Vietnamese placeholder.
"""

from __future__ import annotations

from ui.texts import common as T

PAGE_SPECS: list[tuple[str, str, str, str]] = [
    ("overview", T.NAV_OVERVIEW, "ui.pages.overview", "OverviewPage"),
    ("tasks", T.NAV_TASKS, "ui.pages.tasks", "TasksPage"),
    ("indicators", T.NAV_INDICATORS, "ui.pages.indicators", "IndicatorsPage"),
    ("updates", T.NAV_UPDATES, "ui.pages.updates", "UpdatesPage"),
    ("reports", T.NAV_REPORTS, "ui.pages.reports", "ReportsPage"),
    ("bundles", T.NAV_BUNDLES, "ui.pages.bundles", "BundlesPage"),
    ("catalog", T.NAV_CATALOG, "ui.pages.catalog", "CatalogPage"),
    ("audit", T.NAV_AUDIT, "ui.pages.audit", "AuditPage"),
    ("settings", T.NAV_SETTINGS, "ui.pages.settings", "SettingsPage"),
]
