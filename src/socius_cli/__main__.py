"""`python -m socius_cli`: the same as the `socius` command."""

from .cli import main

main()
