"""Data bundles: what a commune carries to the province on a USB stick.

``format`` (the versioned format), ``keys`` (the installation's signing key),
``export`` (commune side), ``reader`` (hardened checks) and ``import_``
(upper-level side). The specification is ``docs/bundle-format.md``.
"""
