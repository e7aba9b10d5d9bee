"""The version, for code and data alike (read by hatchling and by the build).

Between releases main carries the next development version (``0.2.0.dev0``), so a wheel built from
main says it is not the release; ``build/release.py check`` and ``cut`` refuse a development version.
"""

__version__ = "0.3.0.dev0"
