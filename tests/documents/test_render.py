"""The rendering core: sandboxed environments, escaping that no template can get around, the
search path, errors naming the template file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from markupsafe import Markup

from kogsro.documents.render import (
    FORMATS,
    _template_cache,
    builtin_templates_dir,
    common_context,
    copy_template,
    environment,
    link_target,
    list_templates,
    render_template,
    template_dirs,
    to_output,
)
from kogsro.errors import OutputExists, TemplateError, UsageError
from kogsro.workspace.loader import Workspace, load_workspace
from tests.conftest import ROOT, build_file_tree

HOSTILE = '#read("/etc/passwd") <b>*x*</b> & $ @a \\ "q"'
ESCAPED = {
    "html": "#read(&#34;/etc/passwd&#34;) &lt;b&gt;*x*&lt;/b&gt; &amp; $ @a \\ &#34;q&#34;",
    "md": '\\#read("/etc/passwd") \\<b\\>\\*x\\*\\</b\\> \\& \\$ @a \\\\ "q"',
    "typ": '\\#read\\(\\"\\/etc\\/passwd\\"\\) \\<b\\>\\*x\\*\\<\\/b\\> \\& \\$ \\@a \\\\ \\"q\\"',
    "yaml": '"#read(\\"/etc/passwd\\") <b>*x*</b> & $ @a \\\\ \\"q\\""',
    "txt": HOSTILE,
}


def render_string(flavour: str, source: str, **context: Any) -> str:
    """Render ``source`` as a template file of the flavour in a fresh folder."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="kogsro-tpl-"))
    (folder / f"t.{flavour}.j2").write_text(source, "utf-8")
    return environment(flavour, (folder,)).get_template(f"t.{flavour}.j2").render(context)


# --- escaping: every way a template can put a value into its output ------------------------------


@pytest.mark.parametrize("flavour", sorted(ESCAPED))
def test_every_interpolation_is_escaped_by_the_flavour(flavour: str) -> None:
    expected = ESCAPED[flavour]
    assert render_string(flavour, "{{ v }}", v=HOSTILE) == expected
    assert render_string(flavour, "{{ v|e }}", v=HOSTILE) == expected
    assert render_string(flavour, "{{ v|escape }}", v=HOSTILE) == expected


@pytest.mark.parametrize("flavour", ["md", "typ", "yaml"])
def test_markup_built_by_the_template_escapes_with_the_flavour_not_html(flavour: str) -> None:
    expected = ESCAPED[flavour]
    source = (
        "{% macro m(x) %}[{{ x }}]{% endmacro %}"
        "{% set block %}{{ v }}{% endset %}"
        "1{{ m(v) ~ v }}|2{{ m(v) + v }}|3{{ [m(v), v]|join(',') }}|4{{ block ~ v }}"
        "|5{{ v ~ m(v) }}|6{{ m('') ~ v|replace('x', m('y')) }}"
    )
    out = render_string(flavour, source, v=HOSTILE)
    parts = {part[0]: part[1:] for part in out.split("|")}
    assert parts["1"] == f"[{expected}]{expected}"
    assert parts["2"] == f"[{expected}]{expected}"
    assert parts["3"] == f"[{expected}],{expected}"
    assert parts["4"] == f"{expected}{expected}"
    assert parts["5"] == f"{expected}[{expected}]"
    if flavour != "yaml":
        assert parts["6"].startswith("[]") and "[y]" in parts["6"]
    assert "&lt;" not in out and "&#34;" not in out


def test_only_safe_marks_trusted_markup() -> None:
    assert render_string("typ", "{{ v|safe }}", v="#strong[x]") == "#strong[x]"
    assert render_string("md", "{{ '**x**'|safe }}") == "**x**"
    assert render_string("md", "{{ '**x**' }}") == "\\*\\*x\\*\\*"  # literals are data too


def test_autoescape_off_does_not_switch_escaping_off() -> None:
    out = render_string("typ", "{% autoescape false %}{{ v }}{% endautoescape %}", v="#eval(1)")
    assert out == "\\#eval\\(1\\)"


def test_tojson_and_none() -> None:
    assert render_string("md", "{{ v|tojson }}", v={"a": "*"}) == '{"a": "\\*"}'
    assert render_string("typ", "{{ v|tojson }}", v="#x") == '\\"\\#x\\"'
    assert render_string("html", "[{{ none }}]") == "[]"
    assert render_string("md", "[{{ v }}]", v=None) == "[]"


@pytest.mark.parametrize("name", ["urlize", "xmlattr"])
def test_html_building_filters_are_not_in_other_flavours(name: str) -> None:
    import jinja2

    template = f"{{{{ v|{name} }}}}"
    value = {"a": "x"} if name == "xmlattr" else "x"
    for flavour in ("typ", "md", "txt"):
        with pytest.raises(jinja2.TemplateAssertionError, match=f"No filter named '{name}'"):
            render_string(flavour, template, v=value)
    assert "x" in render_string("html", template, v=value)  # HTML has them


def test_fill_keeps_markup_values_and_escapes_the_rest() -> None:
    source = (
        "{% set link %}#link({{ url|typst_str }})[{{ url }}]{% endset %}"
        "{{ 'Rückmeldung an {contact}.'|fill(contact=link) }}"
        "{{ 'Text: {x}'|fill(x=v) }}"
    )
    out = render_string("typ", source, url="mailto:a@b.org", v="#x")
    assert out == (
        'Rückmeldung an #link("mailto:a\\u{40}b.org")[mailto\\:a\\@b\\.org]\\.Text\\: \\#x'
    )


def test_yaml_templates_write_values_that_read_back() -> None:
    values = {"title": 'TOP "1": ja\nnein', "flag": True, "n": 5, "empty": None, "time": "10:00"}
    source = "".join(f"{key}: {{{{ v.{key} }}}}\n" for key in values)
    assert yaml.safe_load(render_string("yaml", source, v=values)) == values


# --- the sandbox and strict undefined -----------------------------------------------------------


def test_undefined_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, {"templates/x.md.j2": "line one\n{{ nope }}\n"})
    with pytest.raises(TemplateError) as caught:
        render_template(ws, "x.md.j2", {}, flavour="md")
    assert "templates/x.md.j2:2: undefined:" in caught.value.message
    assert "'nope' is undefined" in caught.value.message


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, {"templates/x.html.j2": "<p>\n\n{% if %}\n"})
    with pytest.raises(TemplateError) as caught:
        render_template(ws, "x.html.j2", {}, flavour="html")
    assert "templates/x.html.j2:3: Expected an expression" in caught.value.message


def test_error_in_an_included_template_names_that_file(tmp_path: Path) -> None:
    ws = _workspace(
        tmp_path,
        {
            "templates/x.md.j2": "{% include 'part.md.j2' %}\n",
            "templates/part.md.j2": "a\nb\n{{ 1 / 0 }}\n",
        },
    )
    with pytest.raises(TemplateError, match=r"templates/part\.md\.j2:3: ZeroDivisionError"):
        render_template(ws, "x.md.j2", {}, flavour="md")


def test_sandbox_refuses_unsafe_access(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, {"templates/x.md.j2": "{{ ''.__class__.__mro__ }}\n"})
    with pytest.raises(TemplateError, match=r"x\.md\.j2:1"):
        render_template(ws, "x.md.j2", {}, flavour="md")
    ws = _workspace(tmp_path, {"templates/y.md.j2": "{% set l = [1] %}{{ l.append(2) }}\n"})
    with pytest.raises(TemplateError, match="not allowed in a template"):
        render_template(ws, "y.md.j2", {}, flavour="md")


def test_missing_template(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, {})
    with pytest.raises(TemplateError, match=r"template 'nothing\.md\.j2' not found"):
        render_template(ws, "nothing.md.j2", {}, flavour="md")


def test_unknown_flavour(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="no escaping rule"):
        render_template(_workspace(tmp_path, {}), "x.docx.j2", {}, flavour="docx")


# --- the search path -----------------------------------------------------------------------------


def test_search_path_puts_the_workspace_first(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, {})
    assert template_dirs(ws) == [ws.templates_dir, builtin_templates_dir()]
    assert template_dirs(None) == [builtin_templates_dir()]
    assert builtin_templates_dir() == ROOT / "templates"


def test_the_repository_as_workspace_has_one_templates_folder() -> None:
    ws = load_workspace(ROOT)
    assert template_dirs(ws) == [builtin_templates_dir()]


def test_workspace_file_overrides_built_in_by_name(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, {"templates/attendance.md.j2": "mine {{ x }}\n"})
    assert render_template(ws, "attendance.md.j2", {"x": "*"}, flavour="md") == "mine \\*\n"


def test_list_templates_shows_origin_and_overrides(tmp_path: Path) -> None:
    ws = _workspace(
        tmp_path,
        {
            "templates/minutes.md.j2": "x",
            "templates/extra.md.j2": "y",
            "templates/assets/logo.svg": "<svg/>",
        },
    )
    infos = {(i.name, i.origin): i for i in list_templates(ws)}
    assert infos[("minutes.md.j2", "workspace")].overrides
    assert infos[("minutes.md.j2", "built-in")].overridden
    assert not infos[("extra.md.j2", "workspace")].overrides
    assert ("assets/logo.svg", "workspace") in infos
    assert not infos[("invitation.typ.j2", "built-in")].overridden
    names = [i.name for i in list_templates(ws)]
    assert names.index("assets/logo.svg") == len(names) - 1  # assets after the templates


def test_every_document_has_a_built_in_template_per_format() -> None:
    names = {info.name for info in list_templates(None)}
    for kind in ("invitation", "minutes", "attendance"):
        for fmt in ("md", "html", "pdf"):
            assert f"{kind}.{FORMATS[fmt]}.j2" in names


def test_copy_template(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, {})
    target = copy_template(ws, "minutes.typ")
    assert target == ws.templates_dir / "minutes.typ.j2"
    assert target.read_bytes() == (builtin_templates_dir() / "minutes.typ.j2").read_bytes()
    target.write_text("mine", "utf-8")
    with pytest.raises(OutputExists):
        copy_template(ws, "minutes.typ.j2")
    assert target.read_text("utf-8") == "mine"
    copy_template(ws, "minutes.typ.j2", force=True)
    assert target.read_text("utf-8") != "mine"


def test_copy_unknown_template_suggests_names(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        copy_template(_workspace(tmp_path, {}), "minute.md.j2")
    assert caught.value.hint is not None
    assert caught.value.hint.startswith("did you mean minutes.md.j2")


# --- helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/x", "https://example.org/x"),
        ("  mailto:a@b.org ", "mailto:a@b.org"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT:alert(1)", None),
        ("data:text/html,x", None),
        ("file:///etc/passwd", None),
        ("mein.berlin.de", None),
        (None, None),
    ],
)
def test_link_target(url: str | None, link: str | None) -> None:
    assert link_target(url) == link


def test_common_context(example: Path) -> None:
    ws = load_workspace(example)
    context = common_context(ws, lang="en", public=True)
    assert context["t"]["agenda"] == "Agenda"
    assert context["body"]["email"] is None
    assert context["generated"]["date"] == "Wednesday, 1 June 2022"  # SOURCE_DATE_EPOCH in Berlin
    assert context["date"]("2022-06-14", "long") == "14 June 2022"
    assert context["phrase"]("page_of", page=1, pages=2) == "Page 1 of 2"
    assert common_context(ws, lang="de", public=False)["body"]["email"] == "kog-sro@example.org"


def test_to_output_tidies_markdown_and_encodes_text() -> None:
    assert to_output("# A\n\n\n\nb  \n", "md", title="t", lang="de") == b"# A\n\nb\n"
    assert to_output("<p>ä</p>", "html", title="t", lang="de") == "<p>ä</p>".encode()
    assert to_output("Hallo", "pdf", title="t", lang="de").startswith(b"%PDF")


def test_compiled_templates_are_cached_and_checked_against_their_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOGSRO_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "t.md.j2").write_text("one {{ v }}", "utf-8")
    assert environment("md", (folder,)).get_template("t.md.j2").render(v="*") == "one \\*"
    cached = list((tmp_path / "cache").rglob("*.cache"))
    assert len(cached) == 1
    environment.cache_clear()
    (folder / "t.md.j2").write_text("two {{ v }}", "utf-8")
    assert environment("md", (folder,)).get_template("t.md.j2").render(v="*") == "two \\*"


def test_an_unusable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "file").write_text("", "utf-8")
    monkeypatch.setenv("KOGSRO_CACHE_DIR", str(tmp_path / "file"))
    assert _template_cache() is None
    readonly = tmp_path / "ro"
    monkeypatch.setenv("KOGSRO_CACHE_DIR", str(readonly))
    cache = _template_cache()
    assert cache is not None
    for folder in readonly.iterdir():
        folder.chmod(0o500)
    environment.cache_clear()
    assert render_string("md", "{{ v }}", v="_") == "\\_"


def _workspace(root: Path, files: dict[str, str]) -> Workspace:
    base = {
        "kogsro.yaml": "body: {name: Test, short: T}\n",
        "attendees.yaml": "organisations: [{id: o, name: O}]\n",
    }
    build_file_tree(root, {**base, **files})
    return load_workspace(root)


def test_markup_values_pass_unchanged() -> None:
    assert render_string("typ", "{{ v }}", v=Markup("#strong[ok]")) == "#strong[ok]"
