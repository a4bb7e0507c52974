"""Update the message catalogues: extract, merge into the Dutch .po, compile the .mo (Babel).

    python scripts/messages.py          # after adding or changing a message: then translate
                                         # the new entries of socius.po and run it again
    python scripts/messages.py --check  # exit 1 when a catalogue's content is out of date

Babel extracts every `_()`, `N_()` and `ngettext()` of src/socius_cli into
src/socius_cli/locale/socius.pot; the Dutch catalogue nl/LC_MESSAGES/socius.po gets the new
msgids (with an empty translation) and loses the ones no longer in the code; the compiled
socius.mo next to it is what the package ships and reads. Files are written without line
numbers, so moving code does not change them.
"""

from __future__ import annotations

import datetime
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "socius_cli"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "socius.pot"
LANGUAGES = ("nl",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
STAMP = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
HEADER = "Messages of socius, the progress-report figures of socio-cultural adult work."


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "socius.po"


def mo_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "socius.mo"


def extract() -> Catalog:
    """Every marked message of the package, as a template catalogue."""
    catalog = Catalog(project="socius", version="", copyright_holder="", msgid_bugs_address="",
                      header_comment=f"# {HEADER}", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True):
        catalog.add(message, None, [(f"src/socius_cli/{filename}", lineno)], auto_comments=comments,
                    context=context, flags=("python-format",) if _has_fields(message) else ())
    return catalog


def _has_fields(message: str | tuple[str, ...]) -> bool:
    texts = (message,) if isinstance(message, str) else message
    return any("{" in t for t in texts)


def _text(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, include_lineno=False, omit_header=False, sort_output=True,
             no_location=True, ignore_obsolete=True)
    return buf.getvalue()


def _stable(catalog: Catalog) -> Catalog:
    # The header's dates change on every run; they say nothing here.
    catalog.creation_date = catalog.revision_date = STAMP
    return catalog


def updated(lang: str, template: Catalog) -> Catalog:
    """The language's catalogue with the template's msgids: new ones untranslated, old ones gone."""
    path = po_path(lang)
    if path.exists():
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
    else:
        catalog = Catalog(locale=lang, project="socius", header_comment=f"# {HEADER}", fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.fuzzy = False
    return _stable(catalog)


def compiled(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def outputs() -> dict[Path, bytes]:
    """Every catalogue file as it should be now."""
    template = _stable(extract())
    files = {POT: _text(template)}
    for lang in LANGUAGES:
        catalog = updated(lang, template)
        files[po_path(lang)] = _text(catalog)
        with io.BytesIO(files[po_path(lang)]) as fh:  # compile what the .po file says
            files[mo_path(lang)] = compiled(read_po(fh, locale=lang))
    return files


def _ids(data: bytes) -> set:
    with io.BytesIO(data) as fh:
        return {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(fh) if m.id}


def _translations(data: bytes) -> dict:
    import gettext

    with io.BytesIO(data) as fh:
        return dict(gettext.GNUTranslations(fh)._catalog)  # type: ignore[attr-defined]


def stale(files: dict[Path, bytes]) -> list[Path]:
    """The files whose content differs from what they should be: other msgids in the .pot or
    .po, other translations in the .mo. Layout (wrapping, Babel's version in the header) is
    not content, so another Babel does not make them stale."""
    out = []
    for path, data in files.items():
        if not path.exists():
            out.append(path)
        elif path.suffix == ".mo":
            if _translations(path.read_bytes()) != _translations(data):
                out.append(path)
        elif _ids(path.read_bytes()) != _ids(data):
            out.append(path)
    return out


def main(argv: list[str]) -> int:
    files = outputs()
    old = stale(files)
    if "--check" in argv:
        for p in old:
            print(f"out of date: {p.relative_to(REPO)} (run python scripts/messages.py)")
        return 1 if old else 0
    for p, data in files.items():
        if p in old or not p.exists() or (p.suffix == ".po" and p.read_bytes() != data):
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
            print(f"wrote {p.relative_to(REPO)}")
    for lang in LANGUAGES:
        with po_path(lang).open("rb") as fh:
            missing = [m.id for m in read_po(fh, locale=lang) if m.id and not m.string
                       or (isinstance(m.string, tuple) and not all(m.string))]
        if missing:
            print(f"{lang}: {len(missing)} message(s) still to translate in {po_path(lang).relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
