"""`socius stats --compare`: the years in the report's order (the later year, the earlier,
the change), a change column for themes and topics, and names whole at 120 columns."""

from __future__ import annotations

from report_fixtures import stats_2019, stats_2020

from socius_cli.output import stats_tables, to_csv


def render_text(renderable, width: int = 100) -> str:
    """A rich renderable as the plain text a terminal of `width` columns shows."""
    import io

    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.export_text()

LONG_THEME = "Burgerinitiatieven en commons in de buurt"  # 41 characters


def tables(text: str) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Title -> (header lines, rows) of every rich table in `text`; a row's cells stripped."""
    out: dict[str, tuple[list[str], list[list[str]]]] = {}
    title = None
    for line in text.splitlines():
        if line and line[0] not in "┏┃┡│└":
            title = line.strip()
            out[title] = ([], [])
        elif title and line.startswith("┃"):
            out[title][0].append(line)
        elif title and line.startswith("│"):
            out[title][1].append([c.strip() for c in line.strip("│").split("│")])
    return out


def compared(width: int = 120) -> dict[str, tuple[list[str], list[list[str]]]]:
    s = stats_2020()
    s["open_offering"]["themes"][2]["theme"] = LONG_THEME
    return tables(render_text(stats_tables(s, "nl", stats_2019()), width=width))


def row(rows: list[list[str]], name: str) -> list[str]:
    for r in rows:
        if r[0] == name:
            return r
    raise AssertionError(f"no row {name!r} (whole) in {[r[0] for r in rows]}")


def test_years_stand_as_in_the_report():
    t = compared()
    header, rows = t["Open aanbod"]
    assert [h.strip() for h in header[0].split("┃")[1:-1]] == ["Indicator", "2020", "2019", "Verschil"]
    assert row(rows, "Activiteiten") == ["Activiteiten", "50", "46", "+4"]
    assert row(rows, "Gemiddelde tevredenheid") == ["Gemiddelde tevredenheid", "77%", "80%", "−3 pp"]
    assert row(t["Vraaggestuurde werking"][1], "Vragen ontvangen")[1:] == ["69", "61", "+8"]
    # asking the other way round gives the same order: the later year first
    other = tables(render_text(stats_tables(stats_2019(), "nl", stats_2020()), width=120))
    assert row(other["Open aanbod"][1], "Activiteiten") == ["Activiteiten", "50", "46", "+4"]


def test_themes_and_topics_have_a_change_column_and_whole_names():
    t = compared()
    header, rows = t["Activiteiten per thema"]
    words = " ".join(" ".join(h.split("┃")) for h in header).split()
    assert words.count("Verschil") == 1 and words.count("2019") == 1 and words.count("2020") == 3
    # the report's columns: this year's three figures, last year's activities, the change
    assert row(rows, "Organisatieontwikkeling") == ["Organisatieontwikkeling", "11", "38", "402", "12", "−1"]
    assert row(rows, LONG_THEME)[1:] == ["8", "26", "281", "0", "+8"]
    assert row(rows, "Sociaal-culturele praktijken")[-2:] == ["0", "+4"]
    assert row(rows, "Leidinggeven")[1:] == ["6", "22", "199", "8", "−2"]
    topics = t["Vragen per onderwerp"][1]
    assert row(topics, "Beleidsplanning") == ["Beleidsplanning", "17", "20", "−3"]
    assert row(topics, "Rollen en functies")[1:] == ["12", "15", "−3"]
    # every line of every table fits in 120 columns, and no name is cut off with an ellipsis
    text = render_text(stats_tables(stats_2020(), "nl", stats_2019()), width=120)
    assert "…" not in text
    assert max(len(line.rstrip()) for line in text.splitlines()) <= 120


def test_narrow_terminal_folds_names_instead_of_cutting_them():
    text = render_text(stats_tables(stats_2020(), "nl", stats_2019()), width=80)
    assert "…" not in text
    assert max(len(line.rstrip()) for line in text.splitlines()) <= 80


def test_csv_in_the_report_order():
    lines = to_csv(stats_2020(), stats_2019()).splitlines()
    assert lines[0] == "section,indicator,item,2020,2019,change"
    assert "open_offering,activities,,50,46,4" in lines
    assert "open_offering,themes.activities,Burgerinitiatieven,8,0,8" in lines
    assert to_csv(stats_2019(), stats_2020()).splitlines()[0] == lines[0]
