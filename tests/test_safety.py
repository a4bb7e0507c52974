"""ingest/safety.py: the fast sheet scan (`safety._SheetScan._plain`) ends in the very state of
the regex scan, and the bounds its regular expressions are built from.

Random sheet XML with the rare things the scan must notice (cells or rows without
references, rows out of order, leading zeros, wide columns, far rows, prefixed tags,
formulas, error cells, row breaks) is fed in random segments to a scanner that may take
the fast path and to one that never does; their state, faults and refusals must agree.
"""

from __future__ import annotations

import pytest
from helpers import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from socius_cli.errors import SociusError
from socius_cli.ingest import safety


def _letters(col: int) -> str:
    return safety._col_letters(col).decode()


@st.composite
def sheet_xml(draw) -> bytes:
    out = ['<worksheet xmlns="main"><sheetData>']
    row = 0
    # sometimes many plain rows, so that segments are long and get halved around rare things
    prefix = draw(st.sampled_from(["", "", "", "x:"]))
    for _ in range(draw(st.sampled_from([1, 5, 20, 40, 120]))):
        row = draw(st.sampled_from([row + 1, row + 1, row + 1, row + 2, max(1, row - 3),
                                    row + 1_048_570, 999, 1_048_576, 1_048_577]))
        row_attr = draw(st.sampled_from([f' r="{row}"'] * 8 + ["", f' r="0{row}"', f' spans="1:3" r="{row}"']))
        out.append(f"<{prefix}row{row_attr}>")
        for _ in range(draw(st.integers(0, 6))):
            col = draw(st.sampled_from([1, 2, 3, 4, 5, 26, 27, 52, 702, 703, 1000, 1001, 18278]))
            r = draw(st.sampled_from([row] * 6 + [row + 1, row + 5_000_000, 7]))
            ref = draw(st.sampled_from([f' r="{_letters(col)}{r}"'] * 8 + ["", f' r="{r}"', f' t="s" r="{_letters(col)}{r}"',
                                                                            f' r="{_letters(col).lower()}{r}"']))
            kind = draw(st.sampled_from(["v"] * 6 + ["e", "f", "fv", "empty", "is"]))
            body = {"v": "<v>1</v>", "e": "<v>#N/A</v>", "f": "<f>A1+1</f>", "fv": "<f>1+1</f><v>2</v>",
                    "empty": None, "is": "<is><t>x</t></is>"}[kind]
            t = ' t="e"' if kind == "e" else (' t="inlineStr"' if kind == "is" else "")
            if body is None:
                out.append(f"<{prefix}c{ref}{t}/>")
            else:
                out.append(f"<{prefix}c{ref}{t}>{body}</{prefix}c>".replace("<f>", f"<{prefix}f>").replace("</f>", f"</{prefix}f>"))
        out.append(f"</{prefix}row>")
    out.append("</sheetData>")
    if draw(st.booleans()):
        out.append('<rowBreaks count="1"><brk id="3"/></rowBreaks>')
    out.append("</worksheet>")
    return "".join(out).encode()


def _scan(xml: bytes, cuts: list[int], fast: bool):
    scan = safety._SheetScan("book.xlsx", "xl/worksheets/sheet1.xml")
    if fast:
        scan.SPLIT = 300  # halve segments that are not plain down to this (64 kB in use)
    else:  # the regex scan only, on the segments as cut
        scan._scan = scan._feed
    carry = b""
    pos = 0
    try:
        for cut in sorted(set(cuts)) + [len(xml)]:
            chunk, pos = xml[pos:cut], cut
            data = carry + chunk
            at = data.rfind(b"row>")
            if at < 0:
                carry = data
                continue
            scan.feed(data[:at + 4])
            carry = data[at + 4:]
        if carry:
            scan.feed(carry)
        scan.finish()
    except SociusError as exc:
        return ("refused", str(exc))
    return (scan.row, scan.max_row, scan.max_col, {k: repr(v) for k, v in scan.faults.items()})


@settings(max_examples=examples(4), deadline=None)
@given(sheet_xml(), st.lists(st.integers(0, 4000), max_size=8))
def test_fast_scan_equals_regex_scan(xml, cuts):
    assert _scan(xml, cuts, True) == _scan(xml, cuts, False)


@pytest.mark.parametrize("n", [1, 9, 10, 99, 100, 101, 1_048_576, 999_999_999])
def test_number_and_letter_bounds(n):
    import re

    p = re.compile(safety._le_number(str(n).encode()) + b"$")
    for m in (1, n - 1, n, n + 1, 10 * n, n // 10):
        assert bool(p.match(str(m).encode())) == (1 <= m <= n)
    assert not p.match(b"0")
    for col in (1, 26, 27, 702, 703, 1000):
        q = re.compile(safety._le_letters(col) + b"$")
        for c in (1, col - 1, col, col + 1, 18278):
            assert bool(q.match(safety._col_letters(c))) == (1 <= c <= col), (col, c)


def test_fast_scan_is_taken_on_plain_sheets():
    xml = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c><c r="C%d" t="s"><v>2</v></c></row>' % (r, r, r)
                   for r in range(1, 2000))
    scan = safety._SheetScan("b.xlsx", "p")
    taken = []
    plain = scan._plain
    scan._plain = lambda seg: taken.append(plain(seg)) or taken[-1]
    # segments cut after row>, as _scan_part does
    parts = xml.split(b"</row>")
    segs = [b"</row>".join(parts[i:i + 100]) + b"</row>" for i in range(0, len(parts) - 1, 100)]
    for seg in segs:
        scan.feed(seg)
    assert any(taken) and (scan.max_row, scan.max_col) == (1999, 3)
