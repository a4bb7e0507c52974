"""The README documents what the tool does: every command, option, alias and indicator."""

from __future__ import annotations

import re

from helpers import REPO

from socius_cli.contract import DIRECTIONS, STATUSES, TABLES, TARGET_GROUPS
from socius_cli.contract import FORMAT_WORDS as FORMATS

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_table_alias_and_vocabulary_word_is_documented():
    for table in TABLES:
        for name in table.sheet_names:
            assert f"`{name}`" in README, name
        for field in table.fields:
            for alias in field.aliases:
                assert re.search(rf"\b{re.escape(alias)}\b", README), (table.name, alias)
    for word in [*FORMATS, *TARGET_GROUPS, *STATUSES, *DIRECTIONS]:
        if word:
            assert word.replace(" ", "") in README.replace(" ", "").replace("-", "").lower(), word


def test_every_command_and_option_is_documented():
    from typer.main import get_command

    from socius_cli.cli import app

    group = get_command(app)
    for name, command in group.commands.items():
        assert f"### `socius {name}" in README, name
        assert command.help, f"{name} has no help"
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in README, (name, opt)


def test_every_indicator_key_is_defined():
    from socius_cli.output import DEMAND_KEYS, OPEN_KEYS

    for key in [*OPEN_KEYS, *DEMAND_KEYS, "primary_share_pct", "secondary_share_pct",
                "unknown_target_group", "formats", "themes", "topics"]:
        assert f"| {key}" in README or f"/ {key}" in README, key


def test_the_first_two_commands_set_up_and_test():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    assert "pip install . && socius import sample_data && socius stats 2020 && socius report 2020" in blocks[0]
    assert "&& socius report 2016-2020 --format html" in blocks[0]  # the policy period's report too
    assert 'pip install ".[test,postgres]" && pytest -q' in blocks[1]
    ci = (REPO / ".ci" / "run").read_text()
    assert 'pip install ".[test,postgres]" && pytest -q' in ci
    # the lint and type gate runs in CI before the README's test command
    assert ci.index('pip install -q ".[lint]" && ruff check . && mypy') < ci.index(
        'pip install ".[test,postgres]" && pytest -q')
