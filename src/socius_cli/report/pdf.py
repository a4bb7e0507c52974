"""The PDF report: the HTML report rendered by WeasyPrint (A4, from its print style sheet)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from socius_cli.errors import SociusError
from socius_cli.i18n import N_, _

INSTALL_HINT = N_(
    "PDF output needs the Pango libraries that WeasyPrint uses; install them "
    "(Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0; macOS: brew install "
    "pango) or choose --format html and print that to PDF"
)


def _weasyprint() -> ModuleType:
    try:
        import weasyprint
    except ImportError as e:
        if isinstance(e, ModuleNotFoundError) and e.name == "weasyprint":
            raise SociusError(_("PDF output needs the weasyprint package: pip install weasyprint")
                              ) from None
        raise SociusError(_(INSTALL_HINT)) from None
    except OSError:
        raise SociusError(_(INSTALL_HINT)) from None
    return weasyprint


def write_pdf(html: str, output: Path) -> None:
    """Render `html` (self-contained: no file or network is fetched) to `output`."""
    weasyprint = _weasyprint()

    fetcher = _data_only_fetcher(weasyprint)
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(str(output))
    except OSError as e:
        raise SociusError(_("cannot write {file} ({reason})").format(file=output, reason=e.strerror or e)) from None


def _data_only_fetcher(weasyprint: ModuleType) -> object:
    """A URL fetcher that serves data: URIs only (the report embeds everything)."""
    url_fetcher_class = getattr(weasyprint, "URLFetcher", None)
    if url_fetcher_class is not None:  # WeasyPrint 66 and later
        return url_fetcher_class(allowed_protocols={"data"})

    def fetch(url: str, *args: object, **kwargs: object) -> dict[str, Any]:
        if url.startswith("data:"):
            return weasyprint.default_url_fetcher(url, *args, **kwargs)
        raise ValueError(f"the report refers to an outside resource: {url}")

    return fetch
