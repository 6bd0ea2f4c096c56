"""Language: dates in words (:mod:`kogsro.i18n.dates`) and the fixed strings of the documents.

Every fixed string a document shows stands in :data:`STRINGS`, once, in German and English,
so a document in one language never carries words of the other. Templates see the strings
of their language as ``t`` (``{{ t.agenda }}``); strings with ``{placeholders}`` are filled
with :func:`phrase` in the core or with ``t.key.format(...)`` in a template.
"""

from __future__ import annotations

from datetime import date, time

from kogsro.i18n import annexes as _annexes
from kogsro.i18n import calendar as _calendar
from kogsro.i18n import core as _core
from kogsro.i18n import data as _data
from kogsro.i18n import lifecycle as _lifecycle
from kogsro.i18n import mail as _mail
from kogsro.i18n import messages as _messages
from kogsro.i18n import official as _official
from kogsro.i18n import oparl as _oparl
from kogsro.i18n import privacy as _privacy
from kogsro.i18n import site as _site

LANGUAGES = ("de", "en")

_TABLES: tuple[dict[str, tuple[str, str]], ...] = (
    _core.STRINGS,
    _calendar.STRINGS,
    _oparl.STRINGS,
    _mail.STRINGS,
    _lifecycle.STRINGS,
    _site.STRINGS,
    _official.STRINGS,
    _annexes.STRINGS,
    _privacy.STRINGS,
    _data.STRINGS,
    _messages.STRINGS,
    # one line per topic module: kogsro/i18n/<topic>.py with its own STRINGS table
)

# key: (German, English)
STRINGS: dict[str, tuple[str, str]] = {}
for _table in _TABLES:
    _clash = STRINGS.keys() & _table.keys()
    if _clash:  # pragma: no cover - caught by the tests at once
        raise RuntimeError(f"i18n keys defined twice: {sorted(_clash)}")
    STRINGS.update(_table)


class InLanguage(str):
    """Text in another language than the document's (a German title in an English document):
    the renderer marks it, ``<span lang="de">`` in HTML and ``#text(lang: "de")`` in Typst, so
    that screen readers and the PDF's tags read it in its own language (WCAG 3.1.2)."""

    lang: str

    def __new__(cls, text: str, lang: str) -> InLanguage:
        value = super().__new__(cls, text)
        value.lang = lang
        return value


def in_language(text: str | None, lang: str, document_lang: str) -> str | None:
    """``text`` marked as written in ``lang`` when the document is in another language."""
    if text is None or lang == document_lang:
        return text
    return InLanguage(text, lang)


def strings(lang: str) -> dict[str, str]:
    """The fixed strings of one language, by key."""
    column = _column(lang)
    return {key: pair[column] for key, pair in STRINGS.items()}


def phrase(lang: str, key: str, **values: object) -> str:
    """One fixed string with its ``{placeholders}`` filled in."""
    return STRINGS[key][_column(lang)].format(**values)


def _column(lang: str) -> int:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return LANGUAGES.index(lang)


def format_date(value: date, lang: str, form: str = "full") -> str:
    """``Dienstag, 14. Juni 2022`` / ``Tuesday, 14 June 2022``.

    ``form`` is ``full`` (with the weekday), ``long`` (``14. Juni 2022``), ``medium`` or
    ``short`` (``14.06.22``), ``numeric`` (``14.06.2022`` / ``14/06/2022``), or ``EEEE`` (the
    weekday alone). German and English come from a table (the same text as Babel's de_DE and
    en_GB); anything else from Babel.
    """
    from kogsro.i18n.dates import tabled_date

    text = tabled_date(value, lang, form)
    if text is not None:
        return text
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, form, locale=_locale(lang))


def format_time(value: time, lang: str) -> str:
    return f"{value:%H:%M}"


def _locale(lang: str) -> str:
    return {"de": "de_DE", "en": "en_GB"}.get(lang, lang)
