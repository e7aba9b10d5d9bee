"""The release version, for code and data alike (read by hatchling and by the build)."""

__version__ = "0.1.0"
