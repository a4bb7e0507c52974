"""The progress report (voortgangsrapport): HTML, PDF, Markdown and an Excel workbook.

`write_report` renders the figures of one year (the contract's JSON shape), optionally
compared with the previous year, and merged with the staff's own text.

Outputs
-------
- html: one self-contained file (style sheet, SVG charts and photos inline; it makes no
  request to any other host), with a print style sheet for A4.
- pdf: the same HTML, rendered by WeasyPrint from its print style sheet: a cover, a contents
  page with page numbers, running header and footer (see templates/report.css).
- md: GitHub-flavoured Markdown; its charts (SVG) and photos are written to a folder next
  to it named after the report, `<name>_files/` (`voortgangsrapport-2020_files/`), and
  linked relatively.
- xlsx: the figures as a workbook, one sheet per section, numbers as numbers.

The editorial text (`--text FILE`)
----------------------------------
A UTF-8 Markdown file (CommonMark plus tables and ~~strikethrough~~) written by the staff.
When `--text` is not given, socius looks in the working directory for `tekst-YEAR.md`,
then `text-YEAR.md` (e.g. `tekst-2020.md`), and uses none if neither exists.

- Text before the first `## ` heading is the introduction; it opens "Het jaar in het
  kort" (The year in short).
- Every `## Heading` starts a section. A heading that names one of the report's own
  sections puts its text into that section, above the figures: `Open aanbod`,
  `Digitale omslag`, `Vraaggestuurde werking` (or in English `Open offering`,
  `Digital shift`, `Demand-driven work`; `Het jaar in het kort` / `Inleiding` adds to the
  introduction). `## Communicatie` (or any heading starting with Communicatie or
  Communication) makes the communication section, and `## Foto's` (`Fotos`, `Beelden`,
  `Photos`) the photo section, whose images are shown together as a gallery. These two
  sections appear only when the text has them.
- Any other `## ` heading is a free section with that heading (for example
  `## Burgerinitiatieven` or `## Naar een nieuwe beleidsperiode`). It is placed after the
  report section that comes before it in the text file (after the introduction when none
  does), so the file's order is kept.
- `### ` and deeper headings are sub-headings inside a section. A `# ` heading is an
  error: socius writes the report's title itself.
- A photo is an image on a line (paragraph) of its own:
  `![Caption of the photo](fotos/trefweek.jpg "Foto: Name of the photographer")`.
  The text in brackets is the caption (required), the quoted title the credit
  (optional). The path is relative to the text file; the image (.jpg, .png, .gif, .webp
  or .svg) is embedded in the report. Several images in one paragraph form one row.
  A photo outside the photo section appears where it stands in the text.
- Links (`[our website](https://example.org)`) are kept; raw HTML is shown as text.
- A missing or unreadable image, an image inside running text, an image without
  caption or given as a URL, a `# ` heading, or a file that is not UTF-8 is a one-line
  error naming the file and line.

Templates
---------
See `render.py` for the template names and `context.ReportContext` for the object every
template receives.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from socius_cli.i18n import _

if TYPE_CHECKING:
    from socius_cli.report.context import ReportContext

# The values of `socius report --format`.
REPORT_FORMATS = ("md", "html", "pdf", "xlsx")


def default_text_path(year: int, cwd: Path) -> Path | None:
    """Where the staff's Markdown text is looked for when --text is not given:
    `tekst-YEAR.md`, then `text-YEAR.md`, in the working directory `cwd`; else None."""
    for name in (f"tekst-{year}.md", f"text-{year}.md"):
        candidate = Path(cwd) / name
        if candidate.is_file():
            return candidate
    return None


def asset_dir_for(output: Path) -> Path:
    """The folder next to a Markdown report that holds its charts and photos."""
    return output.with_name(output.stem + "_files")


def build(*, stats: dict[str, Any], previous: dict[str, Any] | None, lang: str = "nl",
          organisation: str = "Socius", text_path: Path | None = None, asset_dir: str = "",
          draw_charts: bool = True, today: date | None = None, colours: tuple[str, ...] = (),
          logo: Path | None = None, annex: Any = None, published: Any = None,
          targets: list[dict[str, Any]] | None = None) -> ReportContext:
    """The `ReportContext` of a report (what the templates get), without writing files.

    `colours` and `logo` are the house style (`[report]` in socius.toml, checked there):
    see `style.py`. `annex`, `published` and `targets`: as in `write_report`."""
    from socius_cli.labels import catalogue
    from socius_cli.report import context, editorial
    from socius_cli.report.style import house_style

    catalogue(lang)  # an unknown language fails before any work
    style = house_style(colours, logo)
    text = None
    if text_path is not None:
        text = editorial.load(Path(text_path), year=int(stats["year"]), asset_dir=asset_dir,
                              reserved={context.chart_file(k) for k in context.CHART_KEYS})
    return context.build_context(stats=stats, previous=previous, lang=lang,
                                 organisation=organisation, editorial=text,
                                 asset_dir=asset_dir, draw_charts=draw_charts, today=today,
                                 style=style, annex=annex, published=published, targets=targets)


def render_html(ctx: ReportContext, template_dir: Path | None = None) -> str:
    """The HTML report (also what the PDF is made from)."""
    from socius_cli.report.render import render

    return render("report.html.j2", ctx, template_dir)


def write_report(*, stats: dict[str, Any], previous: dict[str, Any] | None, fmt: str, output: Path, lang: str = "nl",
                 organisation: str = "Socius", text_path: Path | None = None,
                 template_dir: Path | None = None, colours: tuple[str, ...] = (),
                 logo: Path | None = None, annex: dict[str, Any] | None = None,
                 published: Any = None, targets: list[dict[str, Any]] | None = None) -> list[Path]:
    """Render the progress report of stats['year'] to `output` (fmt: md|html|pdf|xlsx);
    returns the files written (for md: the .md plus chart SVGs and photos next to it).
    `colours` and `logo`: the house style, as in `build`.

    `annex`: the rows behind the figures (`figures.explain.annex`): the HTML, PDF and
    Markdown reports end with the activities of the year, the workbook gains an annex
    sheet per section. `published`: the year's `PublishedStatus`, when it was published.
    `targets`: the year's assessed targets (`figures.targets.assess`), the section
    "Streefcijfers" (a sheet of that name in the workbook); none: no section."""
    _check_output(fmt, output, template_dir)
    output = Path(output)
    assets = asset_dir_for(output)
    ctx = build(stats=stats, previous=previous, lang=lang, organisation=organisation,
                text_path=text_path, asset_dir=assets.name if fmt == "md" else "",
                draw_charts=fmt != "xlsx", colours=colours, logo=logo,
                annex=annex if fmt != "xlsx" else None, published=published, targets=targets)
    return _write(ctx, fmt, output, template_dir, annex)


def build_period(*, span: dict[str, Any], lang: str = "nl", organisation: str = "Socius",
                 text_path: Path | None = None, asset_dir: str = "", draw_charts: bool = True,
                 today: date | None = None, colours: tuple[str, ...] = (),
                 logo: Path | None = None, published: dict[int, Any] | None = None) -> ReportContext:
    """The `ReportContext` of a period report: `span` is the span's object
    (`figures.span.span_figures`, with its targets assessed); `published` as in
    `write_period_report`."""
    from socius_cli.labels import catalogue
    from socius_cli.report import editorial
    from socius_cli.report.period import build_period_context
    from socius_cli.report.style import house_style

    catalogue(lang)
    style = house_style(colours, logo)
    text = None
    if text_path is not None:
        text = editorial.load(Path(text_path), asset_dir=asset_dir,
                              reserved={f"chart-{k}.svg" for k in span_chart_keys(span)})
    return build_period_context(span=span, lang=lang, organisation=organisation, editorial=text,
                                asset_dir=asset_dir, draw_charts=draw_charts, today=today, style=style,
                                published=published)


def span_chart_keys(span: dict[str, Any]) -> list[str]:
    """The chart keys a period report may draw (their SVG files are taken in the Markdown
    report's folder)."""
    from socius_cli.figures.targets import INDICATORS

    return [f"by_year_{k}" for k in INDICATORS]


def write_period_report(*, span: dict[str, Any], fmt: str, output: Path, lang: str = "nl",
                        organisation: str = "Socius", text_path: Path | None = None,
                        template_dir: Path | None = None, colours: tuple[str, ...] = (),
                        logo: Path | None = None, published: dict[int, Any] | None = None) -> list[Path]:
    """Render the progress report of a span of years (`socius report 2016-2020`) to `output`
    in `fmt` (md|html|pdf|xlsx), as `write_report` does a year's; returns the files written.
    `published`: per published year of the span whose figures now differ, its `PublishedStatus`
    (the years' section says what was published, as the year report does)."""
    _check_output(fmt, output, template_dir)
    output = Path(output)
    assets = asset_dir_for(output)
    ctx = build_period(span=span, lang=lang, organisation=organisation, text_path=text_path,
                       asset_dir=assets.name if fmt == "md" else "", draw_charts=fmt != "xlsx",
                       colours=colours, logo=logo, published=published)
    return _write(ctx, fmt, output, template_dir)


def _check_output(fmt: str, output: Path, template_dir: Path | None) -> None:
    from socius_cli.errors import SociusError

    if fmt not in REPORT_FORMATS:
        raise SociusError(_("unknown report format '{format}'; choose one of: {formats}").format(
            format=fmt, formats=", ".join(REPORT_FORMATS)))
    output = Path(output)
    if output.parent and not output.parent.exists():
        raise SociusError(_("cannot write {file}: the folder {folder} does not exist").format(
            file=output, folder=output.parent))
    if template_dir is not None:
        from socius_cli.report.render import check_template_dir

        check_template_dir(template_dir)


def _write(ctx: ReportContext, fmt: str, output: Path, template_dir: Path | None,
           annex: dict[str, Any] | None = None) -> list[Path]:
    """Write `ctx` as `fmt` to `output`: the one writer of the year and the period report."""
    if fmt == "xlsx":
        from socius_cli.report.xlsx import write_workbook

        write_workbook(ctx, output, annex=annex)
        return [output]
    if fmt == "md":
        import re

        from socius_cli.report.render import render

        text = re.sub(r"\n{3,}", "\n\n", render("report.md.j2", ctx, template_dir))
        written = _write_assets(ctx, output.parent)
        _write_text(output, text)
        return [output, *written]
    html = render_html(ctx, template_dir)
    if fmt == "html":
        _write_text(output, html)
        return [output]
    from socius_cli.report.pdf import write_pdf

    write_pdf(html, output)
    return [output]


def _write_text(path: Path, text: str) -> None:
    from socius_cli.errors import SociusError

    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise SociusError(_("cannot write {file} ({reason})").format(file=path, reason=e.strerror)) from None


def _write_assets(ctx: ReportContext, folder: Path) -> list[Path]:
    """Write the Markdown report's chart SVGs and photo copies; return their paths."""
    import shutil

    from socius_cli.errors import SociusError

    written: list[Path] = []
    try:
        for chart in ctx.charts.values():
            target = folder / chart.file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(chart.svg, encoding="utf-8")
            written.append(target)
        done: set[str] = set()
        for photo in ctx.photos:
            if photo.file in done:
                continue
            done.add(photo.file)
            target = folder / photo.file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(photo.path, target)
            written.append(target)
    except OSError as e:
        raise SociusError(_("cannot write the report's files in {folder} ({reason})").format(
            folder=folder, reason=e.strerror)) from None
    return written
