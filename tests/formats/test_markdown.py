"""Markdown output: blank lines tidied, hard line breaks kept."""

from __future__ import annotations

from kogsro.formats.markdown import tidy_markdown


def test_tidy_markdown() -> None:
    text = "\n\n# Title\n\n\n\nParagraph   \nline\\\nnext\r\n\n\n- item\n\n"
    assert tidy_markdown(text) == "# Title\n\nParagraph\nline\\\nnext\n\n- item\n"


def test_tidy_markdown_of_nothing() -> None:
    assert tidy_markdown("") == "\n"
    assert tidy_markdown("x") == "x\n"
