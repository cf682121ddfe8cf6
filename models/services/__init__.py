"""Qt-free services: one module per area, each a set of functions taking a
SQLAlchemy ``Session`` (and keyword arguments) and returning plain data or
ORM objects. UI handlers and CLI commands call exactly one of these.
"""
