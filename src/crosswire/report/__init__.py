"""The report stage: turn a story's cross-check into a brief, and render it.

``build_brief`` is pure and deterministic; each renderer reads only the ``Brief`` (the HTML page
also takes the article texts, to show evidence in place)::

    brief = build_brief(story, articles, extractions, check, generated_at=now)
    brief = build_brief(..., previous=PreviousBrief(then, old_story_json, old_articles_json))  # + Developments
    render_terminal(brief, console)
    Path("brief.md").write_text(render_markdown(brief))
    Path("brief.html").write_text(render_html(brief, {a.id: a for a in articles}))
    json.dumps(render_json([brief], articles), indent=2, ensure_ascii=False)
"""

from __future__ import annotations

from crosswire.report.assemble import build_brief
from crosswire.report.brief import Brief, PreviousBrief, StoryHistory
from crosswire.report.html import IndexEntry, render_html, render_index_html
from crosswire.report.json import SCHEMA_ID, SCHEMA_PATH, render_json
from crosswire.report.markdown import render_markdown
from crosswire.report.terminal import render_terminal

__all__ = [
    "SCHEMA_ID",
    "SCHEMA_PATH",
    "Brief",
    "IndexEntry",
    "PreviousBrief",
    "StoryHistory",
    "build_brief",
    "render_html",
    "render_index_html",
    "render_json",
    "render_markdown",
    "render_terminal",
]
