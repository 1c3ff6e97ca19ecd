"""Small helpers shared by the measurement harnesses (`make bench` and `make eval`)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


def per_doubling(row: Mapping[str, Any], previous: Mapping[str, Any] | None) -> str:
    """Time growth per doubling of ``articles`` between two benchmark rows ('—' for the first row)."""
    if not previous:
        return "—"
    doublings = math.log2(row["articles"] / previous["articles"])
    return f"{(row['seconds'] / previous['seconds']) ** (1 / doublings):.2f}x"


def write_sections(
    path: Path, header: str, fresh: Mapping[str, str], *, order: Sequence[str], titles: Mapping[str, str]
) -> None:
    """Write ``header`` and the sections in ``order``: ``fresh`` ones as given, others kept from ``path``.

    A section of the existing file is recognised by the start of its ``## `` heading (``titles``), so
    running one section refreshes it and leaves the rest of the document as it was.
    """
    kept = _sections(path.read_text("utf-8"), titles) if path.exists() else {}
    body = [fresh.get(name) or kept[name] for name in order if name in fresh or name in kept]
    path.parent.mkdir(exist_ok=True)
    path.write_text(header + "\n\n" + "\n\n".join(body) + "\n", "utf-8")


def _sections(text: str, titles: Mapping[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for chunk in text.split("\n## ")[1:]:
        body = "## " + chunk.strip()
        for name, title in titles.items():
            if body.startswith(title):
                found[name] = body
    return found
