"""`kogsro init`: a working workspace from the example shipped with kogsro."""

from __future__ import annotations

from pathlib import Path

from kogsro.errors import Remedy, UsageError
from kogsro.fsio import os_error, write_atomic
from kogsro.workspace.locate import CONFIG_FILE, shipped
from kogsro.workspace.tooling import CiKind, write_repository_files

FILES = ("kogsro.yaml", "attendees.yaml")
EXAMPLE_SESSION = "agendas/2022-06-14.yaml"


def _without_approvals(data: bytes) -> bytes:
    """The example session alone: its ``approves:`` names minutes of a session the new
    workspace does not have, so that line is left out."""
    lines = data.decode("utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.lstrip().startswith("approves:")).encode()


def example_dir() -> Path:
    """The example workspace: inside the installed package, or the source checkout's root."""
    return shipped("_example")


SCHEMA_OF = {"kogsro.yaml": "config", "attendees.yaml": "roster"}


def _with_modeline(target: Path, name: str, data: bytes) -> bytes:
    """The file with a first line that points editors at its JSON Schema."""
    from kogsro.workspace.schema import modeline, with_modeline

    kind = SCHEMA_OF.get(name, "session")
    line = modeline(kind, target / name, target)
    return with_modeline(data.decode("utf-8"), line).encode("utf-8")


def init_workspace(
    directory: Path,
    *,
    force: bool = False,
    example: bool = False,
    ci: CiKind | None = None,
) -> list[Path]:
    """A new workspace: the body (``kogsro.yaml``) and the roster of the 12 districts and the
    Senate department (``attendees.yaml``), an empty ``agendas/`` and ``templates/``.

    With ``example`` the fictional example session of 14 June 2022 comes along. Existing
    files are overwritten only with ``force``; session files already there are never touched.
    The JSON Schemas go into ``.kogsro/schema/`` (each file's first line points editors at its
    own), with a ``.gitignore``, a ``.pre-commit-config.yaml`` running ``kogsro check`` and,
    with ``ci``, a pipeline that checks the workspace and publishes its website.
    """
    target = directory.expanduser()
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target}: exists and is not a folder")
    names = [*FILES, EXAMPLE_SESSION] if example else list(FILES)
    if (target / CONFIG_FILE).exists() and not force:
        raise UsageError(
            f"{target}: already a workspace ({CONFIG_FILE} exists), nothing written",
            remedy=Remedy(
                "force",
                purpose="to overwrite its kogsro.yaml and attendees.yaml "
                "(session files are never touched)",
            ),
        )
    existing = [name for name in names if (target / name).exists()]
    if existing and not force:
        raise UsageError(
            f"{target}: {', '.join(existing)} already exist{'s' if len(existing) == 1 else ''}, "
            "nothing written",
            remedy=Remedy("force", purpose="to overwrite them"),
        )
    if force and example and (target / EXAMPLE_SESSION).exists():
        names.remove(EXAMPLE_SESSION)  # a session file is the user's: never overwritten
    source = example_dir()
    written = []
    for name in names:
        data = (source / name).read_bytes()
        if name.startswith("agendas/"):
            data = _without_approvals(data)
        write_atomic(target / name, _with_modeline(target, name, data), within=target)
        written.append(target / name)
    for folder in ("agendas", "templates"):
        try:
            (target / folder).mkdir(exist_ok=True)
        except OSError as exc:
            raise os_error(target / folder, exc, "cannot create the folder") from None
    written += write_repository_files(target, ci=ci, force=force).created
    return written
