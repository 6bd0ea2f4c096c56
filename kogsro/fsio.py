"""Writing files so that nothing is lost: atomically, and never over a human's file unasked."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from kogsro.errors import KogsroError, OutputExists


def _temp_beside(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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


def write_atomic(path: Path, data: bytes | str, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Readers see the old file or the new one, never half of one. With ``overwrite=False`` an
    existing file is an :class:`OutputExists` error.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not overwrite:
        create_exclusive(path, data)
        return
    try:
        temp = _temp_beside(path, data)
    except OSError as exc:
        raise KogsroError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        if path.exists():
            with contextlib.suppress(OSError):
                temp.chmod(path.stat().st_mode & 0o777)
        else:
            temp.chmod(0o666 & ~_umask())
        temp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise KogsroError(f"{path}: cannot write: {exc.strerror or exc}") from None


def create_exclusive(path: Path, data: bytes | str) -> None:
    """Create ``path`` with ``data`` only if it does not exist yet, atomically.

    The content is written to a temporary file and hard-linked into place: the link fails when
    the name exists, so of two concurrent writers exactly one wins and nobody sees half a file.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    if path.exists():
        raise OutputExists(path)
    try:
        temp = _temp_beside(path, data)
    except OSError as exc:
        raise KogsroError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        temp.chmod(0o666 & ~_umask())
        os.link(temp, path)
    except FileExistsError:
        raise OutputExists(path) from None
    except OSError as exc:
        raise KogsroError(f"{path}: cannot write: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_output(path: Path, data: bytes | str, *, out_dir: Path, force: bool = False) -> None:
    """Write a rendered output atomically.

    Files inside ``out_dir`` (the workspace's ``out/``) are the tool's own and are replaced;
    any other existing file was written by a person and is replaced only with ``force``.
    """
    inside = is_within(path, out_dir)
    if path.exists() and not inside and not force:
        raise OutputExists(path)
    if path.is_dir():
        raise KogsroError(f"{path}: is a folder", hint="name a file to write to")
    write_atomic(path, data)


def is_within(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or inside it (after resolving links)."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True
