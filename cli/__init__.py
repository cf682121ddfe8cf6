"""Command line of the program: ``python main.py [COMMAND] ...``.

Each command lives in ``cli/commands/<name>.py`` with a ``register(sub)``
function; ``cli.app`` finds them. Commands call services in ``models`` and
``reports`` and print results; errors are Vietnamese one-liners.
"""
