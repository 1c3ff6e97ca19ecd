"""A compact rich summary of the brief for the terminal: scope, takeaways, disputes, scorecard.

All article text goes through ``rich.text.Text`` (never markup), so brackets in an article cannot
restyle the terminal output, and through ``text.one_line``, so escape codes and line breaks in it
cannot reach the terminal either.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from crosswire.report.brief import VERIFY_SHOWN, Brief, no_contradictions_message
from crosswire.report.markdown import cites, day
from crosswire.text import one_line

SHOWN = 5  # items per section in the terminal; the files have the rest
STATUS_STYLE = {"confirmed": "green", "disputed": "red", "single-source": "yellow"}


def render_terminal(brief: Brief, console: Console) -> None:
    """Print a compact summary of ``brief`` to ``console``."""
    console.print(_header(brief))
    if brief.empty:
        return
    if brief.developments:
        console.print(_developments(brief))
    console.print(_takeaways(brief))
    console.print(_disputed(brief))
    console.print(_verify(brief))
    console.print(_scorecard(brief))


def _header(brief: Brief) -> Panel:
    scope = brief.scope
    span = one_line(day(scope.first_published))
    if scope.last_published and day(scope.last_published) != day(scope.first_published):
        span += f" to {one_line(day(scope.last_published))}"
    body = Text()
    if not brief.empty:
        body.append(f"{scope.articles} articles · {scope.independent_sources} independent sources · {span}\n")
        body.append(f"{scope.confirmed} confirmed", STATUS_STYLE["confirmed"])
        body.append(" · ")
        body.append(f"{scope.disputed} disputed", STATUS_STYLE["disputed"])
        body.append(" · ")
        body.append(f"{scope.single_source} single-source facts", STATUS_STYLE["single-source"])
        body.append(" · ")
        body.append(f"{len(brief.disputed)} contradictions", STATUS_STYLE["disputed"])
    for note in scope.notes:
        body.append(f"\n{one_line(note)}", "italic")
    return Panel(body, title=Text(one_line(scope.headline), "bold"), title_align="left")


def _developments(brief: Brief) -> Group:
    assert brief.developments is not None
    lines: list[Text] = [Text(f"Developments since {day(brief.developments.since)}", "bold underline")]
    sections = brief.developments.sections()
    if not sections:
        lines.append(Text("Nothing new since the previous brief.", "italic"))
    for title, items in sections:
        lines.append(Text(title, "bold"))
        lines += [Text(f"  • {one_line(item)}") for item in items[:SHOWN]]
        if len(items) > SHOWN:
            lines.append(Text(f"  … and {len(items) - SHOWN} more", "italic"))
    return Group(*lines, Text())


def _takeaways(brief: Brief) -> Group:
    lines: list[Text] = [Text("Key takeaways", "bold underline")]
    if not brief.takeaways:
        lines.append(Text("No fact is confirmed by two independent sources.", "italic"))
    for index, fact in enumerate(brief.takeaways[:SHOWN], start=1):
        line = Text(f"{index}. ")
        line.append(one_line(fact.text))
        line.append(f" {cites(fact.citations)}", "cyan")
        line.append(f" {fact.support}", STATUS_STYLE["confirmed"])
        lines.append(line)
        for item in brief.disputes_of(fact):  # the figure, date or name another source gives otherwise
            style = "cyan" if item.developing else STATUS_STYLE["disputed"]
            lines.append(
                Text(f"   {'developing' if item.developing else 'disputed'}: {one_line(item.summary())}", style)
            )
    return Group(*lines, Text(""))


def _disputed(brief: Brief) -> Group:
    lines: list[Text] = [Text("Disputed", "bold underline")]
    if not brief.disputed:
        lines.append(Text(no_contradictions_message(brief.scope.articles, brief.scope.independent_sources), "italic"))
    for item in brief.disputed[:SHOWN]:
        developing = item.developing
        line = Text(
            "[developing] " if developing else f"[{item.severity}] ",
            "cyan" if developing else "bold red" if item.severity == "high" else "yellow",
        )
        line.append(f"{one_line(item.subject)}: ", "bold")
        line.append(
            (" then " if developing else " vs ").join(
                f"{one_line(side.value)} {cites(side.citations)}" for side in item.sides
            )
        )
        line.append(f" ({item.kind})", "dim")
        lines.append(line)
    if len(brief.disputed) > SHOWN:
        lines.append(Text(f"... and {len(brief.disputed) - SHOWN} more", "dim"))
    return Group(*lines, Text(""))


def _verify(brief: Brief) -> Group:
    lines: list[Text] = [Text("Single-source claims to verify", "bold underline")]
    if not brief.verify:
        lines.append(Text("None.", "italic"))
    for item in brief.verify[:VERIFY_SHOWN]:
        line = Text("figure " if item.kind == "figure" else "claim  ", "yellow")
        line.append(one_line(item.text))
        line.append(f" only in {one_line(item.outlet)} [{item.citation.number}]", "dim")
        lines.append(line)
    if len(brief.verify) > VERIFY_SHOWN:
        lines.append(Text(f"... and {len(brief.verify) - VERIFY_SHOWN} more", "dim"))
    return Group(*lines, Text(""))


def _scorecard(brief: Brief) -> Table:
    table = Table(
        title="Sources (least filler first; date as month-day)", title_justify="left", show_edge=False, pad_edge=False
    )
    table.add_column("#", justify="right")
    table.add_column("Outlet", no_wrap=True, overflow="ellipsis", max_width=20)
    table.add_column("Date", no_wrap=True)
    for name in ("Words", "Dens.", "Filler", "Uniq.", "Contra."):
        table.add_column(name, justify="right")
    table.add_column("Grp")
    for row in brief.scorecard:
        filler = Text(f"{row.filler_share:.0%}", "bold red" if row.padded else "")
        month_day = one_line(row.published_at[5:10]) if row.published_at else "-"
        table.add_row(
            str(row.number),
            Text(one_line(row.outlet)),
            Text(month_day),
            str(row.words),
            f"{row.fact_density:.1f}",
            filler,
            str(row.unique_facts),
            str(row.contradicted_facts),
            Text(one_line(row.syndication_group or "")),
        )
    return table
