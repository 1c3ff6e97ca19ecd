"""The agreement matrix as inline SVG: facts down the side, sources across, one cell each.

Every label comes from an article or the check, so each is escaped with ``markupsafe.escape``.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from crosswire.report.brief import Brief

CELL = 22  # px per cell
LABEL_WIDTH = 360  # px for the fact labels
HEADER = 30  # px for the source numbers on top
MAX_COLUMNS = 60  # sources drawn; the JSON has all of them
LABEL_CHARS = 48
COLOURS = {"supports": "#2e7d32", "contradicts": "#c62828", "silent": "#eceff1"}
STATUS_COLOURS = {"confirmed": "#2e7d32", "disputed": "#c62828", "single-source": "#b26a00"}


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _cell(x: int, y: int, state: str, tooltip: str) -> str:
    colour = COLOURS[state]
    shape = f'<rect x="{x + 2}" y="{y + 2}" width="{CELL - 4}" height="{CELL - 4}" rx="3" fill="{colour}"/>'
    if state == "contradicts":
        a, b = x + 7, x + CELL - 7
        c, d = y + 7, y + CELL - 7
        shape += f'<path d="M{a} {c}L{b} {d}M{b} {c}L{a} {d}" stroke="#fff" stroke-width="2.2" stroke-linecap="round"/>'
    return f'<g class="cell {state}"><title>{escape(tooltip)}</title>{shape}</g>'


def matrix_svg(brief: Brief) -> Markup:
    """The matrix of ``brief`` as an ``<svg>`` element, or a short note when there are no facts."""
    matrix = brief.matrix
    if not matrix.rows:
        return Markup('<p class="muted">No facts to chart.</p>')
    columns = matrix.numbers[:MAX_COLUMNS]
    width = LABEL_WIDTH + CELL * len(columns) + 8
    height = HEADER + CELL * len(matrix.rows) + 4
    parts = [
        f'<svg class="matrix" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="Agreement matrix: '
        f'{len(matrix.rows)} facts by {len(columns)} sources">'
    ]
    for index, number in enumerate(columns):
        x = LABEL_WIDTH + CELL * index + CELL // 2
        outlet = escape(brief.source(number).outlet)
        parts.append(
            f'<text class="col" x="{x}" y="{HEADER - 10}" text-anchor="middle">'
            f"<title>[{number}] {outlet}</title>{number}</text>"
        )
    for row_index, row in enumerate(matrix.rows):
        y = HEADER + CELL * row_index
        colour = STATUS_COLOURS[row.status]
        parts.append(f'<rect x="0" y="{y + 5}" width="4" height="{CELL - 10}" fill="{colour}"/>')
        parts.append(
            f'<text class="label" x="10" y="{y + CELL - 7}"><title>{escape(row.label)} '
            f"({row.status})</title>{escape(_short(row.label))}</text>"
        )
        for index, (number, state) in enumerate(zip(matrix.numbers, row.cells, strict=True)):
            if index >= MAX_COLUMNS:
                break
            tooltip = f"[{number}] {brief.source(number).outlet} {state}: {row.label}"
            parts.append(_cell(LABEL_WIDTH + CELL * index, y, state, tooltip))
    parts.append("</svg>")
    return Markup("".join(parts))
