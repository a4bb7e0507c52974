"""The command line's own texts in the user's language: help, usage lines and usage errors.

typer (with the copy of click it carries) writes its help headings, usage line and usage
errors in English and without gettext. `SociusGroup` and `SociusCommand` are the click
classes behind `socius` and its commands: before anything is parsed they take the language
(`--lang` among the arguments, else `language` in socius.toml, else Dutch), translate every
help text, metavar and heading through the catalogue (`i18n._`), write the usage line with
a translated prefix, and show usage errors in that language. The help texts themselves are
English msgids in `cli.py`, marked with `N_`.

Nothing here reads data or opens a store, so `socius --help` stays fast.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from .i18n import DEFAULT, LANGUAGES, N_, _, set_language

_click = typer._click  # the click that typer carries (typer >= 0.26)


def language_from(args: Sequence[str], cwd: Path | None = None) -> str:
    """The language a command will speak: `--lang` among `args`, else socius.toml's, else Dutch.

    A wrong value is left for the command to refuse; this only picks the language to do it in.
    """
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else (
            arg.partition("=")[2] if arg.startswith("--lang=") else None)
        if value in LANGUAGES:
            return value
    try:
        import tomllib

        data = tomllib.loads(((cwd or Path.cwd()) / "socius.toml").read_text(encoding="utf-8"))
        value = data.get("language")
        if value in LANGUAGES:
            return str(value)
    except (OSError, ValueError):  # no file, not UTF-8, not TOML: the command says so itself
        pass
    return DEFAULT


def _translated(obj: Any, attr: str) -> None:
    """Set `obj.attr` to the translation of its msgid (kept on first sight, so it can change language)."""
    msgids = obj.__dict__.setdefault("_socius_msgids", {})
    if attr not in msgids:
        msgids[attr] = getattr(obj, attr, None)
    msgid = msgids[attr]
    if isinstance(msgid, str) and msgid:
        setattr(obj, attr, _(msgid))


def localise(command: Any) -> None:
    """Translate the help texts, metavars and usage words of `command` and its subcommands."""
    for attr in ("help", "short_help", "options_metavar", "subcommand_metavar"):
        _translated(command, attr)
    for param in getattr(command, "params", []):
        _translated(param, "help")
        _translated(param, "metavar")
    for sub in getattr(command, "commands", {}).values():
        localise(sub)


def install() -> None:
    """typer's own headings ("Options", "Arguments", "Commands") through our catalogue."""
    import typer.core

    typer.core._ = _


class _Localised:
    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage:") + " ")

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


class SociusCommand(_Localised, TyperCommand):
    """A socius command: its usage line and --help in the user's language."""


class SociusGroup(_Localised, TyperGroup):
    """`socius` itself: picks the language, then parses, and shows usage errors in it."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, windows_expand_args: bool = True,
             **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        set_language(language_from(argv))
        install()
        localise(self)
        try:
            result = super().main(argv, prog_name, complete_var, standalone_mode=False,
                                  windows_expand_args=windows_expand_args, **extra)
        except _click.exceptions.ClickException as exc:
            if not standalone_mode:
                raise
            show_error(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            if not standalone_mode:
                raise
            _click.echo(_("Aborted!"), err=True)
            sys.exit(1)
        if standalone_mode:
            sys.exit(result if isinstance(result, int) else 0)
        return result


# What typer words through gettext itself (patched by `install`), listed for Babel.
TYPER_MESSAGES = (N_("Options"), N_("Arguments"), N_("Commands"), N_("default: {default}"), N_("required"),
                  N_("Missing command."), N_("No such command {name!r}."), N_("Aborted!"), N_("(dynamic)"),
                  N_("env var: {var}"), N_("[OPTIONS]"), N_("COMMAND [ARGS]..."))

# click's usage errors, as its copy in typer words them, and their msgids.
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p + r"\Z", re.S), m) for p, m in (
    (r"Missing argument '(?P<name>[^']*)'\.", N_("Missing argument '{name}'.")),
    (r"Missing option '(?P<name>[^']*)'\.", N_("Missing option '{name}'.")),
    (r"Missing parameter: (?P<name>.*)", N_("Missing parameter: {name}")),
    (r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.*)\)",
     N_("No such option: {name} (did you mean {options}?)")),
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
    (r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", N_("Unexpected extra argument(s): {args}")),
    (r"Option '(?P<name>[^']*)' requires an argument\.", N_("Option '{name}' requires a value.")),
    (r"Invalid value for (?P<name>.*?): '(?P<value>.*)' is not a valid (int|integer|float)\.",
     N_("Invalid value for {name}: '{value}' is not a number.")),
    (r"Invalid value for (?P<name>.*?): '(?P<value>.*)' is not one of (?P<choices>.*)\.",
     N_("Invalid value for {name}: '{value}' is not one of {choices}.")),
    (r"Invalid value for (?P<name>.*?): (?P<message>.*)", N_("Invalid value for {name}: {message}")),
))
_DID_YOU_MEAN = re.compile(r"(?P<head>.*?)\.? Did you mean (?P<options>.*)\?\Z", re.S)


def error_text(message: str) -> str:
    """A click usage error in the active language (as it was, when no pattern knows it)."""
    m = _DID_YOU_MEAN.match(message)
    if m:  # typer adds this to any message, possibly already translated
        return error_text(m["head"] + ".") + " " + _("Did you mean {options}?").format(options=m["options"])
    for pattern, msgid in _ERRORS:
        m = pattern.match(message)
        if m:
            words = {k: (v.replace(" / ", _(" or ")) if k == "name" else v)
                     for k, v in m.groupdict().items() if v is not None}
            return _(msgid).format(**words)
    return message


def show_error(exc: Any) -> None:
    """What click's `show` prints, in the active language."""
    if isinstance(exc, _click.exceptions.NoArgsIsHelpError):
        exc.show()  # the help text, already translated
        return
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        _click.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            _click.echo(_("Try '{command} {option}' for help.").format(
                command=ctx.command_path, option=ctx.help_option_names[0]) + "\n", err=True)
    _click.echo(_("Error: {message}").format(message=error_text(exc.format_message())), err=True)
