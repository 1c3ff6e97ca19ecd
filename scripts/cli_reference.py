"""Write docs/cli.md from the commands' own --help text (``make docs``; a test checks it is current)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from crosswire.cli import cli

OUT = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def reference() -> str:
    parts = [
        "# Command-line reference",
        "",
        "Generated from `--help` by `make docs` (`python scripts/cli_reference.py`); do not edit by hand.",
        "",
        "Exit codes: `0` success; `1` an error, or some inputs could not be ingested (the rest were); `2` bad usage.",
        "",
        "## crosswire",
        "",
        "```",
        _help(cli, "crosswire"),
        "```",
    ]
    for name in sorted(cli.commands):
        parts += ["", f"## crosswire {name}", "", "```", _help(cli.commands[name], f"crosswire {name}"), "```"]
    return "\n".join(parts) + "\n"


def _help(command: click.Command, name: str) -> str:
    with click.Context(command, info_name=name, terminal_width=100, max_content_width=100) as ctx:
        return command.get_help(ctx).rstrip()


if __name__ == "__main__":
    text = reference()
    if "--check" in sys.argv:
        sys.exit(0 if OUT.exists() and OUT.read_text("utf-8") == text else 1)
    OUT.write_text(text, "utf-8")
    print(f"wrote {OUT}")
