"""The few errors the core raises. The command line maps them to exit codes in one place."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from kogsro.records import record

Severity = Literal["error", "warning"]


@record
class Problem:
    """One problem in an input file, reported as ``file:line:col: message``.

    ``line`` and ``column`` are 1-based; 0 means "unknown" (the whole file). A ``warning``
    is something implausible that `kogsro check` reports but only fails on with ``--strict``;
    an ``error`` is always a failure.
    """

    file: str
    line: int
    column: int
    message: str
    hint: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        label = "warning: " if self.severity == "warning" else ""
        text = f"{where}: {label}{self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
            "severity": self.severity,
        }

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.message)

    def as_warning(self) -> Problem:
        """The same problem with the severity ``warning``."""
        return Problem(self.file, self.line, self.column, self.message, self.hint, "warning")


@record
class Remedy:
    """A setting of the command that would do what an error asks for, in the core's words:
    ``Remedy("date", "YYYY-MM-DD")``, ``Remedy("force", purpose="to replace them")``. The
    core never spells the command line; the command line says it ("pass --date YYYY-MM-DD")."""

    option: str  # the parameter's name: "date", "force", "base_url"
    example: str = ""  # an example value: "YYYY-MM-DD"
    purpose: str = ""  # what it does: "to replace them"


class KogsroError(Exception):
    """Base class of every error the core raises on purpose (bad input: exit code 2).

    ``option`` names the setting (or settings) whose value the message is about: ``"host"``
    for "unknown organisation 'x'", ``("since", "until")``; ``remedy`` a setting that would
    help. The command line shows both in its own spelling: ``--host: unknown organisation
    'x'``, "pass --date YYYY-MM-DD, or ...".
    """

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        option: str | tuple[str, ...] | None = None,
        remedy: Remedy | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.option = option
        self.remedy = remedy

    def __str__(self) -> str:
        return self.message


class InputError(KogsroError):
    """Invalid input files: carries every problem found, sorted by place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=Problem.sort_key)
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found")


class UsageError(KogsroError):
    """A command was asked for something it cannot do (unknown session, bad option value)."""


class WorkspaceNotFound(UsageError):
    """No kogsro.yaml in the current folder or its parents."""


FORCE = Remedy("force", purpose="to overwrite it")


class OutputExists(KogsroError):
    """A file would be overwritten without being asked to (the command line says how: with
    ``--force``, unless ``remedy`` names another way)."""

    def __init__(self, path: Path, *, hint: str | None = None, remedy: Remedy = FORCE) -> None:
        super().__init__(f"{path}: already exists, not overwritten", hint=hint, remedy=remedy)
        self.path = path


class TemplateError(KogsroError):
    """A template is missing or broken; names the template file and line."""


class DeliveryError(KogsroError):
    """Sending mail failed for some or all recipients (the command ran; exit code 1)."""


class PartlyDone(KogsroError):
    """The command wrote what it could, but some outputs failed (exit code 1): the others
    are written, so this is no "bad input, nothing written" (exit code 2)."""


class KogsroWarning(UserWarning):
    """Something the user should know although the command succeeds (shown as a warning line)."""
