"""A link checker for a folder of HTML pages: every relative link and asset must exist, and
every #fragment must name an element of its page."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

EXTERNAL = ("http", "https", "mailto", "tel", "webcal")


@dataclass(frozen=True, slots=True)
class Link:
    page: str  # relative path of the page that links
    attribute: str
    target: str


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name in ("href", "src") or (name == "action" and tag == "form"):
                self.links.append((name, value))


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def check_links(folder: Path) -> tuple[list[Link], list[str]]:
    """Every link of every page below ``folder``, and what is wrong with them."""
    pages = {p.relative_to(folder).as_posix(): _parse(p) for p in sorted(folder.rglob("*.html"))}
    links: list[Link] = []
    problems: list[str] = []
    for name, page in pages.items():
        for attribute, target in page.links:
            links.append(Link(name, attribute, target))
            parts = urlsplit(target)
            if parts.scheme in EXTERNAL:
                continue
            if parts.scheme or parts.netloc or target.startswith("/"):
                problems.append(f"{name}: {attribute}={target!r} is not a relative link")
                continue
            here = (folder / name).parent
            resolved = (here / unquote(parts.path)).resolve() if parts.path else folder / name
            try:
                relative = resolved.relative_to(folder.resolve()).as_posix()
            except ValueError:
                problems.append(f"{name}: {target!r} leads out of the site")
                continue
            if not resolved.is_file():
                problems.append(f"{name}: {target!r} does not exist")
                continue
            if parts.fragment and relative.endswith(".html"):
                ids = pages[relative].ids if relative in pages else _parse(resolved).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{name}: {target!r} names no element of {relative}")
    return links, problems
