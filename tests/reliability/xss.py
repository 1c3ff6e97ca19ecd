"""An XSS corpus put into every article field, and the pages each output becomes (issue #11).

Each payload, if it ever ran, would bump ``window.__xss``; a page passes when it stays undefined and
no element carries an event handler or a ``javascript:`` link the payloads brought in.
"""

from __future__ import annotations

import html
import io
import json
from dataclasses import replace
from pathlib import Path

from markdown_it import MarkdownIt
from rich.console import Console

from crosswire.report import build_brief, render_html, render_json, render_markdown, render_terminal

BUMP = "window.__xss=(window.__xss||0)+1"
PAYLOADS = [
    f"<script>{BUMP}</script>",
    f"<img src=x onerror={BUMP}>",
    f'<img src="x" onerror="{BUMP}">',
    f"<svg onload={BUMP}>",
    f"<svg><script>{BUMP}</script></svg>",
    f"<iframe srcdoc='<script>parent.{BUMP}</script>'></iframe>",
    f"<body onload={BUMP}>",
    f"<details open ontoggle={BUMP}>",
    f'"><script>{BUMP}</script>',
    f"'><img src=x onerror={BUMP}>",
    f"</textarea><script>{BUMP}</script>",
    f"</title><script>{BUMP}</script>",
    f"<!--<script>{BUMP}</script>-->",
    f"]]><script>{BUMP}</script>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={BUMP}>",
    f"<a href=javascript:{BUMP}>x</a>",
    f"[x](javascript:{BUMP})",
    f'![x](x" onerror="{BUMP})',
    f"<IMG SRC=x OnErRoR={BUMP}>",
    f"<scr<script>ipt>{BUMP}</script>",
    f"&lt;script&gt;{BUMP}&lt;/script&gt;",
    f"{{{{constructor.constructor('{BUMP}')()}}}}",
    f"\u202e<script>{BUMP}</script>",
    f"<style>@import 'javascript:{BUMP}';</style>",
    f"<object data=javascript:{BUMP}>",
    f"<input autofocus onfocus={BUMP}>",
]
CHECK = """(() => JSON.stringify({
    ran: window.__xss || 0,
    handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(
        a => a.name.startsWith('on') && a.value.includes('__xss'))).length,
    links: [...document.querySelectorAll('[href],[src],[data]')].filter(e => ['href', 'src', 'data'].some(
        n => (e.getAttribute(n) || '').toLowerCase().replace(/\\s/g, '').startsWith('javascript:'))).length}))()"""


def hostile_inputs(payload: str):  # noqa: ANN201
    """The report fixtures with ``payload`` in every article-derived field (text, title, outlet, URL, date)."""
    from tests.report.fixtures import make_articles, make_check, make_extractions, make_story

    articles = make_articles()
    hostile = [
        replace(
            a,
            title=f"{a.title} {payload}",
            source=f"{a.source} {payload}",
            author=payload,
            url=f"https://example.org/{a.id}?q={payload}",
            published_at=payload if i == 3 else a.published_at,
        )
        for i, a in enumerate(articles)
    ]
    # the texts keep their sentences (the extractions point into them) and gain the payload at the end
    hostile = [replace(a, text=a.text + f"\n\n{payload}") for a in hostile]
    story = replace(make_story(hostile), headline=f"Spill {payload}")
    return story, hostile, make_extractions(hostile), make_check(hostile)


def pages(payload: str, folder: Path) -> dict[str, Path]:
    """The four outputs of a hostile brief as pages a browser opens: HTML, Markdown rendered, JSON, terminal."""
    story, articles, extractions, check = hostile_inputs(payload)
    brief = build_brief(story, articles, extractions, check, generated_at="2026-03-05T00:00:00Z")
    console = Console(file=io.StringIO(), record=True, width=120, force_terminal=True, color_system="truecolor")
    render_terminal(brief, console)
    json_text = json.dumps(render_json([brief], articles), indent=2, ensure_ascii=False)
    outputs = {
        "html": render_html(brief, {a.id: a for a in articles}),
        "markdown": "<!doctype html><meta charset=utf-8><body>"
        + MarkdownIt("commonmark").render(render_markdown(brief)),
        "json": f"<!doctype html><meta charset=utf-8><body><pre>{html.escape(json_text)}</pre>",
        "terminal": console.export_html(),
    }
    found = {}
    for name, text in outputs.items():
        path = folder / f"{name}.html"
        path.write_text(text, encoding="utf-8")
        found[name] = path
    return found
