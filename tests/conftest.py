"""Shared fixtures: file trees from dicts, a copy of the example workspace, a CLI runner,
golden files."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_FILES = ("kogsro.yaml", "attendees.yaml")
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
# Every HTML document carries the shared stylesheet of base.html.j2: it has one golden file, and
# the documents' golden files show a marker in its place.
STYLESHEET_GOLDEN = "html/stylesheet.css"
STYLESHEET_MARKER = f"<style>/* golden/{STYLESHEET_GOLDEN} */</style>"
_STYLE_BLOCK = re.compile(r"<style>\n(?P<css>.*?)</style>", re.DOTALL)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files in tests/golden/ from the current output",
    )


class Golden:
    """Compares text with ``tests/golden/<name>``; ``pytest --update-golden`` rewrites them."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, name: str, text: str) -> None:
        if name.endswith(".html"):
            found = _STYLE_BLOCK.search(text)
            if found is None:
                pytest.fail(f"{name}: no <style> block (the shared stylesheet)", pytrace=False)
            self._compare(STYLESHEET_GOLDEN, found["css"])
            text = text[: found.start()] + STYLESHEET_MARKER + text[found.end() :]
        self._compare(name, text)

    def _compare(self, name: str, text: str) -> None:
        path = GOLDEN_DIR / name
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            return
        if not path.is_file():
            pytest.fail(f"no golden file {name}; create it with `pytest --update-golden`")
        expected = path.read_text(encoding="utf-8")
        if text != expected:
            diff = difflib.unified_diff(
                expected.splitlines(keepends=True),
                text.splitlines(keepends=True),
                f"golden/{name}",
                "rendered",
            )
            pytest.fail(
                f"{name} differs from its golden file (after an intended change: "
                "`pytest --update-golden`, then review `git diff tests/golden`):\n"
                + "".join(list(diff)[:200]),
                pytrace=False,
            )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    return Golden(bool(request.config.getoption("--update-golden")))


def build_file_tree(root: Path, tree: Mapping[str, str | bytes]) -> Path:
    """Write ``{"relative/path": content}`` below ``root``; text is dedented."""
    for name, content in tree.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def copy_example(target: Path) -> Path:
    """A private copy of the repository's example workspace (body, roster, sessions)."""
    for name in EXAMPLE_FILES:
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "agendas", target / "agendas")
    return target


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled templates go to a folder of the test run, not the user's cache."""
    os.environ["KOGSRO_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wide, colourless terminal, a frozen clock, and no workspace leaking in."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("KOGSRO_TODAY", "2022-06-01")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1654034400")  # 2022-05-31 22:00 UTC
    monkeypatch.delenv("KOGSRO_WORKSPACE", raising=False)
    monkeypatch.setenv("KOGSRO_NO_CACHE", "1")  # every test renders; tests/test_cache.py opts in


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the example workspace as the current folder."""
    (tmp_path / "ws").mkdir()
    ws = copy_example(tmp_path / "ws")
    monkeypatch.chdir(ws)
    yield ws


@pytest.fixture
def tree(tmp_path: Path) -> object:
    """``tree({...})`` builds a file tree in a temporary folder and returns its path."""

    def make(files: Mapping[str, str | bytes]) -> Path:
        return build_file_tree(tmp_path, files)

    return make


def run_cli(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    """Invoke the command line in-process, built as `kogsro` builds it (each command when it
    is used); returns (exit code, stdout, stderr)."""
    from unittest import mock

    import typer.testing

    from kogsro.cli import app, command_line

    runner = typer.testing.CliRunner()
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        with mock.patch.object(typer.testing, "_get_command", lambda _: command_line()):
            result = runner.invoke(app, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


# --- a real browser ------------------------------------------------------------------------------

BROWSER_DIR = Path(__file__).resolve().parent / "browser"
AXE = BROWSER_DIR / "node_modules" / "axe-core" / "axe.min.js"


def _missing(what: str) -> None:
    """Skip where a tool is missing; on CI (which installs it) that is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing on CI (see .ci/run)", pytrace=False)
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium (Debian's `chromium`), driven over the DevTools protocol
    (tests/browser/cdp.py); skipped where it is not installed."""
    from tests.browser.cdp import Browser, find_chromium

    binary = find_chromium()
    if binary is None:
        _missing("chromium (apt-get install chromium)")
    instance = Browser(str(binary))
    try:
        yield instance
    finally:
        instance.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The source of axe-core, to run in a page (`page.axe(axe_source)`): WCAG 2.1 A and AA."""
    if not AXE.is_file():
        _missing("axe-core (npm ci --prefix tests/browser)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that kogsro sends to, found through the
    environment; the server keeps every message it received."""
    from tests.mail.test_send import Server

    running = Server()
    running.controller.start()
    monkeypatch.setenv("KOGSRO_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("KOGSRO_SMTP_PORT", str(running.port))
    monkeypatch.setenv("KOGSRO_SMTP_SECURITY", "none")
    try:
        yield running
    finally:
        running.controller.stop()
