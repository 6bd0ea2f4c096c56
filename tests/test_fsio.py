"""The one write function: atomic, only over regular files, never out of its folder through a
link, never into a protected folder (issue 14, defects 2 and 3)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kogsro.errors import KogsroError, OutputExists
from kogsro.fsio import (
    check_protected,
    create_exclusive,
    remove_file,
    stale_temp_files,
    write_atomic,
    write_output,
)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "ws" / "out"
    folder.mkdir(parents=True)
    return folder


def test_a_linked_folder_leading_out_is_refused_and_nothing_written_there(
    tmp_path: Path, out: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "minutes.md").write_text("not kogsro's\n")
    (out / "2022-06-14").symlink_to(elsewhere)
    for target in (out / "2022-06-14" / "minutes.md", out / "2022-06-14" / "new.md"):
        with pytest.raises(KogsroError) as caught:
            write_atomic(target, b"rendered", within=out)
        assert "leads out of" in caught.value.message and caught.value.hint
        with pytest.raises(KogsroError):
            write_output(target, b"rendered", out_dir=out, force=True)
    with pytest.raises(KogsroError):
        write_atomic(out / "2022-06-14" / "sub" / "deep.md", b"x", within=out)
    assert sorted(p.name for p in elsewhere.iterdir()) == ["minutes.md"]
    assert (elsewhere / "minutes.md").read_text() == "not kogsro's\n"


def test_a_link_inside_the_folder_is_followed(out: Path) -> None:
    (out / "real").mkdir()
    (out / "alias").symlink_to(out / "real")
    write_atomic(out / "alias" / "a.md", b"x", within=out)
    assert (out / "real" / "a.md").read_bytes() == b"x"


@pytest.mark.parametrize("force", [False, True])
def test_a_device_is_never_replaced(out: Path, force: bool) -> None:
    with pytest.raises(KogsroError) as caught:
        write_output(Path("/dev/null"), b"x", out_dir=out, force=force)
    assert "is a device, not replaced" in caught.value.message
    assert "-o -" in (caught.value.hint or "")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_a_file_link_or_a_pipe_is_never_replaced(tmp_path: Path, out: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_text("kept\n")
    (out / "link.md").symlink_to(target)
    with pytest.raises(KogsroError) as caught:
        write_output(out / "link.md", b"x", out_dir=out, force=True)
    assert "is a symbolic link" in caught.value.message
    assert target.read_text() == "kept\n" and (out / "link.md").is_symlink()
    os.mkfifo(out / "pipe")
    with pytest.raises(KogsroError, match="is a pipe"):
        write_atomic(out / "pipe", b"x")
    (out / "folder.md").mkdir()
    with pytest.raises(KogsroError, match="is a folder"):
        write_atomic(out / "folder.md", b"x")


def test_protected_folders_are_never_written_even_with_force(tmp_path: Path, out: Path) -> None:
    agendas = tmp_path / "ws" / "agendas"
    agendas.mkdir()
    session = agendas / "2022-06-14.yaml"
    session.write_text("date: 2022-06-14\n")
    for force in (False, True):
        with pytest.raises(KogsroError) as caught:
            write_output(session, b"x", out_dir=out, force=force, protected=(agendas,))
        assert "never writes to" in caught.value.message
    (out / "via-link").symlink_to(agendas)
    with pytest.raises(KogsroError):
        check_protected(out / "via-link" / "2022-06-14.yaml", (agendas,))
    assert session.read_text() == "date: 2022-06-14\n"


def test_other_files_need_force_and_out_files_are_replaced(tmp_path: Path, out: Path) -> None:
    mine = tmp_path / "mine.md"
    mine.write_text("by hand")
    with pytest.raises(OutputExists):
        write_output(mine, b"x", out_dir=out)
    write_output(mine, b"x", out_dir=out, force=True)
    assert mine.read_bytes() == b"x"
    write_output(out / "a" / "b.md", b"1", out_dir=out)
    write_output(out / "a" / "b.md", b"2", out_dir=out)
    assert (out / "a" / "b.md").read_bytes() == b"2"


def test_create_exclusive_never_replaces(out: Path) -> None:
    create_exclusive(out / "new.yaml", "a")
    with pytest.raises(OutputExists):
        create_exclusive(out / "new.yaml", "b")
    assert (out / "new.yaml").read_text() == "a"
    assert not stale_temp_files(out)


def test_os_errors_name_the_path(tmp_path: Path, out: Path) -> None:
    (out / "file").write_text("x")
    with pytest.raises(KogsroError) as caught:
        write_atomic(out / "file" / "below.md", b"x")
    assert str(out / "file") in caught.value.message
    with pytest.raises(KogsroError) as caught:
        write_atomic(out / ("x" * 300), b"x")
    assert "x" * 20 in caught.value.message and caught.value.hint
    with pytest.raises(KogsroError, match="NUL"):
        write_atomic(out / "a\0b", b"x")


def test_remove_file_keeps_links_and_outside_files(tmp_path: Path, out: Path) -> None:
    outside = tmp_path / "outside.eml"
    outside.write_text("keep")
    (out / "mail").symlink_to(tmp_path)
    with pytest.raises(KogsroError):
        remove_file(out / "mail" / "outside.eml", within=out)
    assert outside.read_text() == "keep"


def test_stale_temp_files_are_found(out: Path) -> None:
    (out / "s").mkdir()
    left = out / "s" / ".minutes.pdf.abc123.kogsro-tmp"
    left.write_bytes(b"%PDF-half")
    (out / "s" / "minutes.pdf").write_bytes(b"%PDF")
    assert stale_temp_files(out) == [left]
