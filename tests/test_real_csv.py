"""Issue 10: CSV files as real programs save them. Mac (CR only) and mixed line endings, a
`sep=<TAB>` line, invisible characters in headers, oversize input refused as it streams in,
and the streaming reader (ingest/csvread.py) against the reader it replaced, cell for cell."""

from __future__ import annotations

import codecs
import csv
import io
import tracemalloc

import corpus
import pytest
import sqlalchemy as sa
from corpus import ACT_HEAD
from hypothesis import given, settings
from hypothesis import strategies as st

from socius_cli.errors import SociusError
from socius_cli.ingest import safety
from socius_cli.ingest.read import read_file
from socius_cli.ingest.values import is_blank


def rows(cli, sql: str) -> list[tuple]:
    with cli.store().engine.connect() as c:
        return [tuple(v.isoformat() if hasattr(v, "isoformat") else v for v in r) for r in c.execute(sa.text(sql))]


def ok(res):
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    return res


ACTS3 = [["L1", "Een", "02/03/2020", "online", "1"], ["L2", "Twee", "03/03/2020", "fysiek", "2,5"],
         ["L3", "Drie", "04/03/2020", "hybride", "3"]]


def _text(lines: list[str], ending) -> str:
    if isinstance(ending, str):
        return ending.join(lines) + ending
    return "".join(line + ending[i % len(ending)] for i, line in enumerate(lines))


@pytest.mark.parametrize("ending", ["\r", "\n", "\r\n", ["\r", "\n", "\r\n"]], ids=["mac", "unix", "windows", "mixed"])
def test_every_line_ending_is_a_line(cli, tmp_path, ending):
    lines = [";".join(ACT_HEAD[:5])] + [";".join(r) for r in ACTS3]
    path = tmp_path / "activiteiten.csv"
    path.write_bytes(_text(lines, ending).encode("cp1252"))
    ok(cli("import", path))
    assert rows(cli, "select code, half_days from activities order by code") == [("L1", 1.0), ("L2", 2.5), ("L3", 3.0)]


def test_a_mac_csv_problem_names_the_row_excel_shows(cli, tmp_path):
    lines = [";".join(ACT_HEAD[:5]), ";".join(ACTS3[0]), "L2;Twee;31/02/2020;online;1", ";".join(ACTS3[2])]
    path = tmp_path / "activiteiten.csv"
    path.write_bytes(_text(lines, "\r").encode("utf-8"))
    res = cli("import", path, "--lang", "en")
    assert res.exit_code == 1 and "row 3" in res.output and "does not exist" in res.output, res.output


def test_a_quoted_line_break_stays_in_its_cell_with_mac_endings(cli, tmp_path):
    text = _text([";".join(ACT_HEAD[:5]), 'Q1;"Twee\rregels; en ""quotes""";02/03/2020;online;1'], "\r")
    (tmp_path / "activiteiten.csv").write_text(text, encoding="utf-8", newline="")
    ok(cli("import", tmp_path / "activiteiten.csv"))
    assert rows(cli, "select title from activities") == [('Twee\rregels; en "quotes"',)]


@pytest.mark.parametrize("line", ["sep=\t", "sep=\t\t\t\t", "\ufeffsep=\t", "SEP=\t"])
def test_a_sep_tab_line_is_honoured(cli, tmp_path, line):
    body = "\r\n".join(["\t".join(ACT_HEAD[:5])] + ["\t".join(r) for r in ACTS3]) + "\r\n"
    (tmp_path / "activiteiten.csv").write_bytes((line + "\r\n" + body).encode("utf-8"))
    ok(cli("import", tmp_path / "activiteiten.csv"))
    assert rows(cli, "select count(*) from activities") == [(3,)]


INVISIBLE = {
    "zero-width space after the word": "E-mail\u200b",
    "BOM inside the cell": "\ufeffE-mail",
    "non-breaking spaces": "\u00a0E-mail\u00a0",
    "word joiner and soft hyphen": "E-\u00admail\u2060",
    "direction marks": "\u200eE-mail\u200f",
    "line break inside the cell": "E-\nmail",
}


@pytest.mark.parametrize("what", list(INVISIBLE))
def test_a_header_with_an_invisible_character_is_found(cli, tmp_path, what):
    head = ["Activiteit", INVISIBLE[what], "Aanwezig"]
    book = corpus.write_xlsx(tmp_path / "a.xlsx", {"Activiteiten": [ACT_HEAD[:5], ACTS3[0]]})
    regs = [head, ["L1", "p@hidden-mail.test", "ja"]]
    ok(cli("import", book, corpus.write_csv(tmp_path / "inschrijvingen.csv", regs)))
    ok(cli("import", corpus.write_xlsx(tmp_path / "b.xlsx", {"Inschrijvingen": regs})))
    assert rows(cli, "select count(*) from registrations") == [(1,)]


def test_a_second_bom_at_the_start_of_a_csv(cli, tmp_path):
    data = codecs.BOM_UTF8 + corpus.csv_bytes([ACT_HEAD[:5], ACTS3[0]], bom=True)
    (tmp_path / "activiteiten.csv").write_bytes(data)
    ok(cli("import", tmp_path / "activiteiten.csv"))
    assert rows(cli, "select code from activities") == [("L1",)]


def test_line_and_paragraph_separators_and_c1_controls_are_dropped(cli, tmp_path):
    """U+0085 (next line), U+2028, U+2029 and the other C1 controls are cleaned like C0 ones."""
    acts = [["S1", "Titel\u0085een", "02/03/2020", "online", "1", "Thema\u2028"],
            ["S2", "\u2029Titel\u2028twee\u0091", "02/03/2020", "online\u2029", "1", "\u0085"]]
    ok(cli("import", corpus.write_csv(tmp_path / "activiteiten.csv", [ACT_HEAD, *acts])))
    ok(cli("import", corpus.write_xlsx(tmp_path / "s.xlsx", {"Activiteiten": [
        ACT_HEAD, ["S3", "Titel\u2028drie", "02/03/2020", "online", 1, None]]})))
    assert rows(cli, "select code, title, format, theme from activities order by code") == [
        ("S1", "Titeleen", "online", "Thema"), ("S2", "Titeltwee", "online", None), ("S3", "Titeldrie", "online", None)]


def test_a_csv_under_a_workbook_name_gets_a_note(cli, tmp_path):
    path = corpus.write_csv(tmp_path / "activiteiten.xlsx", [ACT_HEAD[:5], ACTS3[0]])
    res = ok(cli("import", path, "--lang", "en"))
    flat = " ".join(res.output.split())
    assert "activiteiten.xlsx: this file is a CSV text, not a .xlsx workbook" in flat, res.output


# --- oversize input is refused as it streams in --------------------------------------------

def test_too_many_rows_is_refused_at_the_limit_not_at_the_end(tmp_path, monkeypatch):
    from socius_cli.ingest import csvread

    monkeypatch.setattr(safety, "MAX_ROWS", 2_000)
    monkeypatch.setattr(csvread, "BATCH", 1_000)  # rows are held a batch at a time
    path = tmp_path / "inschrijvingen.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Activiteit;E-mail\n")
        for i in range(200_000):
            fh.write(f"A{i % 50};persoon{i}@hidden-mail.test\n")
    with pytest.raises(SociusError, match=r"inschrijvingen.csv: refused: more than 2,000 rows"):
        read_file(path)
    assert _peak_of_refusal(path) < 8 * 1024 * 1024  # only the rows up to the limit were ever held


def _peak_of_refusal(path):
    tracemalloc.start()
    try:
        try:
            read_file(path)
        except SociusError:
            pass
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_one_huge_line_is_refused_with_bounded_memory(tmp_path):
    path = tmp_path / "activiteiten.csv"
    path.write_bytes(b"Code;Titel\r\n" + b"x;" * (6 * 1024 * 1024))
    peak = _peak_of_refusal(path)
    with pytest.raises(SociusError, match=r"activiteiten.csv, row 2: refused: a line of more than 4,194,304"):
        read_file(path)
    assert peak < 64 * 1024 * 1024, peak


def test_an_unclosed_quote_is_a_sentence_not_parser_wording(cli, tmp_path):
    text = ("Code;Titel;Datum;Werkvorm;Dagdelen\r\n" + 'U1;"Nooit gesloten;02/03/2020;online;1\r\n'
            + ("x" * 100 + "\r\n") * 2000)
    (tmp_path / "activiteiten.csv").write_text(text, encoding="utf-8")
    res = cli("import", tmp_path / "activiteiten.csv", "--lang", "en")
    assert res.exit_code == 1, res.output
    flat = " ".join(res.output.split())
    assert "activiteiten.csv, row 2: refused: a cell of more than 131,072 characters" in flat, res.output
    assert "field limit" not in flat


# --- the streaming reader is the old reader, cell for cell ----------------------------------

def _old_reader(data: bytes) -> tuple[int, list[str], list[tuple[int, list]]]:
    """The CSV reader socius had before issue 10 (whole text in memory), as a reference."""
    from socius_cli.ingest import csvread
    from socius_cli.ingest.values import clean_header

    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    lines = text.splitlines(keepends=True)
    first, delimiter = 0, None
    # (one fix, the point of the issue: the old reader stripped a tab delimiter off `sep=\t`)
    if lines and lines[0].rstrip("\r\n").lower().startswith("sep=") and len(lines[0].rstrip("\r\n")) == 5:
        delimiter, first = lines[0][4], 1
    if delimiter is None:
        delimiter = csvread.detect_delimiter(next((ln for ln in lines if ln.strip()), ""))
    reader = csv.reader(io.StringIO("".join(lines[first:])), delimiter=delimiter)
    out, header_row, headers, start = [], 0, [], 1
    for record in reader:
        number, start = start + first, reader.line_num + 1
        cells = [c if c != "" else None for c in record]
        if all(c is None or not c.strip() for c in cells):
            continue
        if not header_row:
            header_row, headers = number, [clean_header(c) if c is not None else "" for c in cells]
            continue
        out.append((number, cells))
    return header_row, headers, out


# The old reader cut lines with str.splitlines, so characters it took for line ends are left out.
_NOT_LINE_ENDS = "\r\x00\x85\u2028\u2029\x1c\x1d\x1e\x0b\x0c"
cells = st.one_of(
    st.sampled_from(["", " ", "007", "2,5", "ja", 'a "q" b', "x;y", "x,y", "x\ty", "a\nb", "é", "\u00a0"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=_NOT_LINE_ENDS), max_size=6))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(cells, min_size=0, max_size=6), min_size=1, max_size=12),
       st.sampled_from([";", ",", "\t"]), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
       st.booleans(), st.sampled_from(["\r\n", "\n"]))
def test_streaming_reader_equals_the_old_reader(tmp_path_factory, table, delimiter, encoding, sep, ending):
    buf = io.StringIO()
    if sep:
        buf.write(f"sep={delimiter}{ending}")
    csv.writer(buf, delimiter=delimiter, lineterminator=ending).writerows(table)
    try:
        data = buf.getvalue().encode(encoding)
    except UnicodeEncodeError:
        return
    path = tmp_path_factory.mktemp("csv") / "x.csv"
    path.write_bytes(data)
    from socius_cli.ingest import csvread

    header_row, headers, expected = _old_reader(data)
    monkey = csvread.BATCH
    try:
        csvread.BATCH = 3  # several Arrow batches even for a few rows
        raw = read_file(path)[0]
    finally:
        csvread.BATCH = monkey
    assert (raw.header_row, raw.headers) == (header_row, headers)
    width = len(headers)
    got = list(raw.rows)
    want = [(n, (c + [None] * width)[:width]) for n, c in expected]
    assert [n for n, _ in got] == [n for n, _ in want]
    assert got == want
    wide = {i for i, (_, c) in enumerate(expected) if len(c) > width and any(not is_blank(x) for x in c[width:])}
    assert set(raw.rows.too_wide) <= {i for i, (_, c) in enumerate(expected) if len(c) > width}
    assert wide <= set(raw.rows.too_wide)
