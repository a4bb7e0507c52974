"""problems.py: every problem has a stable code, and every code has its wording in the catalogue."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from helpers import subprocess_pythonpath

import socius_cli
from socius_cli.problems import CATALOGUE, Problem, message, problem

SRC = socius_cli.__file__.rsplit("/", 1)[0]


def _source() -> str:
    from pathlib import Path

    return "\n".join(p.read_text(encoding="utf-8") for p in Path(SRC).rglob("*.py") if p.name != "problems.py")


def test_every_code_raised_in_the_code_is_in_the_catalogue():
    used = set(re.findall(r'(?:problem|BadValue)\(\s*"([a-z-]+)"', _source()))
    used |= set(re.findall(r'"([a-z]+(?:-[a-z]+)+)"', _source())) & set(CATALOGUE)
    assert used, "the pattern finds no code at all"
    assert used - set(CATALOGUE) == set()


def test_every_catalogue_code_is_used_somewhere():
    source = _source()
    unused = [code for code in CATALOGUE if f'"{code}"' not in source]
    assert unused == []


def test_an_unknown_code_is_refused_at_once():
    with pytest.raises(KeyError):
        problem("no-such-code", "a.xlsx", "Blad1", 3)


def test_a_problem_reads_as_before_and_keeps_its_code():
    p = problem("score-above-scale", "e.xlsx", "Evaluaties", 7, "Score", "B", "12", scale="10")
    assert isinstance(p, Problem) and p.code == "score-above-scale"
    assert str(p) == "e.xlsx, sheet 'Evaluaties', row 7, column B 'Score': value '12': a score from 0 to 10 (the scale)"
    assert p.expected == message("score-above-scale", {"scale": "10"})


def test_python_dash_m_runs_the_cli():
    res = subprocess.run([sys.executable, "-m", "socius_cli", "--version"], capture_output=True, text=True,
                         env={"PYTHONPATH": subprocess_pythonpath(), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert res.returncode == 0 and res.stdout.startswith("socius ")
