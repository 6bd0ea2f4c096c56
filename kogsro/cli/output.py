"""Printing for the command line: problems, errors, JSON. Rich is imported when first used."""

from __future__ import annotations

import json
import os
import sys
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from kogsro.errors import KogsroError, Problem


@cache
def console() -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # the reader went away (`kogsro show ... | head`): the same way out as elsewhere
            raise BrokenPipeError

    return _Console(highlight=False, soft_wrap=False)


@cache
def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def message_language() -> str:
    """The language of the command line's own words: German when the locale is German."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "de" if value.lower().startswith("de") else "en"
    return "en"


def msg(key: str, **values: object) -> str:
    """One of the command line's own messages (kogsro/i18n/messages.py) in its language."""
    from kogsro.i18n import phrase

    return phrase(message_language(), f"msg_{key}", **values)


def print_problems(problems: list[Problem]) -> None:
    hint = msg("hint")
    for problem in problems:
        line = str(problem) if problem.hint is None else str(problem).rsplit(" (hint: ", 1)[0]
        sys.stderr.write(line + "\n")
        if problem.hint:
            sys.stderr.write(f"  {hint}: {problem.hint}\n")
    sys.stderr.flush()


def report_error(exc: KogsroError) -> None:
    from kogsro.errors import InputError, OutputExists

    if isinstance(exc, InputError):
        print_problems(exc.problems)
        count = len(exc.problems)
        found = msg("problem") if count == 1 else msg("problems", count=count)
        sys.stderr.write(f"{msg('error')}: {found}\n")
    else:
        message = exc.message
        if exc.option is not None:
            options = (exc.option,) if isinstance(exc.option, str) else exc.option
            message = f"{', '.join(flag(o) for o in options)}: {message}"
        sys.stderr.write(f"{msg('error')}: {message}\n")
        hint = exc.hint
        if exc.remedy is not None:
            remedy = " ".join(
                part
                for part in (
                    "pass",
                    flag(exc.remedy.option),
                    exc.remedy.example,
                    exc.remedy.purpose,
                )
                if part
            )
            if hint is None:
                hint = remedy
            elif isinstance(exc, OutputExists):  # what is there, then how to replace it
                hint = f"{hint}; {remedy}"
            else:  # the option, or the setting in the files
                hint = f"{remedy}, or {hint}"
        if hint:
            sys.stderr.write(f"  {msg('hint')}: {hint}\n")
    sys.stderr.flush()


def flag(option: str) -> str:
    """How the command line spells a setting the core names: ``base_url`` is ``--base-url``."""
    return "--" + option.replace("_", "-")


def report_crash(exc: BaseException) -> None:
    sys.stderr.write(
        f"{msg('internal_error')}: {type(exc).__name__}: {exc}\n  {msg('hint')}: {msg('debug')}\n"
    )


def warn(message: str) -> None:
    sys.stderr.write(f"{msg('warning')}: {message}\n")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def no_color() -> bool:
    return bool(os.environ.get("NO_COLOR"))


def write_bytes_to_stdout(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
