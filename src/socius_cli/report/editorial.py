"""The staff's own text for the report: a Markdown file, parsed with markdown-it-py.

The format is described in the docstring of `socius_cli.report.write` (and in the README).
This module turns the file into blocks of HTML and of (re-serialised, escaped) Markdown,
and collects its photos, embedded as data URIs. Raw HTML in the file is shown as text,
never passed through; links are limited to http(s) and mailto by markdown-it's checks.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from markupsafe import escape

from socius_cli.errors import SociusError
from socius_cli.i18n import _
from socius_cli.report.escape import MdSafe, md_escape

# Headings that name a built-in section (compared after normalising, in either language).
SECTION_NAMES: dict[str, tuple[str, ...]] = {
    "year_in_short": ("het jaar in het kort", "jaar in het kort", "inleiding", "intro",
                      "introductie", "the year in short", "year in short", "introduction"),
    "open_offering": ("open aanbod", "het open aanbod", "open offering", "the open offering"),
    "digital_shift": ("digitale omslag", "de digitale omslag", "digital shift",
                      "the digital shift"),
    "demand_driven": ("vraaggestuurde werking", "de vraaggestuurde werking", "vraaggestuurd",
                      "demand driven work", "demand driven"),
    "communication": ("communicatie", "communication"),
    "photos": ("foto's", "fotos", "foto", "beelden", "photos", "pictures"),
}

IMAGE_TYPES = {  # extension -> (MIME type, magic bytes or None)
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".gif": ("image/gif", b"GIF8"),
    ".webp": ("image/webp", b"RIFF"),
    ".svg": ("image/svg+xml", None),
}


@dataclass
class Photo:
    """A photo from the editorial text: `caption`, `credit` (or None), `src` (the image as a
    data URI, for HTML), `file` (its copy relative to the Markdown report) and `path` (the
    original file)."""

    caption: str
    credit: str | None
    src: str
    file: str
    path: Any


@dataclass
class Block:
    """A run of editorial text: as HTML and as Markdown."""

    html: str
    markdown: str


@dataclass
class TextSection:
    """A `## ` section of the text. `key` is a built-in section's key or None (free);
    `after` the built-in section that precedes it in the file; `gallery` the photos of
    a photos section."""

    key: str | None
    heading: str
    block: Block
    after: str
    gallery: list[Photo] = field(default_factory=list)


@dataclass
class Editorial:
    """The whole text: the introduction (before the first `## `), the sections in file order,
    and every photo in order of appearance."""

    intro: Block | None
    sections: list[TextSection]
    photos: list[Photo]


def section_key(heading: str, year: int | None = None) -> str | None:
    """The built-in section a `## ` heading names, or None for a free section."""
    from socius_cli.contract import normalise_name

    n = normalise_name(heading).rstrip(" .:?!")
    for key, names in SECTION_NAMES.items():
        if n in names:
            return key
    if n.startswith(("communicatie", "communication")):
        return "communication"
    if year is not None and n in (f"over {year}", f"about {year}", f"{year}"):
        return "year_in_short"
    return None


def _markdown_it() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def load(path: Path, *, year: int | None = None, asset_dir: str = "",
         reserved: set[str] | None = None) -> Editorial:
    """Read and check the editorial text at `path`.

    Raises SociusError (one line) when the file cannot be read or is malformed, or when an
    image is missing. `asset_dir` is the folder (relative to a Markdown report) where the
    photos' copies go; `reserved` holds file names already taken there.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SociusError(_("{file}: text file not found").format(file=path)) from None
    except OSError as e:
        raise SociusError(_("{file}: cannot read the text file ({reason})").format(
            file=path, reason=e.strerror)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SociusError(_("{file}: the text file is not UTF-8; save it as UTF-8 text").format(file=path)) from None
    parser = _Parser(path, text, year, asset_dir, set(reserved or ()))
    return parser.run()


class _Parser:
    def __init__(self, path: Path, text: str, year: int | None, asset_dir: str,
                 reserved: set[str]):
        self.path = path
        self.text = text
        self.year = year
        self.asset_dir = asset_dir
        self.taken = reserved
        self.names: dict[Path, str] = {}
        self.photos: list[Photo] = []
        self.md = _markdown_it()

    def fail(self, line: int | None, message: str) -> SociusError:
        if line:
            return SociusError(_("{file}, line {line}: {problem}").format(file=self.path, line=line, problem=message))
        return SociusError(_("{file}: {problem}").format(file=self.path, problem=message))

    def run(self) -> Editorial:
        tokens = self.md.parse(self.text)
        chunks: list[tuple[str | None, list[Any]]] = [(None, [])]  # (## heading, its tokens)
        i = 0
        while i < len(tokens):
            t = tokens[i]
            if t.type == "heading_open" and t.tag == "h1":
                raise self.fail(_line(t), _("a '# ' heading is not allowed (socius writes the "
                                            "title); start each section with '## '"))
            if t.type == "heading_open" and t.tag == "h2":
                title = tokens[i + 1].content.strip()
                if not title:
                    raise self.fail(_line(t), _("a '## ' heading without text"))
                chunks.append((title, []))
                i += 3
                continue
            chunks[-1][1].append(t)
            i += 1

        intro_tokens = chunks[0][1]
        intro = self.block(intro_tokens, gallery=False)[0] if intro_tokens else None
        sections: list[TextSection] = []
        last = "year_in_short"
        for title, toks in chunks[1:]:
            assert title is not None
            key = section_key(title, self.year)
            block, gallery = self.block(toks, gallery=key == "photos")
            sections.append(TextSection(key, title, block, last, gallery))
            if key is not None:
                last = key
        return Editorial(intro, sections, self.photos)

    # -- blocks -------------------------------------------------------------------
    def block(self, tokens: list[Any], *, gallery: bool) -> tuple[Block, list[Photo]]:
        from markdown_it.token import Token

        out: list[Any] = []
        gallery_photos: list[Photo] = []
        i = 0
        while i < len(tokens):
            t = tokens[i]
            if t.type == "inline":
                self.check_inline(t)
            if (t.type == "paragraph_open" and t.level == 0 and i + 2 < len(tokens)
                    and _only_images(tokens[i + 1])):
                images = [c for c in tokens[i + 1].children if c.type == "image"]
                ps = [self.photo(c, _line(t)) for c in images]
                if gallery:
                    gallery_photos.extend(ps)
                else:
                    fig = Token("html_block", "", 0)
                    fig.content = "".join(_figure_html(p) for p in ps)
                    fig.meta = {"md": "\n\n".join(_figure_md(p) for p in ps)}
                    out.append(fig)
                i += 3
                continue
            out.append(t)
            i += 1
        html = self.md.renderer.render(out, self.md.options, {})
        markdown = _to_markdown(out)
        return Block(html, markdown), gallery_photos

    def check_inline(self, t: Any) -> None:
        for c in t.children or []:
            if c.type == "image":
                raise self.fail(_line(t), _("image '{src}' must stand on a line of its own, outside lists, "
                                            "quotes and tables").format(src=c.attrs.get('src', '')))

    def photo(self, img: Any, line: int) -> Photo:
        src = str(img.attrs.get("src", ""))
        caption = img.content.strip()
        credit = str(img.attrs.get("title") or "").strip() or None
        if not caption:
            raise self.fail(line, _("image '{src}' has no caption; write it between the "
                                    "brackets: ![caption](file \"Foto: credit\")").format(src=src))
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src) or src.startswith("//"):
            raise self.fail(line, _("image '{src}' is not a local file; save it next to the "
                                    "text file and refer to it by its path").format(src=src))
        file = (self.path.parent / unquote(src)).resolve()
        ext = file.suffix.lower()
        if ext not in IMAGE_TYPES:
            raise self.fail(line, _("image '{src}': use a .jpg, .png, .gif, .webp or .svg file").format(src=src))
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            raise self.fail(line, _("image not found: {file}").format(file=file)) from None
        except OSError as e:
            raise self.fail(line, _("cannot read image {file} ({reason})").format(
                file=file, reason=e.strerror)) from None
        mime, magic = IMAGE_TYPES[ext]
        if magic is not None and not data.startswith(magic) or (
                magic is None and b"<svg" not in data[:4096]):
            raise self.fail(line, _("image {file} is not a valid {kind} file").format(file=file, kind=ext[1:].upper()))
        uri = f"data:{mime};base64," + base64.b64encode(data).decode("ascii")
        name = self.names.get(file)
        if name is None:
            name = _unique(file.name, self.taken)
            self.taken.add(name)
            self.names[file] = name
        rel = f"{self.asset_dir}/{name}" if self.asset_dir else name
        p = Photo(caption, credit, uri, rel, file)
        self.photos.append(p)
        return p


def _line(t: Any) -> int:
    return (t.map[0] + 1) if t.map else 0


def _only_images(inline: Any) -> bool:
    kids = inline.children or []
    if not any(c.type == "image" for c in kids):
        return False
    return all(c.type in ("image", "softbreak", "hardbreak")
               or (c.type == "text" and not c.content.strip()) for c in kids)


def _unique(name: str, taken: set[str]) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "foto"
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}.{ext}" if ext else f"{stem}-{n}"
    return candidate


def _figure_html(p: Photo) -> str:
    credit = f' <span class="credit">({escape(p.credit)})</span>' if p.credit else ""
    return (f'<figure class="photo"><img src="{p.src}" alt="{escape(p.caption)}">'
            f"<figcaption>{escape(p.caption)}{credit}</figcaption></figure>\n")


def _figure_md(p: Photo) -> str:
    credit = f" ({md_escape(p.credit)})" if p.credit else ""
    return f"![{md_escape(p.caption)}]({_href(p.file)})\n*{md_escape(p.caption)}{credit}*"


def _href(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace(
        "<", "%3C").replace(">", "%3E")


# -- Markdown re-serialisation --------------------------------------------------------


def _close(tokens: list[Any], i: int) -> int:
    """Index of the token that closes tokens[i]."""
    t = tokens[i]
    depth = 0
    for j in range(i, len(tokens)):
        if tokens[j].level == t.level:
            depth += tokens[j].nesting
            if depth == 0 and tokens[j].nesting == -1:
                return j
    return len(tokens) - 1


def _to_markdown(tokens: list[Any]) -> MdSafe:
    """Markdown for a token stream, with every text escaped (raw HTML stays text)."""
    blocks: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.nesting == 1:
            j = _close(tokens, i)
            inner = tokens[i + 1:j]
            if t.type == "paragraph_open":
                blocks.append(_inline_md(inner[0]) if inner else "")
            elif t.type == "heading_open":
                level = int(t.tag[1])
                blocks.append("#" * level + " " + (_inline_md(inner[0]) if inner else ""))
            elif t.type == "blockquote_open":
                body = _to_markdown(inner)
                blocks.append("\n".join(("> " + ln) if ln else ">" for ln in body.split("\n")))
            elif t.type in ("bullet_list_open", "ordered_list_open"):
                blocks.append(_list_md(t, inner))
            elif t.type == "table_open":
                blocks.append(_table_md(inner))
            else:
                blocks.append(_to_markdown(inner))
            i = j + 1
            continue
        if t.type in ("fence", "code_block"):
            fence = "`" * max(3, _longest_run(t.content, "`") + 1)
            blocks.append(f"{fence}\n{t.content.rstrip(chr(10))}\n{fence}")
        elif t.type == "hr":
            blocks.append("---")
        elif t.type == "html_block" and t.meta and "md" in t.meta:
            blocks.append(t.meta["md"])
        elif t.type == "inline":
            blocks.append(_inline_md(t))
        elif t.content:
            blocks.append(md_escape(t.content, inline=False))
        i += 1
    return MdSafe("\n\n".join(blocks))


def _list_md(t: Any, inner: list[Any]) -> str:
    ordered = t.type == "ordered_list_open"
    start = int(t.attrs.get("start", 1) or 1) if ordered else 1
    items: list[str] = []
    tight = False
    i = 0
    n = start
    while i < len(inner):
        if inner[i].type == "list_item_open":
            j = _close(inner, i)
            body_tokens = inner[i + 1:j]
            tight = tight or any(x.hidden for x in body_tokens if x.type == "paragraph_open")
            body = _to_markdown(body_tokens)
            marker = f"{n}. " if ordered else "- "
            pad = " " * len(marker)
            lines = body.split("\n")
            items.append(marker + lines[0] + "".join(
                "\n" + (pad + ln if ln else "") for ln in lines[1:]))
            n += 1
            i = j + 1
        else:
            i += 1
    return ("\n" if tight else "\n\n").join(items)


def _table_md(inner: list[Any]) -> str:
    rows: list[list[str]] = []
    aligns: list[str] = []
    for k, t in enumerate(inner):
        if t.type == "tr_open":
            rows.append([])
        elif t.type in ("th_open", "td_open"):
            cell = inner[k + 1]
            rows[-1].append(_inline_md(cell) if cell.type == "inline" else "")
            if t.type == "th_open":
                style = str(t.attrs.get("style", ""))
                aligns.append(":---:" if "center" in style else "---:" if "right" in style
                              else ":---" if "left" in style else "---")
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    aligns += ["---"] * (width - len(aligns))
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    lines.insert(1, "| " + " | ".join(aligns) + " |")
    return "\n".join(lines)


def _longest_run(s: str, ch: str) -> int:
    runs = re.findall(re.escape(ch) + "+", s)
    return max((len(r) for r in runs), default=0)


def _inline_md(t: Any) -> str:
    out: list[str] = []
    links: list[str] = []
    for c in t.children or []:
        if c.type in ("text", "text_special"):
            out.append(md_escape(c.content, autolinks=not links))  # a link's text is never autolinked
        elif c.type == "softbreak":
            out.append("\n")
        elif c.type == "hardbreak":
            out.append("\\\n")
        elif c.type == "code_inline":
            ticks = "`" * (_longest_run(c.content, "`") + 1)
            pad = " " if c.content.startswith("`") or c.content.endswith("`") else ""
            out.append(f"{ticks}{pad}{c.content}{pad}{ticks}")
        elif c.type in ("em_open", "em_close"):
            out.append("*")
        elif c.type in ("strong_open", "strong_close"):
            out.append("**")
        elif c.type in ("s_open", "s_close"):
            out.append("~~")
        elif c.type == "link_open":
            out.append("[")
            title = c.attrs.get("title")
            links.append(_href(str(c.attrs.get("href", "")))
                         + (' "' + md_escape(title).replace('"', '\\"') + '"' if title else ""))
        elif c.type == "link_close":
            out.append("](" + (links.pop() if links else "") + ")")
        else:
            out.append(md_escape(c.content))
    return "".join(out)
