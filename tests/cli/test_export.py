"""`kogsro export oparl` through the Typer app: folders, standard output, options, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kogsro.formats.oparl import LISTS
from tests.conftest import run_cli
from tests.oparl_validation import requires_schemas, validate_list, validate_object


def read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def json_files(folder: Path) -> dict[str, Any]:
    return {p.relative_to(folder).as_posix(): read(p) for p in sorted(folder.rglob("*.json"))}


def test_help() -> None:
    code, out, _ = run_cli("--help")
    assert code == 0 and "export" in out
    code, out, _ = run_cli("export", "--help")
    assert code == 0 and "oparl" in out
    code, out, _ = run_cli("export", "oparl", "--help")
    assert code == 0
    for option in ("--output", "--base-url", "--public", "--internal", "--force", "--json"):
        assert option in out


@requires_schemas
def test_export_writes_a_static_api_into_out(example: Path) -> None:
    code, out, err = run_cli("export", "oparl")
    assert code == 0, err
    folder = example / "out" / "oparl"
    assert out.startswith("wrote ") and "out/oparl" in out and "public" in out
    files = json_files(folder)
    assert {f"{name}.json" for name in LISTS} | {"system.json", "body.json"} <= set(files)
    base = "https://example.org/oparl/v1.1"
    for name, value in files.items():
        stem = name.removesuffix(".json")
        if stem in LISTS:
            validate_list(value, f"{base}/{stem}")
        else:
            validate_object(value)
            assert value["id"] == f"{base}/{stem}"  # every object at its id
    assert "meeting/2022-06-14.json" in files
    assert "agendaitem/2022-06-14-top5.json" not in files  # not public
    assert not any("@" in value for value in _strings(files["persons.json"]))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_internal_export_has_its_own_default_folder(example: Path) -> None:
    code, out, err = run_cli("export", "oparl", "--internal")
    assert code == 0, err
    assert "out/oparl-internal" in out and "internal" in out
    folder = example / "out" / "oparl-internal"
    assert read(folder / "agendaitem" / "2022-06-14-top5.json")["public"] is False
    assert read(folder / "person" / "spk-sz.json")["email"] == ["erika.beispiel@example.org"]
    assert not (example / "out" / "oparl").exists()


def test_standard_output_is_one_document(example: Path) -> None:
    code, out, err = run_cli("export", "oparl", "-o", "-")
    assert code == 0, err
    document = json.loads(out)
    assert set(document) == {"system", *LISTS}
    assert document["system"]["type"] == "https://schema.oparl.org/1.1/System"
    assert len(document["meetings"]["data"]) == len(list((example / "agendas").glob("*.yaml")))
    assert not (example / "out").exists()


def test_base_url_option(example: Path) -> None:
    code, out, err = run_cli(
        "export", "oparl", "-o", "-", "--base-url", "https://ris.example.org/kog/"
    )
    assert code == 0, err
    document = json.loads(out)
    assert document["system"]["id"] == "https://ris.example.org/kog/system"
    assert "https://example.org/oparl" not in out
    code, out, err = run_cli("export", "oparl", "--base-url", "https://ris.example.org/kog")
    assert code == 0, err
    files = json_files(example / "out" / "oparl")
    assert (
        files["meeting/2022-06-14.json"]["id"] == "https://ris.example.org/kog/meeting/2022-06-14"
    )


def test_bad_base_url_is_exit_2_and_writes_nothing(example: Path) -> None:
    code, out, err = run_cli("export", "oparl", "--base-url", "example.org/oparl")
    assert code == 2
    assert "error: --base-url: 'example.org/oparl' is not an absolute http(s) URL" in err
    assert "hint: for example https://" in err
    assert "Traceback" not in out + err
    assert not (example / "out").exists()


def test_bad_language_is_exit_2(example: Path) -> None:
    code, _, err = run_cli("export", "oparl", "--lang", "fr")
    assert code == 2 and "unknown language 'fr'" in err


def test_english(example: Path) -> None:
    code, out, err = run_cli("export", "oparl", "-o", "-", "--lang", "en")
    assert code == 0, err
    document = json.loads(out)
    assert document["legislativeterms"]["data"][0]["name"] == "Session year 2022"


def test_bad_input_is_reported_and_nothing_written(example: Path) -> None:
    session = example / "agendas" / "2022-09-13.yaml"
    session.write_text(session.read_text("utf-8").replace("host: ba-ts", "host: ba-xx"), "utf-8")
    code, out, err = run_cli("export", "oparl")
    assert code == 2
    assert "agendas/2022-09-13.yaml:" in err and "unknown organisation 'ba-xx'" in err
    assert "Traceback" not in out + err
    assert not (example / "out").exists()


def test_a_folder_outside_out_needs_force(example: Path) -> None:
    code, _, err = run_cli("export", "oparl", "-o", "public")
    assert code == 0, err
    before = (example / "public" / "system.json").read_bytes()
    code, _, err = run_cli("export", "oparl", "-o", "public", "--base-url", "https://x.example.org")
    assert code == 2
    assert "public: already exists, not overwritten" in err
    assert "pass --force to replace them" in err
    assert (example / "public" / "system.json").read_bytes() == before
    code, _, err = run_cli(
        "export", "oparl", "-o", "public", "--base-url", "https://x.example.org", "--force"
    )
    assert code == 0, err
    assert read(example / "public" / "system.json")["id"] == "https://x.example.org/system"


def test_output_that_is_a_file_is_exit_2(example: Path) -> None:
    (example / "taken.json").write_text("{}", encoding="utf-8")
    code, _, err = run_cli("export", "oparl", "-o", "taken.json")
    assert code == 2 and "taken.json: is not a folder" in err
    assert (example / "taken.json").read_text(encoding="utf-8") == "{}"


def test_outdated_files_are_removed(example: Path) -> None:
    assert run_cli("export", "oparl")[0] == 0
    folder = example / "out" / "oparl"
    assert (folder / "meeting" / "2022-09-13.json").exists()
    outdated = [
        *folder.glob("meeting/2022-09-13.json"),
        *folder.glob("agendaitem/2022-09-13-top*.json"),
        *folder.glob("file/2022-09-13-top*.json"),
    ]
    assert len(outdated) > 2
    meetings = len(list(folder.glob("meeting/*.json")))
    (example / "agendas" / "2022-09-13.yaml").unlink()
    code, out, err = run_cli("export", "oparl", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["removed"] == len(outdated)  # the meeting and its agenda items
    assert summary["objects"]["meetings"] == meetings - 1
    assert summary["public"] is True
    assert summary["files"] == len(list(folder.rglob("*.json")))
    assert not any(path.exists() for path in outdated)
    code, out, _ = run_cli("export", "oparl")
    assert code == 0 and "removed" not in out
