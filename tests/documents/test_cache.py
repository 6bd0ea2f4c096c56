"""The document cache: the same inputs give the stored document; any change renders anew."""

from __future__ import annotations

from pathlib import Path

import pytest

import kogsro.documents.session_docs
from kogsro.documents import cache
from tests.conftest import run_cli


@pytest.fixture
def cached(example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KOGSRO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("KOGSRO_NO_CACHE")
    return example


def forbid_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("rendered although cached")

    monkeypatch.setattr(kogsro.documents.session_docs, "render_document", boom)


def test_second_run_comes_from_the_cache(cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, first, err = run_cli("minutes", "2022-06-14", "-f", "md", "-o", "-")
    assert code == 0, err
    forbid_rendering(monkeypatch)
    code, second, _ = run_cli("minutes", "2022-06-14", "-f", "md", "-o", "-")
    assert code == 0
    assert second == first
    code, _, _ = run_cli("minutes", "2022-06-14", "-f", "md")
    assert code == 0
    assert (cached / "out" / "2022-06-14" / "minutes.md").read_text(encoding="utf-8") == first


def test_any_change_renders_anew(cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, before, _ = run_cli("invite", "2022-06-14", "-f", "md", "-o", "-")
    # the invitation lists open tasks from earlier sessions: another session's file counts
    earlier = cached / "agendas" / "2022-04-12.yaml"
    earlier.write_text(earlier.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    calls = []
    original = kogsro.documents.session_docs.render_document

    def counting(*args: object, **kwargs: object) -> bytes:
        calls.append(args)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(kogsro.documents.session_docs, "render_document", counting)
    run_cli("invite", "2022-06-14", "-f", "md", "-o", "-")
    assert len(calls) == 1
    (cached / "templates").mkdir(exist_ok=True)
    (cached / "templates" / "invitation.md.j2").write_text("Eigene Vorlage {{ body.short }}\n")
    kogsro.documents.render.environment.cache_clear()  # a new process would start afresh
    _, after, _ = run_cli("invite", "2022-06-14", "-f", "md", "-o", "-")
    assert len(calls) == 2
    assert after.startswith("Eigene Vorlage") and after != before
    monkeypatch.setenv("KOGSRO_TODAY", "2022-06-02")
    run_cli("invite", "2022-06-14", "-f", "md", "-o", "-")
    assert len(calls) == 3
    run_cli("invite", "2022-06-14", "-f", "md", "-o", "-", "--lang", "en")
    run_cli("invite", "2022-06-14", "-f", "md", "-o", "-", "--public")
    assert len(calls) == 5


def test_warnings_are_repeated_from_the_cache(
    cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run_cli("minutes", "2022-09-13", "-f", "md", "-o", "-")
    assert code == 0 and "no attendance or outcomes" in err
    forbid_rendering(monkeypatch)
    code, _, err = run_cli("minutes", "2022-09-13", "-f", "md", "-o", "-")
    assert code == 0 and "no attendance or outcomes" in err


def test_a_human_file_is_protected_on_a_cache_hit(cached: Path) -> None:
    run_cli("minutes", "2022-06-14", "-f", "md", "-o", "-")
    mine = cached / "mine.md"
    mine.write_text("my notes\n")
    code, _, err = run_cli("minutes", "2022-06-14", "-f", "md", "-o", str(mine))
    assert code == 2 and "--force" in err
    assert mine.read_text() == "my notes\n"


def test_moved_output_folder_is_respected(cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = cached / "kogsro.yaml"
    text = config.read_text(encoding="utf-8").replace("  out: out ", "  out: dokumente ")
    config.write_text(text, encoding="utf-8")
    for _ in range(2):
        code, _, err = run_cli("minutes", "2022-06-14", "-f", "md")
        assert code == 0, err
    assert (cached / "dokumente" / "2022-06-14" / "minutes.md").is_file()
    assert not (cached / "out").exists()


def test_broken_cache_entries_are_ignored(cached: Path) -> None:
    _, first, _ = run_cli("minutes", "2022-06-14", "-f", "md", "-o", "-")
    for entry in (Path(cache.cache_dir())).rglob("documents-*/*/*"):
        entry.write_bytes(b"garbage")
    _, again, _ = run_cli("minutes", "2022-06-14", "-f", "md", "-o", "-")
    assert again == first


def test_no_cache_switch_and_unusable_folder(
    cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOGSRO_NO_CACHE", "1")
    assert cache.document_key(cached, {"a": 1}) is None
    monkeypatch.delenv("KOGSRO_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KOGSRO_CACHE_DIR", str(blocker))
    code, out, _ = run_cli("minutes", "2022-06-14", "-f", "md", "-o", "-")
    assert code == 0 and out


def test_keys_differ_by_request_and_content(cached: Path) -> None:
    one = cache.document_key(cached, {"document": "minutes", "format": "md"})
    two = cache.document_key(cached, {"document": "minutes", "format": "html"})
    assert one is not None and two is not None and one.digest != two.digest
    assert cache.document_key(cached, {"document": "minutes", "format": "md"}) == one
    (cached / "attendees.yaml").write_text("broken: [\n")
    three = cache.document_key(cached, {"document": "minutes", "format": "md"})
    assert three is not None and three.digest != one.digest


@pytest.mark.parametrize(
    ("config", "folders"),
    [
        (b"body: {name: B, short: b}\n", ("agendas", "templates", "out")),
        (
            b"paths:\n  agendas: a  # comment\n\n  out: dokumente\nrotation: []\n",
            ("a", "templates", "dokumente"),
        ),
        (b"paths: {out: x}\n", None),
        (b"paths:\n  out: 'x y'\n", None),
        (b"paths:\n  bogus: x\n", None),
        (b'"paths":\n  out: x\n', None),
        (b"paths:\n  out: x\npaths:\n  out: y\n", None),
    ],
)
def test_folders_are_read_conservatively(config: bytes, folders: tuple[str, ...] | None) -> None:
    found = cache._folders(config)
    if folders is None:
        assert found is None
    else:
        assert found == dict(zip(("agendas", "templates", "out"), folders, strict=True))


def test_renderer_warnings_are_shown_and_kept(cached: Path) -> None:
    path = cached / "agendas" / "2022-06-14.yaml"
    text = path.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: 👍 ", 1)
    path.write_text(text, encoding="utf-8")
    for _ in range(2):  # rendered, then from the cache
        code, _, err = run_cli(
            "minutes", "2022-06-14", "-f", "pdf", "-o", str(cached / "m.pdf"), "--force"
        )
        assert code == 0, err
        assert "warning: " in err and "no font at hand has 👍" in err
        assert "Traceback" not in err
