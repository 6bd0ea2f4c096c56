"""Dates in words in German and English from a small table, without Babel.

Loading Babel's locale data costs more than a short command does otherwise; the few forms
kogsro writes in its two languages are tabled here, as CLDR (and so Babel) has them for de_DE
and en_GB. ``tests/i18n/test_dates.py`` compares every form with Babel's, day by day.
"""

from __future__ import annotations

from datetime import date

# The forms in str.format fields named after CLDR's pattern letters; ``numeric`` is kogsro's
# own: day, month and the full year.
PATTERNS: dict[tuple[str, str], str] = {
    ("de", "full"): "{EEEE}, {d}. {MMMM} {y}",
    ("de", "long"): "{d}. {MMMM} {y}",
    ("de", "medium"): "{dd}.{MM}.{y}",
    ("de", "short"): "{dd}.{MM}.{yy}",
    ("de", "numeric"): "{dd}.{MM}.{y}",
    ("en", "full"): "{EEEE}, {d} {MMMM} {y}",
    ("en", "long"): "{d} {MMMM} {y}",
    ("en", "medium"): "{d} {MMM} {y}",
    ("en", "short"): "{dd}/{MM}/{y}",
    ("en", "numeric"): "{dd}/{MM}/{y}",
    ("de", "EEEE"): "{EEEE}",
    ("en", "EEEE"): "{EEEE}",
}

# month names, abbreviated month names, weekdays from Monday
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "de": (
        ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
         "Oktober", "November", "Dezember"),
        ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.",
         "Dez."),
        ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    ),
    "en": (
        ("January", "February", "March", "April", "May", "June", "July", "August", "September",
         "October", "November", "December"),
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"),
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    ),
}  # fmt: skip


def tabled_date(value: date, lang: str, form: str) -> str | None:
    """``value`` in the ``form`` of ``lang``, or None when the table has no such form."""
    pattern = PATTERNS.get((lang, form))
    if pattern is None:
        return None
    months, short_months, weekdays = NAMES[lang]
    return pattern.format(
        d=value.day,
        dd=f"{value.day:02d}",
        MM=f"{value.month:02d}",
        MMM=short_months[value.month - 1],
        MMMM=months[value.month - 1],
        y=value.year,
        yy=f"{value.year % 100:02d}",
        EEEE=weekdays[value.weekday()],
    )
