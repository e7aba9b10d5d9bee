"""Exceptions the package raises on purpose, so callers can catch them by name."""


class DataIntegrityError(RuntimeError):
    """An installed data file or the manifest is missing, truncated or altered."""


class UnknownRecord(LookupError):
    """No record has the id asked for."""
