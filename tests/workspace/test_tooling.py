"""Working on a workspace in git and editors: JSON Schemas with a description for every field,
modelines, the pre-commit hook (with the real pre-commit in a temporary git repository), the
.gitignore and the CI pipelines (valid YAML whose commands run here in order)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from kogsro.workspace.schema import KINDS, MODELINE, json_schema
from tests.conftest import ROOT, run_cli

BIN = Path(sys.executable).parent


def env_with_kogsro(**extra: str) -> dict[str, str]:
    """The environment of a command run as a user would: kogsro on the PATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PYTEST_"))}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


# --- schemas -------------------------------------------------------------------------------


def all_properties(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    parts = [(schema["title"], schema), *schema.get("$defs", {}).items()]
    return [
        (name, key, prop)
        for name, part in parts
        for key, prop in part.get("properties", {}).items()
    ]


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_field_and_model_has_a_description(kind: str) -> None:
    schema = json_schema(kind)
    missing = [
        f"{name}.{key}" for name, key, prop in all_properties(schema) if not prop.get("description")
    ]
    assert missing == [], "describe them in kogsro/workspace/descriptions.py"
    parts = [schema, *schema.get("$defs", {}).values()]
    assert all(part.get("description") for part in parts if "properties" in part)


def test_schemas_are_valid_json_schemas_with_hover_texts() -> None:
    from jsonschema import Draft202012Validator

    for kind in KINDS:
        Draft202012Validator.check_schema(json_schema(kind))
    session = json_schema("session")
    assert "YYYY-MM-DD" in session["properties"]["date"]["description"]
    assert "Ö" in session["$defs"]["Item"]["properties"]["public"]["description"]
    config = json_schema("config")
    assert config["properties"]["site"]["description"]
    assert config["$defs"]["Mail"]["properties"]["from"]["description"]  # by its alias


def test_schema_write_refreshes_the_workspace_files(example: Path) -> None:
    code, out, err = run_cli("schema", "--write")
    assert code == 0, err
    folder = example / ".kogsro" / "schema"
    assert sorted(p.name for p in folder.iterdir()) == [
        "config.schema.json",
        "roster.schema.json",
        "session.schema.json",
    ]
    assert "wrote .kogsro/schema/session.schema.json" in out
    stale = folder / "session.schema.json"
    stale.write_text("{}", encoding="utf-8")
    assert run_cli("schema", "--write")[0] == 0
    assert json.loads(stale.read_text(encoding="utf-8")) == json_schema("session")


def test_new_names_the_schema_only_where_the_workspace_has_it(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOGSRO_TODAY", "2022-09-20")
    code, _, err = run_cli("new", "--date", "2022-10-11")
    assert code == 0, err
    first = (example / "agendas" / "2022-10-11.yaml").read_text(encoding="utf-8")
    assert MODELINE not in first
    assert run_cli("schema", "--write")[0] == 0
    code, _, err = run_cli("new", "--date", "2022-11-08")
    assert code == 0, err
    second = (example / "agendas" / "2022-11-08.yaml").read_text(encoding="utf-8")
    assert second.splitlines()[0] == f"{MODELINE}../.kogsro/schema/session.schema.json"
    assert run_cli("check")[0] == 0


# --- init ----------------------------------------------------------------------------------


def test_init_writes_schemas_modelines_gitignore_and_pre_commit(tmp_path: Path) -> None:
    target = tmp_path / "kog"
    code, out, err = run_cli("init", str(target), "--example")
    assert code == 0, err
    first_lines = {
        name: (target / name).read_text(encoding="utf-8").splitlines()[0]
        for name in ("kogsro.yaml", "attendees.yaml", "agendas/2022-06-14.yaml")
    }
    assert first_lines == {
        "kogsro.yaml": f"{MODELINE}.kogsro/schema/config.schema.json",
        "attendees.yaml": f"{MODELINE}.kogsro/schema/roster.schema.json",
        "agendas/2022-06-14.yaml": f"{MODELINE}../.kogsro/schema/session.schema.json",
    }
    for kind in KINDS:
        path = target / ".kogsro" / "schema" / f"{kind}.schema.json"
        assert json.loads(path.read_text(encoding="utf-8")) == json_schema(kind)
    ignore = (target / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/out/" in ignore and "/.kogsro/site/" in ignore
    hooks = yaml.safe_load((target / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks["repos"][0]["hooks"][0]["id"] == "kogsro-check"
    assert "created " in out and ".pre-commit-config.yaml" in out
    assert run_cli("-w", str(target), "check")[0] == 0


def test_init_keeps_a_gitignore_that_is_there(tmp_path: Path) -> None:
    target = tmp_path / "kog"
    target.mkdir()
    (target / ".gitignore").write_text("*.bak\n", encoding="utf-8")
    code, out, err = run_cli("init", str(target))
    assert code == 0, err
    assert (target / ".gitignore").read_text(encoding="utf-8") == "*.bak\n"
    assert ".gitignore" not in out


def test_init_refuses_an_unknown_ci(tmp_path: Path) -> None:
    code, _, err = run_cli("init", str(tmp_path / "kog"), "--ci", "jenkins")
    assert code == 2 and "--ci: unknown CI 'jenkins'" in err and "gitlab or github" in err
    assert not (tmp_path / "kog").exists()


# --- the pipelines -------------------------------------------------------------------------


def gitlab_commands(pipeline: dict[str, Any]) -> list[str]:
    """The commands of every job, stage by stage, with the default before_script."""
    before = pipeline["default"]["before_script"]
    commands = []
    for stage in pipeline["stages"]:
        for job in pipeline.values():
            if isinstance(job, dict) and job.get("stage") == stage:
                commands += [*job.get("before_script", before), *job["script"]]
    return commands


def github_commands(workflow: dict[str, Any]) -> list[str]:
    """The run steps of the jobs, each after the jobs it needs."""
    done: list[str] = []
    jobs = workflow["jobs"]
    while len(done) < len(jobs):
        for name, job in jobs.items():
            needs = job.get("needs", [])
            needs = [needs] if isinstance(needs, str) else needs
            if name not in done and all(n in done for n in needs):
                done.append(name)
    return [step["run"] for name in done for step in jobs[name]["steps"] if "run" in step]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("ci", "file", "folder"),
    [("gitlab", ".gitlab-ci.yml", "public"), ("github", ".github/workflows/kogsro.yml", "_site")],
)
def test_the_pipeline_is_valid_yaml_and_its_commands_run_in_order(
    tmp_path: Path, ci: str, file: str, folder: str
) -> None:
    target = tmp_path / "kog"
    code, _, err = run_cli("init", str(target), "--example", "--ci", ci)
    assert code == 0, err
    pipeline = yaml.safe_load((target / file).read_text(encoding="utf-8"))
    commands = gitlab_commands(pipeline) if ci == "gitlab" else github_commands(pipeline)
    install, *rest = commands
    assert install.startswith("pip install") and "KOGSRO_PACKAGE" in install
    assert rest == ["kogsro check", f"kogsro site -o {folder}"] or rest == [
        "kogsro check",
        'pip install --quiet "$KOGSRO_PACKAGE"',
        f"kogsro site -o {folder}",
    ]
    for command in rest:
        if command.startswith("pip install"):
            continue  # kogsro is installed here already
        result = subprocess.run(
            ["bash", "-c", command], cwd=target, env=env_with_kogsro(), capture_output=True
        )
        assert result.returncode == 0, (command, result.stderr.decode())
    assert (target / folder / "index.html").is_file()
    assert (target / folder / "sessions" / "2022-06-14.html").is_file()
    if ci == "github":
        deploy = pipeline["jobs"]["deploy"]
        assert deploy["needs"] == "site" and deploy["permissions"]["pages"] == "write"
        assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    else:
        assert pipeline["pages"]["artifacts"]["paths"] == ["public"]


# --- pre-commit ----------------------------------------------------------------------------


def git(folder: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=folder, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_refuses_a_broken_session_file(tmp_path: Path) -> None:
    if not (BIN / "pre-commit").is_file():
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    target = tmp_path / "kog"
    assert run_cli("init", str(target), "--example")[0] == 0
    env = env_with_kogsro(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        HOME=str(tmp_path),
        GIT_AUTHOR_NAME="Erika Beispiel",
        GIT_AUTHOR_EMAIL="erika.beispiel@example.org",
        GIT_COMMITTER_NAME="Erika Beispiel",
        GIT_COMMITTER_EMAIL="erika.beispiel@example.org",
    )
    assert git(target, "init", "-q", "-b", "main", env=env).returncode == 0
    installed = subprocess.run(
        [str(BIN / "pre-commit"), "install"], cwd=target, env=env, capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stderr
    git(target, "add", "-A", env=env)
    first = git(target, "commit", "-q", "-m", "Arbeitsbereich angelegt", env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "kogsro check" in first.stderr + first.stdout and "Passed" in first.stderr + first.stdout

    session = target / "agendas" / "2022-06-14.yaml"
    session.write_text(
        session.read_text(encoding="utf-8").replace("host: ba-sz", "host: ba-nirgendwo", 1),
        encoding="utf-8",
    )
    git(target, "add", "-A", env=env)
    refused = git(target, "commit", "-q", "-m", "Gastgeber geändert", env=env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert "Failed" in output
    assert "agendas/2022-06-14.yaml:" in output and "ba-nirgendwo" in output
    line = next(row for row in output.splitlines() if "agendas/2022-06-14.yaml:" in row)
    _, row, column, *_ = line.split(":")
    assert row.strip().isdigit() and column.strip().isdigit()
    log = git(target, "log", "--oneline", env=env).stdout.splitlines()
    assert len(log) == 1  # the broken commit did not happen


def test_the_shipped_hook_is_a_valid_pre_commit_manifest() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    hooks = clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    (hook,) = hooks
    assert hook["id"] == "kogsro-check" and hook["entry"] == "kogsro check"
    assert hook["pass_filenames"] is False
