"""``crosswire show``: one article in the terminal with what was extracted from it, colour-coded."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from crosswire.model import Article, Extraction
from crosswire.text import one_line

STYLES = {"person": "bold cyan", "role": "cyan", "figure": "bold yellow", "date": "magenta", "quote": "green"}


def highlighted_text(article: Article, extraction: Extraction) -> Text:
    """The article text with people, roles, figures, dates and quotes styled; filler sentences dimmed."""
    text = Text(article.text)
    for claim in extraction.claims:
        if not claim.checkable:
            text.stylize("dim", claim.start, claim.end)
    for quote in extraction.quotes:
        text.stylize(STYLES["quote"], quote.start, quote.end)
    for date in extraction.dates:
        text.stylize(STYLES["date"], date.start, date.end)
    for figure in extraction.figures:
        text.stylize(STYLES["figure"], figure.start, figure.end)
    for person in extraction.people:
        if person.role_start is not None and person.role_end is not None:
            text.stylize(STYLES["role"], person.role_start, person.role_end)
        text.stylize(STYLES["person"], person.start, person.end)
    return text


def _table(title: str, columns: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text(one_line(cell)) for cell in row))
    return table


def render_article(article: Article, extraction: Extraction, console: Console) -> None:
    """Print the article and tables of its people, figures, dates, quotes, statuses and claim share."""
    header = Text(one_line(article.title or "(untitled)"), "bold")
    header.append(
        f"\n{one_line(article.source or article.url)} · {one_line(article.published_at or 'no date')} · "
        f"{article.words} words · {article.id}\n"
    )
    for name, style in STYLES.items():
        header.append(name, style)
        header.append("  ")
    header.append("filler", "dim")
    checkable = sum(c.checkable for c in extraction.claims)
    people = [(p.text, p.given, p.family, p.role or "—") for p in extraction.people]
    figures = [
        (f.text, f"{f.value:g}", f.unit or f.currency or "—", f.rate or "—", f.approx or "—")
        for f in extraction.figures
    ]
    dates = [(d.text, d.value or "?", d.granularity, f"{d.certainty:.2f}") for d in extraction.dates]
    quotes = [(q.text, q.speaker or "?", q.verb or "—") for q in extraction.quotes]
    statuses = [(s.thing, s.state, article.text[s.start : s.end]) for s in extraction.statuses]
    summary = Text(f"{checkable} of {len(extraction.claims)} sentences are checkable claims")
    for note in extraction.notes:
        summary.append("\nnote:", "yellow")
        summary.append(f" {one_line(note)}")
    console.print(
        Group(
            Panel(header),
            highlighted_text(article, extraction),
            _table("People", ("as written", "given", "family", "role"), people),
            _table("Figures", ("phrase", "value", "unit", "rate", "approx."), figures),
            _table("Dates", ("phrase", "resolved", "granularity", "certainty"), dates),
            _table("Quotes", ("quote", "speaker", "verb"), quotes),
            _table("Statuses", ("measure", "state", "words"), statuses),
            summary,
        )
    )
