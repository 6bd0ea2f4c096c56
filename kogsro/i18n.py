"""Language: dates in words (Babel, imported lazily) and the fixed strings of the documents."""

from __future__ import annotations

from datetime import date, time

LANGUAGES = ("de", "en")


def format_date(value: date, lang: str, form: str = "full") -> str:
    """``Dienstag, 14. Juni 2022`` / ``Tuesday, 14 June 2022``."""
    from babel.dates import format_date as babel_format_date

    if lang == "en" and form == "full":
        return babel_format_date(value, "EEEE, d MMMM y", locale="en_GB")
    return babel_format_date(value, form, locale=_locale(lang))


def format_time(value: time, lang: str) -> str:
    return f"{value:%H:%M}"


def _locale(lang: str) -> str:
    return {"de": "de_DE", "en": "en_GB"}.get(lang, lang)
