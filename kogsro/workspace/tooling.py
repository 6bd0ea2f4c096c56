"""What a workspace needs besides its YAML files to be worked on together in git: the JSON
Schemas for editors, a pre-commit hook that runs ``kogsro check``, a ``.gitignore``, and a CI
pipeline that checks the workspace and publishes its website (GitLab Pages, GitHub Pages).

``kogsro init`` writes them. Each file is written only when it is not there yet (or with
``force``): a ``.gitignore`` or a pipeline someone already wrote is theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kogsro import __version__
from kogsro.errors import UsageError

CiKind = Literal["gitlab", "github"]
CI_KINDS: tuple[CiKind, ...] = ("gitlab", "github")
CI_FILES: dict[CiKind, str] = {
    "gitlab": ".gitlab-ci.yml",
    "github": ".github/workflows/kogsro.yml",
}
GITIGNORE = ".gitignore"
PRE_COMMIT_CONFIG = ".pre-commit-config.yaml"

GITIGNORE_TEXT = """\
# Made again from the YAML files at any time: rendered documents, the website, caches.
/out/
/public/
/_site/
/.kogsro/site/
.cache/
__pycache__/
"""

PRE_COMMIT_TEXT = """\
# pre-commit (https://pre-commit.com): after `pre-commit install` every commit runs
# `kogsro check`; a broken file is refused with file:line:col and the commit does not happen.
# The hook runs the kogsro installed on the machine (language: system).
repos:
  - repo: local
    hooks:
      - id: kogsro-check
        name: kogsro check
        entry: kogsro check
        language: system
        files: \\.ya?ml$
        pass_filenames: false
"""

GITLAB_TEXT = """\
# Checks the workspace on every push and publishes its website with GitLab Pages from the
# default branch. KOGSRO_PACKAGE is what pip installs: a version, or "kogsro @ git+https://...".
# Add a daily pipeline schedule so that the start page's next sessions stay current.
variables:
  KOGSRO_PACKAGE: "kogsro=={version}"
  PIP_CACHE_DIR: "$CI_PROJECT_DIR/.cache/pip"

image: python:3.12-slim

cache:
  paths:
    - .cache/pip

stages:
  - check
  - publish

default:
  before_script:
    - pip install --quiet "$KOGSRO_PACKAGE"

check:
  stage: check
  script:
    - kogsro check

pages:
  stage: publish
  script:
    - kogsro site -o public
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
"""

GITHUB_TEXT = """\
# Checks the workspace on every push and publishes its website with GitHub Pages from the
# default branch (Settings > Pages > Source: GitHub Actions). KOGSRO_PACKAGE is what pip
# installs: a version, or "kogsro @ git+https://...". The daily run keeps the start page's
# next sessions current.
name: kogsro

on:
  push:
  pull_request:
  schedule:
    - cron: "0 4 * * *"
  workflow_dispatch:

permissions:
  contents: read

env:
  KOGSRO_PACKAGE: "kogsro=={version}"

jobs:
  site:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install kogsro
        run: pip install --quiet "$KOGSRO_PACKAGE"
      - name: Check the workspace
        run: kogsro check
      - name: Build the website
        run: kogsro site -o _site
      - uses: actions/upload-pages-artifact@v3
        with:
          path: _site

  deploy:
    if: github.ref == format('refs/heads/{{0}}', github.event.repository.default_branch)
    needs: site
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""


@dataclass(frozen=True, slots=True)
class Written:
    created: list[Path]
    kept: list[Path]  # already there, left alone


def check_ci(kind: str | None) -> CiKind | None:
    if kind is None:
        return None
    if kind not in CI_KINDS:
        raise UsageError(f"unknown CI {kind!r}", hint="use gitlab or github", option="ci")
    return kind


def ci_text(kind: CiKind) -> str:
    """The pipeline of ``kind``, installing this version of kogsro."""
    template = GITLAB_TEXT if kind == "gitlab" else GITHUB_TEXT
    return template.format(version=__version__)


def repository_files(ci: CiKind | None = None) -> dict[str, str]:
    """The files ``kogsro init`` adds for working in git, by path in the workspace."""
    files = {GITIGNORE: GITIGNORE_TEXT, PRE_COMMIT_CONFIG: PRE_COMMIT_TEXT}
    if ci is not None:
        files[CI_FILES[ci]] = ci_text(ci)
    return files


def write_repository_files(root: Path, *, ci: CiKind | None = None, force: bool = False) -> Written:
    """Write the schemas (always: they are kogsro's own), and the git files where missing."""
    from kogsro.fsio import write_atomic
    from kogsro.workspace.schema import write_schema_files

    created = write_schema_files(root)
    kept = []
    for name, text in repository_files(ci).items():
        path = root / name
        if path.exists() and not force:
            kept.append(path)
            continue
        write_atomic(path, text)
        created.append(path)
    return Written(created, kept)
