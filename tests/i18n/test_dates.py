"""German and English dates from the table are Babel's, letter for letter."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from babel.dates import format_date as babel_format_date
from hypothesis import given
from hypothesis import strategies as st

from kogsro.i18n import format_date
from kogsro.i18n.dates import PATTERNS, tabled_date

LOCALES = {"de": "de_DE", "en": "en_GB"}
FORMS = ("full", "long", "medium", "short", "numeric", "EEEE")
# what kogsro asked Babel for before the table: a CLDR form, or these patterns
BABEL_PATTERNS = {
    ("de", "numeric"): "dd.MM.y",
    ("en", "numeric"): "dd/MM/y",
    ("en", "full"): "EEEE, d MMMM y",
}


def babel(value: date, lang: str, form: str) -> str:
    pattern = BABEL_PATTERNS.get((lang, form), form)
    return str(babel_format_date(value, pattern, locale=LOCALES[lang]))


def days(first: date, count: int) -> list[date]:
    return [first + timedelta(days=n) for n in range(count)]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("form", FORMS)
def test_every_day_of_two_years_as_babel_writes_it(lang: str, form: str) -> None:
    # a leap year, each weekday and month many times, one- and two-digit days
    for day in days(date(2023, 1, 1), 2 * 366):
        assert format_date(day, lang, form) == babel(day, lang, form), day


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("form", FORMS)
def test_years_of_one_to_four_digits(lang: str, form: str) -> None:
    for first in (date(1, 1, 1), date(9, 12, 20), date(95, 2, 25), date(999, 12, 25)):
        for day in days(first, 40):
            assert format_date(day, lang, form) == babel(day, lang, form), day
    for day in (date(2000, 2, 29), date(9999, 12, 31), date(1900, 3, 1)):
        assert format_date(day, lang, form) == babel(day, lang, form), day


@given(st.dates(), st.sampled_from(["de", "en"]), st.sampled_from(FORMS))
def test_any_date(day: date, lang: str, form: str) -> None:
    assert format_date(day, lang, form) == babel(day, lang, form)


def test_the_table_covers_every_form_of_both_languages() -> None:
    assert set(PATTERNS) == {(lang, form) for lang in LOCALES for form in FORMS}
    assert tabled_date(date(2022, 6, 14), "de", "full") == "Dienstag, 14. Juni 2022"
    assert tabled_date(date(2022, 6, 14), "en", "full") == "Tuesday, 14 June 2022"
    assert tabled_date(date(2022, 9, 4), "en", "medium") == "4 Sept 2022"
    assert tabled_date(date(2022, 9, 4), "de", "short") == "04.09.22"


def test_other_forms_and_languages_still_go_to_babel() -> None:
    assert tabled_date(date(2022, 6, 14), "fr", "full") is None
    assert tabled_date(date(2022, 6, 14), "de", "yyyy") is None
    assert format_date(date(2022, 6, 14), "fr", "full") == "mardi 14 juin 2022"


def test_a_document_in_german_loads_no_babel() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from datetime import date; from kogsro.i18n import format_date;"
        "[format_date(date(2022, 6, 14), l, f) for l in ('de', 'en')"
        " for f in ('full', 'long', 'medium', 'short', 'numeric')];"
        "print('babel' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
