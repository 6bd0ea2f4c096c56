"""Fixed strings of attachments (Anlagen), the Sitzungsmappe, replies and deputies."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "annex_label": ("Anlage {number}", "Annex {number}"),
    "annexes": ("Anlagen", "Annexes"),
}
