"""ingest/arrow.py, the fast route for big workbook sheets: its own rules, equal to the
per-row reader's. (Whole imports by both routes are compared in test_registrations.py and
test_check.py.)"""

from __future__ import annotations


def test_blank_rows_mask_equals_fill_rule():
    """fastread._blank_rows (Arrow, with a Python fallback) skips exactly the rows `_fill` skips."""
    import pyarrow as pa

    from socius_cli.ingest.arrow import _blank_rows

    cells = [None, "", " ", "\t", "\u00a0", "\u3000x", "\u2003", "\x1c", "\x1f ", "x", " x", "Ümit", "\u200b",
             "\ufeff", "0", "\n\r", "\x85", "a ", "\u00a0\u00a0b"]
    import itertools

    rows = list(itertools.product(cells, [None, " ", "y", "\u2028"]))
    table = pa.table({"0": pa.array([r[0] for r in rows], pa.string()),
                      "1": pa.array([r[1] for r in rows], pa.string()),
                      "2": pa.array([None if i % 3 else 1.5 for i in range(len(rows))], pa.float64())})
    expected = [all(c is None or (isinstance(c, str) and not c.strip()) for c in (r[0], r[1], None if i % 3 else 1.5))
                for i, r in enumerate(rows)]
    assert _blank_rows(table).tolist() == expected
