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


def print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        line = str(problem) if problem.hint is None else str(problem).rsplit(" (hint: ", 1)[0]
        sys.stderr.write(line + "\n")
        if problem.hint:
            sys.stderr.write(f"  hint: {problem.hint}\n")
    sys.stderr.flush()


def report_error(exc: KogsroError) -> None:
    from kogsro.errors import InputError, OutputExists

    if isinstance(exc, InputError):
        print_problems(exc.problems)
        sys.stderr.write(f"error: {exc.message}\n")
    else:
        sys.stderr.write(f"error: {exc.message}\n")
        hint = exc.hint
        if hint is None and isinstance(exc, OutputExists):
            hint = "pass --force to overwrite it"  # the core names no option of the command line
        if hint:
            sys.stderr.write(f"  hint: {hint}\n")
    sys.stderr.flush()


def report_crash(exc: BaseException) -> None:
    sys.stderr.write(
        f"internal error: {type(exc).__name__}: {exc}\n"
        "  hint: run again with `kogsro --debug ...` to see the traceback, and report it\n"
    )


def warn(message: str) -> None:
    sys.stderr.write(f"warning: {message}\n")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def no_color() -> bool:
    return bool(os.environ.get("NO_COLOR"))


def write_bytes_to_stdout(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
