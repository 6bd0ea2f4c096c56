"""The website in a real browser: headless Chromium opens every kind of page, with and without
JavaScript, wide and narrow; no console errors, no failed requests, axe-core finds no WCAG 2.1
A/AA violation, and the filter of the decision log and the task list works.

Set KOGSRO_SCREENSHOTS=DIR to keep a screenshot of every page looked at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import copy_example

PAGES = [
    "index.html",
    "years/2022.html",
    "sessions/2022-06-14.html",
    "sessions/2022-09-13.html",
    "decisions.html",
    "actions.html",
    "imprint.html",
    "accessibility.html",
]
ENVIRONMENT = {
    "KOGSRO_TODAY": "2022-06-01",
    "SOURCE_DATE_EPOCH": "1654034400",
    "KOGSRO_NO_CACHE": "1",
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The example's public and internal site (German) and its English public site."""
    from kogsro.api import build_site
    from kogsro.workspace.loader import load_workspace

    root = tmp_path_factory.mktemp("site-ws")
    copy_example(root)
    add_attachment(root)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in ENVIRONMENT.items():
            patch.setenv(name, value)
        ws = load_workspace(root)
        yield {
            "public": build_site(ws).folder,
            "internal": build_site(ws, public=False).folder,
            "en": build_site(ws, lang="en").folder,
        }


def add_attachment(root: Path) -> None:
    """A file and a link as Anlagen of the first item of 2022-09-13."""
    (root / "anlagen").mkdir()
    (root / "anlagen" / "leitfaden.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    session = root / "agendas" / "2022-09-13.yaml"
    text = session.read_text(encoding="utf-8")
    start = text.index("\n  - title: ") + 1
    end = text.index("\n", start)
    session.write_text(
        text[:end]
        + "\n    attachments:\n      - {file: anlagen/leitfaden.pdf, title: Leitfaden}"
        + "\n      - {url: 'https://example.org/vorlage.pdf', title: Vorlage}"
        + text[end:],
        encoding="utf-8",
    )


def shot(page: Any, name: str) -> None:
    folder = os.environ.get("KOGSRO_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(Path(folder) / (name.replace("/", "_") + ".png"))


def open_page(browser: Any, url: str, **options: Any) -> Any:
    page = browser.new_page(**options)
    report = page.open(url)
    assert report.console_errors == [], f"{url}: {report.console_errors}"
    assert report.failed_requests == [], f"{url}: {report.failed_requests}"
    return page


@pytest.mark.slow
@pytest.mark.parametrize("edition", ["public", "internal", "en"])
def test_every_page_passes_axe_without_console_errors(
    browser: Any, axe_source: str, sites: dict[str, Path], edition: str
) -> None:
    # the other editions differ from the public one in words and content, not in structure
    names = (
        PAGES if edition == "public" else ["index.html", "sessions/2022-06-14.html", "actions.html"]
    )
    for name in names:
        page = open_page(browser, (sites[edition] / name).as_uri())
        try:
            violations = page.axe(axe_source)
            assert violations == [], f"{edition}/{name}: {violations}"
            assert page.evaluate("document.documentElement.lang") == (
                "en" if edition == "en" else "de"
            )
            shot(page, f"{edition}-{name}")
        finally:
            page.close()


@pytest.mark.slow
def test_narrow_screens_and_no_javascript(
    browser: Any, axe_source: str, sites: dict[str, Path]
) -> None:
    for name in ("sessions/2022-06-14.html", "actions.html"):
        page = open_page(browser, (sites["public"] / name).as_uri(), width=360, height=740)
        try:
            assert page.axe(axe_source) == []
            # nothing wider than the screen: no sideways scrolling of the page
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360 + 1, f"{name} is {width}px wide on a 360px screen"
            shot(page, f"narrow-{name}")
        finally:
            page.close()
    page = open_page(browser, (sites["public"] / "decisions.html").as_uri(), javascript=False)
    try:
        assert page.evaluate("document.querySelector('form.filter').hidden") is True
        shown = page.evaluate(
            "[...document.querySelectorAll('[data-filter-entry]')]"
            ".filter(e => e.offsetParent !== null).length"
        )
        assert shown == 7
        text = page.evaluate("document.getElementById('filter-count').textContent")
        assert "vollständige Liste" in text
    finally:
        page.close()


def visible(page: Any) -> list[str]:
    return list(
        page.evaluate(
            "[...document.querySelectorAll('[data-filter-entry]')]"
            ".filter(e => !e.hidden && e.offsetParent !== null)"
            ".map(e => e.id || e.querySelector('[id]').id)"
        )
    )


def type_into(page: Any, selector: str, value: str) -> None:
    page.evaluate(
        f"(() => {{ const f = document.querySelector({selector!r}); f.value = {value!r}; "
        "f.dispatchEvent(new Event('input', {bubbles: true})); "
        "f.dispatchEvent(new Event('change', {bubbles: true})); })()"
    )


@pytest.mark.slow
def test_the_filter_of_the_decision_log(browser: Any, sites: dict[str, Path]) -> None:
    page = open_page(browser, (sites["public"] / "decisions.html").as_uri())
    try:
        assert page.evaluate("document.querySelector('form.filter').hidden") is False
        count = "document.getElementById('filter-count').textContent"
        assert page.evaluate(count) == "7 von 7 Einträgen angezeigt"
        assert len(visible(page)) == 7

        type_into(page, "#filter-q", "Bürgerbeteiligung")  # without the gender star
        assert page.evaluate(count) == "0 von 7 Einträgen angezeigt"
        assert page.evaluate("document.getElementById('filter-none').hidden") is False

        type_into(page, "#filter-q", "ergebnisprotokoll genehmigt")  # all words, any case
        assert visible(page) == [
            "2022-03-09-top2-d1",
            "2022-04-12-top2-d1",
            "2022-06-14-top2-d1",
        ]
        # a session whose decisions are all hidden hides its heading too
        type_into(page, "#filter-q", "Datenstand")
        assert visible(page) == ["2022-03-09-top4-d1"]
        headings = page.evaluate(
            "[...document.querySelectorAll('[data-filter-group]')].filter(g => !g.hidden).length"
        )
        assert headings == 1

        type_into(page, "#filter-q", "")
        type_into(page, "#filter-status-select", "amended")
        assert visible(page) == ["2022-03-09-top4-d1"]
        page.evaluate("document.querySelector('form.filter').reset()")
        page.evaluate("new Promise(r => setTimeout(r, 20))")
        assert len(visible(page)) == 7
        shot(page, "filter-decisions")
    finally:
        page.close()


@pytest.mark.slow
def test_the_filter_of_the_task_list_and_links_to_it(browser: Any, sites: dict[str, Path]) -> None:
    url = (sites["public"] / "actions.html").as_uri()
    page = open_page(browser, url)
    try:
        total = len(visible(page))
        assert total > 5
        type_into(page, "#filter-status-select", "overdue")
        overdue = visible(page)
        assert 0 < len(overdue) < total
        type_into(page, "#filter-status-select", "open")
        assert set(overdue) <= set(visible(page))
        type_into(page, "#filter-status-select", "")
        type_into(page, "#filter-owner", "spk-mh")
        owners = page.evaluate(
            "[...document.querySelectorAll('[data-filter-entry]')].filter(e => !e.hidden)"
            ".map(e => e.dataset.owner)"
        )
        assert owners and set(owners) == {"spk-mh"}
    finally:
        page.close()
    # a filter in the address: actions.html?status=done
    page = open_page(browser, url + "?status=done")
    try:
        statuses = page.evaluate(
            "[...document.querySelectorAll('[data-filter-entry]')].filter(e => !e.hidden)"
            ".map(e => e.dataset.status)"
        )
        assert statuses and set(statuses) == {"done"}
        assert page.evaluate("document.getElementById('filter-status-select').value") == "done"
    finally:
        page.close()


def test_the_harness_reports_what_is_wrong(browser: Any, axe_source: str, tmp_path: Path) -> None:
    """The checks above can fail: a broken page shows up in every one of them."""
    (tmp_path / "bad.html").write_text(
        '<!DOCTYPE html><html><head><title>x</title></head><body><img src="gone.png">'
        '<input type="text"><script>console.error("broken")</script></body></html>',
        encoding="utf-8",
    )
    page = browser.new_page()
    try:
        report = page.open((tmp_path / "bad.html").as_uri())
        assert any("broken" in e for e in report.console_errors)
        assert any("ERR_FILE_NOT_FOUND" in e for e in report.failed_requests)
        ids = {v["id"] for v in page.axe(axe_source)}
        assert {"image-alt", "label", "html-has-lang"} <= ids
    finally:
        page.close()


def test_chromium_is_found_where_installed() -> None:
    from tests.browser.cdp import find_chromium

    assert (find_chromium() is not None) == any(
        shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome", "chrome")
    )
