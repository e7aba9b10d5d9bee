"""sino_russia_data/codes.py: the ISO 3166-1 and ISO 639-1 code lists, generated from pycountry.

The models check country and language codes at runtime too (``records()`` validates every row), but
a user who only reads the data should not install pycountry (23 MB) nor pay for loading its tables:
the lists the package needs are written out once, as literals, and a test fails when they are stale.
"""

from __future__ import annotations

from pathlib import Path

FILE = Path(__file__).resolve().parents[2] / "sino_russia_data" / "codes.py"


def render() -> str:
    import pycountry  # dev extra: only generating the file needs it

    countries = sorted((c.alpha_3, c.alpha_2, getattr(c, "common_name", None) or c.name) for c in pycountry.countries)
    languages = sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    lines = [
        '"""ISO 3166-1 countries and ISO 639-1 languages, generated from pycountry by',
        "`python build/release.py write` (build/releasing/codes.py); do not edit.",
        "",
        "Literals, so checking a code costs no import of pycountry and no loading of its tables.",
        '"""',
        "",
        "#: alpha-3 code → (alpha-2 code, common English name)",
        "COUNTRIES: dict[str, tuple[str, str]] = {",
        *(f"    {a3!r}: ({a2!r}, {name!r})," for a3, a2, name in countries),
        "}",
        "",
        "#: alpha-2 code → alpha-3 code",
        "ALPHA_2: dict[str, str] = {a2: a3 for a3, (a2, _) in COUNTRIES.items()}",
        "",
        "#: ISO 639-1 two-letter language codes",
        "LANGUAGES: frozenset[str] = frozenset({",
        *(f"    {code!r}," for code in languages),
        "})",
        "",
    ]
    return "\n".join(lines)
