"""Writing files so that nothing is lost: atomically, and never over a human's file unasked.

Every file kogsro writes goes through :func:`_write`, which keeps three rules:

- **Atomic.** The data goes to a temporary file beside the target, then a rename: readers see
  the old file or the new one, never half of one.
- **Only regular files are replaced.** A symbolic link, a device (``-o /dev/null``), a pipe or
  a folder standing where the file should go is never replaced, whatever ``--force`` says.
- **No way out of the output folder.** A write given a folder it belongs to (``within``: the
  workspace's ``out/``, an export folder) refuses a path that leads out of it through a
  symbolic link, so a link that a cloned workspace carries cannot make kogsro write elsewhere.

:func:`write_output` adds the rules of rendered documents: files in the output folder are the
tool's own and replaced; any other existing file only with ``force``; files in a
``protected`` folder (the session files, the archive) never.

Operating-system errors become :class:`KogsroError` naming the path.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from kogsro.errors import KogsroError, OutputExists

TEMP_PREFIX = "."
TEMP_SUFFIX = ".kogsro-tmp"
"""Temporary files are named ``.<name>.<random>.kogsro-tmp`` beside their target."""


def os_error(path: Path | str, exc: OSError, action: str = "cannot write") -> KogsroError:
    """An operating-system error as a :class:`KogsroError` that names the path."""
    reason = exc.strerror or str(exc)
    hint = None
    if isinstance(exc, PermissionError):
        hint = "check the permissions of the file and its folder"
    elif exc.errno == 28:  # ENOSPC
        hint = "free some space on the disk"
    elif exc.errno == 36:  # ENAMETOOLONG
        hint = "use a shorter name (at most 255 bytes per part of a path)"
    return KogsroError(f"{path}: {action}: {reason}", hint=hint)


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_target(path: Path, *, within: Path | None = None) -> os.stat_result | None:
    """Refuse a target that kogsro must not write: raise :class:`KogsroError`.

    Returns the target's status when it exists as a regular file, None when it does not exist.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        raise KogsroError(
            f"{path}: a part of the path is a file, not a folder", hint="choose another path"
        ) from None
    except OSError as exc:
        raise os_error(path, exc) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        hint = (
            "write to standard output with -o - and redirect it"
            if not stat.S_ISDIR(info.st_mode)
            else "name a file to write to"
        )
        raise KogsroError(f"{path}: is {_kind(info.st_mode)}, not replaced", hint=hint)
    if within is not None:
        _check_inside(path, within)
    return info


def _lexical(path: Path) -> Path:
    """``path`` made absolute without following links (``..`` removed by the name)."""
    return Path(os.path.normpath(path.absolute()))


def _check_inside(path: Path, within: Path) -> None:
    """``path`` is named inside ``within``: its folder must really be there (after links)."""
    base = _lexical(within)
    target = _lexical(path)
    try:
        rest = target.relative_to(base)
    except ValueError:
        return  # not named inside: the caller's own rules apply
    real_base = base.resolve()
    folder = base
    for part in rest.parts[:-1]:
        folder = folder / part
        if not os.path.lexists(folder):
            break  # the rest will be created as plain folders
        real = folder.resolve()
        if not real.is_relative_to(real_base):
            raise KogsroError(
                f"{path}: {folder} leads out of {within} (a symbolic link to {real}), "
                "nothing written there",
                hint=f"remove the link {folder}; kogsro writes only inside {within}",
            )
        if not real.is_dir():
            raise KogsroError(
                f"{path}: {folder} is not a folder", hint=f"remove {folder} or choose another path"
            )


def _make_folders(path: Path, within: Path | None) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise KogsroError(
            f"{path}: a part of the path is a file, not a folder", hint="choose another path"
        ) from None
    except OSError as exc:
        raise os_error(path.parent, exc, "cannot create the folder") from None
    if within is not None:
        _check_inside(path, within)  # again: nothing changed it meanwhile


def _temp_beside(path: Path, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(
        prefix=f"{TEMP_PREFIX}{path.name[:200]}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            Path(name).unlink()
        raise
    return Path(name)


def _write(path: Path, data: bytes | str, *, replace: bool, within: Path | None) -> None:
    """The one function that writes a file (see the module's rules)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if "\0" in str(path):
        raise KogsroError(f"{str(path)!r}: a file name cannot hold a NUL character")
    existing = check_target(path, within=within)
    if existing is not None and not replace:
        raise OutputExists(path)
    _make_folders(path, within)
    try:
        temp = _temp_beside(path, data)
    except OSError as exc:
        raise os_error(path, exc) from None
    try:
        if existing is not None:
            with contextlib.suppress(OSError):
                temp.chmod(existing.st_mode & 0o777)
        else:
            temp.chmod(0o666 & ~_umask())
        check_target(path, within=within)  # what stands there now, just before the rename
        if replace:
            temp.replace(path)
        else:
            os.link(temp, path)  # fails when the name exists: of two writers one wins
    except FileExistsError:
        raise OutputExists(path) from None
    except OSError as exc:
        raise os_error(path, exc) from None
    finally:
        if not replace or temp.exists():
            with contextlib.suppress(OSError):
                temp.unlink()


def write_atomic(
    path: Path, data: bytes | str, *, overwrite: bool = True, within: Path | None = None
) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    With ``overwrite=False`` an existing file is an :class:`OutputExists` error. With
    ``within``, a path named inside that folder must not lead out of it through a link.
    """
    _write(path, data, replace=overwrite, within=within)


def create_exclusive(path: Path, data: bytes | str, *, within: Path | None = None) -> None:
    """Create ``path`` with ``data`` only if it does not exist yet, atomically.

    The content is written to a temporary file and hard-linked into place: the link fails when
    the name exists, so of two concurrent writers exactly one wins and nobody sees half a file.
    """
    _write(path, data, replace=False, within=within)


def remove_file(path: Path, *, within: Path | None = None) -> None:
    """Remove a file kogsro wrote before (a stale draft or export file), by the same rules:
    only a regular file, and never through a link out of ``within``."""
    if check_target(path, within=within) is None:
        return
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise os_error(path, exc, "cannot remove") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_output(
    path: Path,
    data: bytes | str,
    *,
    out_dir: Path,
    force: bool = False,
    protected: Iterable[Path] = (),
) -> None:
    """Write a rendered output atomically.

    Files inside ``out_dir`` (the workspace's ``out/``) are the tool's own and are replaced;
    any other existing file was written by a person and is replaced only with ``force``.
    Nothing is ever written into a ``protected`` folder or over a protected file (the session
    files, the archive), ``force`` or not.
    """
    check_protected(path, protected)
    inside = is_within(path, out_dir)
    if not inside and not force and os.path.lexists(path):
        check_target(path)  # a link or a device is refused as such, not as "exists"
        raise OutputExists(path)
    _write(path, data, replace=True, within=out_dir)


def check_protected(path: Path, protected: Iterable[Path]) -> None:
    """Refuse ``path`` when it is or lies in one of the ``protected`` places (after links)."""
    for place in protected:
        if is_within(path, place):
            raise KogsroError(
                f"{path}: is in {place}, which kogsro never writes to when rendering",
                hint="session files and the archive are written by people; "
                "choose another output path",
            )


def owning_folder(path: Path, out_dir: Path) -> Path:
    """The folder whose links a write to ``path`` must not leave: the output folder when
    ``path`` is named inside it, else ``path`` itself (a folder given with ``-o``)."""
    try:
        _lexical(path).relative_to(_lexical(out_dir))
    except ValueError:
        return path
    return out_dir


def is_within(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or inside it (after resolving links)."""
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def stale_temp_files(folder: Path) -> list[Path]:
    """Temporary files a write that was killed left behind in ``folder`` (and below)."""
    if not folder.is_dir():
        return []
    try:
        return sorted(p for p in folder.rglob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}") if p.is_file())
    except OSError:
        return []
