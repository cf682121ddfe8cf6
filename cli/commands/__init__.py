"""One module per command; each defines ``register(subparsers, parent)``."""

COMMAND_MODULES = (
    "demo",
    "report",
    "export",
    "import_bundles",
    "import_plan",
    "backup",
    "restore",
)
