"""Rendering the report context with jinja2 templates.

Built-in templates live in the package (`socius_cli/templates` in a wheel, the repository's
top-level `templates/` when running from source). A user's folder (`--template DIR`) is
searched first, so any built-in template can be overridden by a file of the same name:

  report.html.j2   the HTML report (also the source of the PDF)
  report.css       its style sheet, inlined into the HTML (screen, and the print layout:
                   pages, cover, contents, header and footer), in the house colours
  macros.html.j2   HTML pieces: cards, charts with their tables, tables, photos
  report.md.j2     the Markdown report
  macros.md.j2     Markdown pieces: tables, charts

Files of your own that these include must start with an underscore (`_logo.html.j2`);
any other unknown template file in the folder is an error (a misspelt override).

Every template gets one variable, `report`: a `ReportContext` (see `context.py`).
HTML templates autoescape; Markdown templates escape every `{{ ... }}` for Markdown
(`|`, brackets, `<`, ...), except values that are Markdown already (`MdSafe`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from socius_cli.errors import SociusError
from socius_cli.i18n import _
from socius_cli.report.escape import MdSafe, md_escape

TEMPLATES = ("report.html.j2", "report.css", "macros.html.j2", "report.md.j2", "macros.md.j2")


def builtin_template_dir() -> Path:
    """The built-in templates: inside the installed package, else the repository's."""
    import socius_cli

    packaged = Path(socius_cli.__file__).resolve().parent / "templates"
    if (packaged / "report.html.j2").is_file():
        return packaged
    source = Path(socius_cli.__file__).resolve().parents[2] / "templates"
    if (source / "report.html.j2").is_file():
        return source
    raise SociusError(_("the report templates are missing from this installation; reinstall socius"))


def check_template_dir(template_dir: Path) -> None:
    """Fail early (one line) on a missing folder or a misspelt template name in it."""
    template_dir = Path(template_dir)
    if not template_dir.is_dir():
        raise SociusError(_("template folder not found: {folder}").format(folder=template_dir))
    unknown = sorted(p.name for p in template_dir.iterdir()
                     if p.is_file() and p.name not in TEMPLATES
                     and p.suffix in (".j2", ".css") and not p.name.startswith("_"))
    if unknown:
        raise SociusError(_(
            "unknown template {name} in {folder}; socius uses {names} (name your own partials _something)").format(
            name=unknown[0], folder=template_dir, names=", ".join(TEMPLATES)))


def _environment(kind: str, template_dir: Path | None) -> Any:
    import jinja2

    dirs = []
    if template_dir is not None:
        check_template_dir(template_dir)
        dirs.append(str(template_dir))
    dirs.append(str(builtin_template_dir()))
    loader = jinja2.FileSystemLoader(dirs)
    if kind == "html":
        env = jinja2.Environment(loader=loader, autoescape=True,
                                 undefined=jinja2.StrictUndefined,
                                 trim_blocks=True, lstrip_blocks=True)
        env.filters["css_content"] = css_content
    else:
        env = jinja2.Environment(loader=loader, autoescape=False,
                                 undefined=jinja2.StrictUndefined,
                                 trim_blocks=True, lstrip_blocks=True,
                                 keep_trailing_newline=True,
                                 finalize=lambda v: v if isinstance(v, MdSafe)
                                 else md_escape("" if v is None else v))
        env.filters["md"] = md_escape
        env.filters["markdown"] = lambda s: MdSafe(s or "")
        env.filters["md_table"] = md_table
        env.filters["md_targets"] = md_targets
        env.filters["url"] = lambda u: MdSafe(
            str(u).replace(" ", "%20").replace("(", "%28").replace(")", "%29"))
    return env


def render(name: str, context: Any, template_dir: Path | None = None) -> str:
    """Render template `name` with `report=context`; template problems are one-line errors."""
    import jinja2

    kind = "html" if name.endswith((".html.j2", ".css")) else "md"
    env = _environment(kind, template_dir)
    try:
        return env.get_template(name).render(report=context)
    except jinja2.TemplateSyntaxError as e:
        where = e.filename or e.name
        raise SociusError(_("template {name}, line {line}: {problem}").format(
            name=where, line=e.lineno, problem=e.message)) from None
    except jinja2.TemplateNotFound as e:
        raise SociusError(_("template not found: {name}").format(name=e.name)) from None
    except jinja2.UndefinedError as e:
        raise SociusError(_("template {name}: {problem}").format(name=name, problem=e.message)) from None


def css_string(text: str) -> str:
    """`text` as a quoted CSS string: anything but letters, digits and spaces is escaped
    (`\\27 ` for '), so no text can end the string or the style sheet."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in str(text)) + '"'


def css_content(label: str) -> Any:
    """A label with `{page}` and `{pages}` fields ("pagina {page} van {pages}") as the value
    of a CSS `content` property: the text quoted, the fields as page counters."""
    import re

    from markupsafe import Markup

    parts = []
    for i, piece in enumerate(re.split(r"\{(page|pages)\}", str(label))):
        if i % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts) or '""')


def md_table(table: Any) -> MdSafe:
    """A GitHub-flavoured Markdown table: first column left, figures right-aligned."""
    header = [md_escape(h) for h in table.header]
    lines = ["| " + " | ".join(header) + " |",
             "| " + " | ".join([":---"] + ["---:"] * (len(header) - 1)) + " |"]
    for row in table.rows:
        lines.append("| " + " | ".join(md_escape(c.text) for c in row) + " |")
    return MdSafe("\n".join(lines))


def md_targets(group: Any, header: list[str]) -> MdSafe:
    """The targets of one goal (`context.TargetGroup`) as a Markdown table under `header`."""
    from types import SimpleNamespace

    return md_table(SimpleNamespace(header=header, rows=[row.cells for row in group.rows]))
