"""Zip bombs against the largest realistic workbook: is the rule of `ingest/safety.py` right?

    python bench/zip_limits.py [--workdir DIR] [--keep]

It writes, streaming (never the whole XML in memory):

- realistic: the largest realistic workbooks within socius' limits, re-zipped at level 9,
  each with a sheet part just under the 1 GB limit on a workbook's parts: 1,000,000
  registrations (the contract's columns) with a long remark of repeated text, and 38,000
  activities whose titles are 27,000 characters of one repeated sentence (the most
  compressible content a real sheet holds);
- bombs: one part of white space, one of a repeated empty element (no white space at all),
  one of empty cells without a reference, and shared strings of empty strings, each at 3 MB
  (below the 4 MB of the ratio sign: judged by what they inflate to), and the same at 1 GB
  (the ratio sign, from the directory); and a bomb that is no pattern: 1 GB of empty cells
  with references, as dense as a real sheet;

and times `safety.inspect_workbook` (the container scan that runs before any parser) on
each in a fresh child process: verdict, seconds, peak memory (max RSS). Needs no extra.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" '
      'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ' + NS
      + ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
      '<sheet name="Inschrijvingen" sheetId="1" r:id="rId1"/></sheets></workbook>')
WB_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
           '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'worksheet" Target="worksheets/sheet1.xml"/>'
           '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
REMARK = ("Deelname bevestigd via het inschrijvingsformulier op de website; de deelnemer ontving het "
          "programma, de praktische informatie en de routebeschrijving per e-mail. ") * 4
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ' + NS + "><sheetData>"


def realistic_rows(n: int):
    yield HEAD
    head = ["Activiteit", "E-mail", "Organisatie", "Doelgroep", "Aanwezig", "Opmerking"]
    yield '<row r="1">' + "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>'
                                  for i, h in enumerate(head)) + "</row>"
    for r in range(2, n + 2):
        group = ("primair", "secundair", "")[r % 3]
        yield (f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>A{(r - 2) // 20:07d}</t></is></c>'
               f'<c r="B{r}" t="inlineStr"><is><t>deelnemer{(r * 7919) % 333_333}@example.be</t></is></c>'
               f'<c r="C{r}" t="inlineStr"><is><t>Vereniging {r % 130:03d}</t></is></c>'
               + (f'<c r="D{r}" t="inlineStr"><is><t>{group}</t></is></c>' if group else "")
               + f'<c r="E{r}" t="inlineStr"><is><t>ja</t></is></c>'
               f'<c r="F{r}" t="inlineStr"><is><t>{REMARK}</t></is></c></row>')
    yield "</sheetData></worksheet>"


def long_titles(n: int):
    """Activities whose titles are 27,000 characters of one repeated sentence (Excel allows
    32,767): the most compressible content a real sheet has, about 280 times at level 9."""
    title = "Vorming rond vrijwilligerswerk. " * (27_000 // 32)
    yield HEAD
    head = ["Code", "Titel", "Datum", "Werkvorm", "Dagdelen"]
    yield '<row r="1">' + "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>'
                                  for i, h in enumerate(head)) + "</row>"
    for r in range(2, n + 2):
        yield (f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>T{r:06d}</t></is></c>'
               f'<c r="B{r}" t="inlineStr"><is><t>{title}</t></is></c><c r="C{r}"><v>{43900 + r % 366}</v></c>'
               f'<c r="D{r}" t="inlineStr"><is><t>online</t></is></c><c r="E{r}"><v>2</v></c></row>')
    yield "</sheetData></worksheet>"


def repeated(unit: str, mb: int, head: str = HEAD + "</sheetData>", tail: str = "</worksheet>"):
    yield head
    block = unit * (1024 * 1024 // len(unit))
    for _ in range(mb):
        yield block
    yield tail


ROW_END = "</row></sheetData></worksheet>"
SST_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ' + NS + ">"
SHEET = HEAD + '<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'


def empty_cells(mb: int):
    """Rows of 1,000 empty styled cells with references: a real sheet's density and ratio."""
    yield HEAD
    letters = [""] * 1000
    for c in range(1000):
        n, s = c + 1, ""
        while n:
            n, rem = divmod(n - 1, 26)
            s = chr(65 + rem) + s
        letters[c] = s
    size, r = 0, 0
    while size < mb * 1024 * 1024:
        r += 1
        row = f'<row r="{r}">' + "".join(f'<c r="{x}{r}" s="1"/>' for x in letters) + "</row>"
        size += len(row)
        yield row
    yield "</sheetData></worksheet>"


def strings(mb: int):
    return repeated("<si><t/></si>", mb, SST_HEAD, "</sst>")


def write(path: Path, sheet, shared=None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        for member, parts in (("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", shared)):
            if parts is None:
                continue
            if isinstance(parts, str):
                z.writestr(member, parts)
                continue
            with z.open(member, "w", force_zip64=True) as fh:
                buf: list[str] = []
                size = 0
                for s in parts:
                    buf.append(s)
                    size += len(s)
                    if size > 8_000_000:
                        fh.write("".join(buf).encode())
                        buf, size = [], 0
                fh.write("".join(buf).encode())
    return path


CASES = {
    "realistic: 1M registrations with a long remark, level 9": lambda p: write(p, realistic_rows(1_000_000)),
    "realistic: 38,000 activities with 27,000-character titles, level 9": lambda p: write(p, long_titles(38_000)),
    "bomb: 3 MB of white space": lambda p: write(p, repeated(" ", 3)),
    "bomb: 3 MB of <a/>": lambda p: write(p, repeated("<a/>", 3)),
    "bomb: 3 MB of <c/>": lambda p: write(p, repeated("<c/>", 3, HEAD + '<row r="1">', ROW_END)),
    "bomb: 3 MB of empty shared strings": lambda p: write(p, SHEET, strings(3)),
    "bomb: 1 GB of white space": lambda p: write(p, repeated(" ", 1000)),
    "bomb: 1 GB of <a/>": lambda p: write(p, repeated("<a/>", 1000)),
    "bomb: 1 GB of empty shared strings": lambda p: write(p, SHEET, strings(1000)),
    "bomb: 1 GB of empty cells with references": lambda p: write(p, empty_cells(1000)),
}

SCAN = ("import sys; from pathlib import Path\n"
        "from socius_cli.errors import SociusError\n"
        "from socius_cli.ingest import safety\n"
        "try:\n"
        "    safety.inspect_workbook(Path(sys.argv[1]), 'zip'); print('accepted')\n"
        "except SociusError as e:\n"
        "    print('refused: ' + str(e).split(': ', 1)[1][:90])\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="socius-zip-"))
    work.mkdir(parents=True, exist_ok=True)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)}
    print("| file | size | parts unzipped | largest ratio | verdict of the container scan | time | peak MB |")
    print("|---|---:|---:|---:|---|---:|---:|")
    try:
        for i, (label, make) in enumerate(CASES.items()):
            path = work / f"case{i}.xlsx"
            if not path.exists():
                make(path)
            with zipfile.ZipFile(path) as z:
                infos = z.infolist()
            inflated = sum(x.file_size for x in infos)
            ratio = max(x.file_size / max(x.compress_size, 1) for x in infos)
            t0 = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-c", SCAN, str(path)], env=env, stdout=subprocess.PIPE)
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - t0
            verdict = proc.stdout.read().decode().strip() if proc.stdout else "?"
            print(f"| {label} | {path.stat().st_size / 1e6:.1f} MB | {inflated / 1e6:,.0f} MB | {ratio:,.0f}x | "
                  f"{verdict} | {seconds:.2f} s | {usage.ru_maxrss / 1024:.0f} |", flush=True)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
