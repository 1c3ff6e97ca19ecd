"""The brief as one self-contained HTML page, and an index page over several briefs.

Jinja2 renders ``templates/brief.html.j2`` with autoescape on: every string from an article is
escaped. The only markup built in Python is the agreement-matrix SVG and the article text with its
``<mark>`` spans, and both escape each piece of article text with ``markupsafe.escape``. A
Content-Security-Policy allows no network access and only the page's own inline script (by hash),
so even a missed escape could not run a script.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from crosswire.model import Article
from crosswire.report.brief import Brief, Citation, Scope, no_contradictions_message
from crosswire.report.markdown import day
from crosswire.report.svg import matrix_svg

TEMPLATES = Path(__file__).with_name("templates")
QUOTED_PER_SIDE = 3  # evidence sentences quoted per side of a dispute; the rest are citations
LISTED = 25  # single-source claims shown before a "more" fold


@dataclass(frozen=True, slots=True)
class ArticleView:
    """One article as the page shows it: its number, names, and text with evidence marks."""

    number: int
    article_id: str
    outlet: str
    title: str
    published_at: str | None
    url: str | None
    duplicate_of: str | None
    body: Markup


def make_environment(loader: jinja2.BaseLoader | None = None) -> jinja2.Environment:
    """The Jinja2 environment of the brief's templates (autoescaped, strict), shared with the web app."""
    environment = jinja2.Environment(
        loader=loader or jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.filters["day"] = day
    environment.filters["pct"] = lambda value: f"{value:.0%}"
    return environment


ENVIRONMENT = make_environment()


def brief_citations(brief: Brief) -> list[Citation]:
    """Every citation the page links to."""
    found = [c for fact in brief.facts for c in fact.citations]
    found += [c for item in brief.disputed for side in item.sides for c in side.citations]
    found += [item.citation for item in brief.verify]
    found += [c for group in brief.speakers for line in group.quotes for c in line.citations]
    found += [c for entry in brief.timeline for c in entry.citations]
    return found


def mark_layout(citations: Iterable[Citation]) -> tuple[dict[str, list[tuple[int, int, str]]], dict[str, str]]:
    """Non-overlapping marks per article, and where each citation's anchor leads.

    Returns ``(marks, targets)``: ``marks[article_id]`` is a sorted list of ``(start, end, anchor)``;
    ``targets[anchor]`` is the id to link to: the anchor itself, the anchor of an earlier mark that
    overlaps it, or the article section ``art-N`` when the span is empty.
    """
    spans: dict[str, set[tuple[int, int, str, int]]] = {}
    for citation in citations:
        spans.setdefault(citation.article_id, set()).add(
            (citation.start, citation.end, citation.anchor, citation.number)
        )
    marks: dict[str, list[tuple[int, int, str]]] = {}
    targets: dict[str, str] = {}
    for article_id, found in spans.items():
        kept: list[tuple[int, int, str]] = []
        for start, end, anchor, number in sorted(found, key=lambda s: (s[0], -s[1], s[2])):
            if end <= start:
                targets[anchor] = f"art-{number}"
            elif kept and start < kept[-1][1]:
                targets[anchor] = kept[-1][2]
            else:
                kept.append((start, end, anchor))
                targets[anchor] = anchor
        marks[article_id] = kept
    return marks, targets


def marked_text(text: str, marks: Sequence[tuple[int, int, str]]) -> Markup:
    """The article text, escaped, with each evidence span wrapped in ``<mark id=...>``."""
    pieces: list[str] = []
    position = 0
    for start, end, anchor in marks:
        pieces.append(str(escape(text[position:start])))
        pieces.append(f'<mark id="{escape(anchor)}">{escape(text[start:end])}</mark>')
        position = end
    pieces.append(str(escape(text[position:])))
    return Markup("".join(pieces))


def article_views(
    brief: Brief, articles: Mapping[str, Article], marks: Mapping[str, Sequence[tuple[int, int, str]]]
) -> list[ArticleView]:
    """The story's articles, in source-number order, with their evidence marked."""
    views = []
    for ref in brief.sources:
        article = articles.get(ref.article_id)
        body = (
            marked_text(article.text, marks.get(ref.article_id, ()))
            if article
            else Markup("<em>Article text not available.</em>")
        )
        views.append(
            ArticleView(
                ref.number, ref.article_id, ref.outlet, ref.title, ref.published_at, ref.url, ref.duplicate_of, body
            )
        )
    return views


def script_hash(script: str) -> str:
    """The CSP source expression allowing exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _page_script() -> str:
    return (TEMPLATES / "brief.js").read_text(encoding="utf-8")


def render_html(brief: Brief, articles: Mapping[str, Article]) -> str:
    """One self-contained HTML page for ``brief``; ``articles`` by id supply the text shown as evidence.

    With no articles the page says so and shows no empty sections.
    """
    marks, targets = mark_layout(brief_citations(brief))
    script = _page_script()
    template = ENVIRONMENT.get_template("brief.html.j2")
    return template.render(
        brief=brief,
        scope=brief.scope,
        articles=article_views(brief, articles, marks),
        target=lambda citation: targets.get(citation.anchor, f"art-{citation.number}"),
        matrix_svg=matrix_svg(brief) if not brief.empty else Markup(""),
        script=Markup(script),
        script_hash=Markup(script_hash(script)),  # base64 and quotes only, our own
        quoted_per_side=QUOTED_PER_SIDE,
        listed=LISTED,
        no_contradictions=no_contradictions_message(brief.scope.articles, brief.scope.independent_sources),
    )


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One story's line on the index page: what ``render_index_html`` shows of its brief, small
    enough to keep in the store so an unchanged story need not be briefed again to be listed."""

    story_id: str
    generated_at: str
    scope: Scope
    takeaway: str | None = None

    @classmethod
    def of(cls, brief: Brief) -> IndexEntry:
        takeaway = brief.takeaways[0].text if brief.takeaways else None
        return cls(brief.story_id, brief.generated_at, brief.scope, takeaway)

    def to_json(self) -> dict[str, Any]:
        scope = {name: getattr(self.scope, name) for name in self.scope.__dataclass_fields__}
        return {"story_id": self.story_id, "generated_at": self.generated_at, "scope": scope, "takeaway": self.takeaway}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> IndexEntry:
        scope = dict(data["scope"], notes=tuple(data["scope"].get("notes", ())))
        return cls(data["story_id"], data["generated_at"], Scope(**scope), data.get("takeaway"))


def render_index_html(
    briefs: Sequence[Brief | IndexEntry], *, href_for: Callable[[IndexEntry], str] | None = None
) -> str:
    """A page listing several stories' briefs, most articles first, each linking to its page.

    Args:
        briefs: the briefs to list (or their ``IndexEntry``).
        href_for: the link for one story; default ``<story_id>/brief.html``.
    """
    link = href_for or (lambda entry: f"{entry.story_id}/brief.html")
    entries = [b if isinstance(b, IndexEntry) else IndexEntry.of(b) for b in briefs]
    ordered = sorted(entries, key=lambda e: (-e.scope.articles, e.scope.headline, e.story_id))
    template = ENVIRONMENT.get_template("index.html.j2")
    generated = max((e.generated_at for e in entries), default="")
    return template.render(entries=[(entry, link(entry)) for entry in ordered], generated_at=generated)
