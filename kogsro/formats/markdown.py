"""Markdown: the rendered template, tidied.

Templates are easier to read with generous blank lines; the document is not. This keeps
at most one blank line between blocks, removes blank lines at the start and trailing
spaces at line ends (hard line breaks are written as a trailing backslash, which survives),
and ends the text with exactly one newline.
"""

from __future__ import annotations

import re

_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)


def tidy_markdown(text: str) -> str:
    text = _TRAILING_SPACE.sub("", text.replace("\r\n", "\n"))
    text = _BLANK_RUNS.sub("\n\n", text).strip("\n")
    return text + "\n"
