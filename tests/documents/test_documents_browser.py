"""The HTML documents in a real browser: headless Chromium opens the invitation, the minutes
(internal and public, German and English), the sign-in sheet, the decision log and the task
list; axe-core finds no WCAG 2.1 A/AA violation and the page loads without console errors.

English documents carry German content marked ``lang="de"`` (WCAG 3.1.2); axe-core checks
that every such mark names a valid language.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import copy_example

ENVIRONMENT = {
    "KOGSRO_TODAY": "2022-06-01",
    "SOURCE_DATE_EPOCH": "1654034400",
    "KOGSRO_NO_CACHE": "1",
}
# (file name, kind, session, language, public)
DOCUMENTS = [
    ("invitation.de.html", "invitation", "2022-09-13", "de", False),
    ("invitation.en.html", "invitation", "2022-09-13", "en", False),
    ("minutes.de.html", "minutes", "2022-06-14", "de", False),
    ("minutes.en.html", "minutes", "2022-06-14", "en", False),
    ("minutes.public.html", "minutes", "2022-06-14", "de", True),
    ("attendance.de.html", "attendance", "2022-06-14", "de", False),
]
LEDGER = [
    ("decisions.de.html", "decisions", "de"),
    ("actions.en.html", "actions", "en"),
]


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    from kogsro.documents.ledger_docs import render_ledger_document
    from kogsro.documents.session_docs import render_document
    from kogsro.workspace.loader import load_workspace, resolve_session

    root = tmp_path_factory.mktemp("documents-ws")
    copy_example(root)
    out = root / "html"
    out.mkdir()
    files: dict[str, Path] = {}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in ENVIRONMENT.items():
            patch.setenv(name, value)
        ws = load_workspace(root)
        for name, kind, session_id, lang, public in DOCUMENTS:
            session = resolve_session(ws, session_id)
            data = render_document(ws, session, kind, "html", lang=lang, public=public)  # type: ignore[arg-type]
            files[name] = out / name
            files[name].write_bytes(data)
        for name, ledger_kind, lang in LEDGER:
            data = render_ledger_document(ws, kind=ledger_kind, fmt="html", lang=lang, public=False)  # type: ignore[arg-type]
            files[name] = out / name
            files[name].write_bytes(data)
    yield files


@pytest.mark.slow
@pytest.mark.parametrize("name", [d[0] for d in DOCUMENTS] + [d[0] for d in LEDGER])
def test_every_document_passes_axe(
    browser: Any, axe_source: str, documents: dict[str, Path], name: str
) -> None:
    page = browser.new_page()
    try:
        report = page.open(documents[name].as_uri())
        assert report.console_errors == [], f"{name}: {report.console_errors}"
        assert report.failed_requests == [], f"{name}: {report.failed_requests}"
        assert page.axe(axe_source) == [], name
        lang = page.evaluate("document.documentElement.lang")
        assert lang == ("en" if ".en." in name else "de"), name
        if lang == "en" and name.startswith(("minutes", "invitation")):
            marked = page.evaluate("document.querySelectorAll('[lang=\"de\"]').length")
            assert marked > 0, f"{name}: no German content marked as German"
    finally:
        page.close()
