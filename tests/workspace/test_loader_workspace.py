"""Finding the workspace, references between files, resolving SESSION arguments."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kogsro.errors import InputError, UsageError, WorkspaceNotFound
from kogsro.workspace.loader import find_root, load_with_problems, load_workspace, resolve_session

Tree = Callable[[dict[str, str]], Path]

BODY = "body: {name: Testgremium, short: TG}\nrotation: [ba-a, ba-b]\n"
ROSTER = """
organisations:
  - {id: ba-a, name: Bezirksamt A, short: A, kind: district}
  - {id: ba-b, name: Bezirksamt B, short: B, kind: district}
people:
  - {id: p-a, name: Erika Beispiel, organisation: ba-a, member: true}
  - {id: p-b, name: Max Mustermann, organisation: ba-b, member: true}
"""


def small(tree: Tree, **sessions: str) -> Path:
    files = {"kogsro.yaml": BODY, "attendees.yaml": ROSTER}
    files.update({f"agendas/{name}.yaml": text for name, text in sessions.items()})
    return tree(files)


def test_example_workspace_is_clean(example: Path) -> None:
    ws = load_workspace(example)
    assert [s.id for s in ws.sessions] == sorted(s.id for s in ws.sessions)
    assert len(ws.organisations) >= 15
    assert sum(1 for p in ws.roster.people if p.member) >= 13
    june = ws.session("2022-06-14")
    assert june.host == "ba-sz"
    assert june.location is None or "Gutshaus" in june.location.name


def test_find_root_walks_up(tree: Tree) -> None:
    root = small(tree)
    deep = root / "agendas" / "x" / "y"
    deep.mkdir(parents=True)
    assert find_root(deep) == root.resolve()


def test_find_root_explicit_and_environment(
    tree: Tree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small(tree)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert find_root(elsewhere, explicit=root) == root.resolve()
    assert find_root(elsewhere, explicit=root / "kogsro.yaml") == root.resolve()
    monkeypatch.setenv("KOGSRO_WORKSPACE", str(root))
    assert find_root(elsewhere) == root.resolve()
    with pytest.raises(WorkspaceNotFound):
        find_root(elsewhere, explicit=elsewhere)


def test_no_workspace(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceNotFound) as info:
        find_root(tmp_path)
    assert info.value.hint and "kogsro init" in info.value.hint


def test_unknown_references_are_located_with_a_hint(tree: Tree) -> None:
    root = small(
        tree,
        **{
            "2022-06-14": """
            date: 2022-06-14
            host: ba-c
            chair: p-x
            guests: [ba-b, nobody]
            items:
              - title: T
                presenters: [p-a, p-bb]
                actions:
                  - {task: Do, owner: ghost}
            attendance: {present: [p-a, p-a], excused: [p-a]}
            minutes_by: p-z
            """
        },
    )
    _, problems = load_with_problems(root)
    text = "\n".join(str(p) for p in problems)
    assert "agendas/2022-06-14.yaml:2:7: unknown organisation 'ba-c'" in text
    assert "unknown organisation or person 'p-x'" in text
    assert "unknown organisation or person 'nobody'" in text
    assert "did you mean 'p-b'?" in text
    assert "unknown organisation or person 'ghost'" in text
    assert "listed twice" in text
    assert "both present and excused" in text
    assert "'p-z'" in text
    assert all(p.line > 0 for p in problems)


def test_roster_problems(tree: Tree) -> None:
    root = tree(
        {
            "kogsro.yaml": BODY.replace("ba-b]", "ba-zz]"),
            "attendees.yaml": ROSTER + "  - {id: ba-a, name: Dup, organisation: ba-q}\n",
        }
    )
    _, problems = load_with_problems(root)
    text = "\n".join(str(p) for p in problems)
    assert "duplicate id 'ba-a'" in text
    assert "unknown organisation 'ba-q'" in text
    assert "kogsro.yaml:2:" in text and "'ba-zz'" in text


def test_file_name_must_match_date_and_be_an_id(tree: Tree) -> None:
    root = small(tree, **{"2022-06-15": "date: 2022-06-14\nhost: ba-a\n"})
    (root / "agendas" / "Bad Name.yaml").write_text("date: 2022-06-14\nhost: ba-a\n")
    _, problems = load_with_problems(root)
    text = "\n".join(str(p) for p in problems)
    assert "does not match the file name" in text
    assert "is not a valid session id" in text


def test_load_workspace_raises_with_every_problem(tree: Tree) -> None:
    root = small(tree, a="date: 2022-13-01\nhost: ba-a\n", b="date: 2022-01-01\nhost: nope\n")
    with pytest.raises(InputError) as info:
        load_workspace(root)
    files = {Path(p.file).relative_to(root).as_posix() for p in info.value.problems}
    assert files == {"agendas/a.yaml", "agendas/b.yaml"}


def test_resolve_session(tree: Tree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = small(
        tree,
        **{
            "2022-03-01": "date: 2022-03-01\nhost: ba-a\n",
            "2022-06-14": "date: 2022-06-14\nhost: ba-b\n",
            "2022-09-13": "date: 2022-09-13\nhost: ba-a\nstatus: cancelled\n",
            "2022-10-11": "date: 2022-10-11\nhost: ba-a\n",
        },
    )
    monkeypatch.chdir(root)
    ws = load_workspace(root)
    from datetime import date

    assert resolve_session(ws, "next", today=date(2022, 6, 1)).id == "2022-06-14"
    assert resolve_session(ws, "next", today=date(2022, 7, 1)).id == "2022-10-11"  # skips cancelled
    assert resolve_session(ws, "last", today=date(2022, 7, 1)).id == "2022-06-14"
    assert resolve_session(ws, "agendas/2022-03-01.yaml").id == "2022-03-01"
    assert resolve_session(ws, str(root / "agendas" / "2022-03-01.yaml")).id == "2022-03-01"
    with pytest.raises(UsageError) as info:
        resolve_session(ws, "2022-06-15")
    assert info.value.hint and "2022-06-14" in info.value.hint
    with pytest.raises(UsageError):
        resolve_session(ws, "next", today=date(2023, 1, 1))
    with pytest.raises(UsageError):
        resolve_session(ws, "last", today=date(2021, 1, 1))
    with pytest.raises(UsageError):
        resolve_session(ws, "agendas/none.yaml")
