"""The ``crosswire`` command line: thin click commands over ``pipeline`` and ``store``.

Laid out as spaCy lays out its ``cli/``: ``_common`` holds the ``cli`` group and what every command
shares; each module beside it adds a few commands to the group when it is imported here.

Exit codes: 0 success; 1 an error, or some inputs could not be ingested (the rest were);
2 bad usage (click's own).
"""

from __future__ import annotations

from crosswire.cli import articles, brief, serve, stories  # noqa: F401  (each adds its commands)
from crosswire.cli._common import cli, hoist_global_options, reject_line

__all__ = ["cli", "hoist_global_options", "main", "reject_line"]


def main() -> None:
    """The console entry point (``crosswire = "crosswire.cli:main"``) and ``python -m crosswire``."""
    cli(prog_name="crosswire")
