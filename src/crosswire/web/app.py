"""The local web app: stories, briefs, articles, people and search over one store, as pages and JSON.

``create_app`` builds a Starlette app; ``crosswire serve`` runs it on uvicorn. Every page is a
Jinja2 template with autoescape on, so each string that came from an article is escaped; no page
runs a script (the Content-Security-Policy forbids them). See docs/web.md.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from crosswire.model import Article
from crosswire.report import render_json
from crosswire.report.html import LISTED, QUOTED_PER_SIDE, make_environment
from crosswire.report.html import TEMPLATES as REPORT_TEMPLATES
from crosswire.report.json import article_json
from crosswire.settings import Settings, load_settings
from crosswire.store import Store
from crosswire.web import data
from crosswire.web.queries import ChangeCounter
from crosswire.web.search import BadQuery, SearchIndex
from crosswire.web.security import LOOPBACK_HOSTS, Guard, csrf_ok, new_token
from crosswire.web.worker import Worker

HERE = Path(__file__).parent
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9:_.-]{0,99}")  # the shape of a story, article or entity id
STORY_ID = ARTICLE_ID = PERSON_ID = ID
JOB_ID = re.compile(r"[0-9]{1,9}")
MARK = re.compile(r"([0-9]{1,9})-([0-9]{1,9})")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # all files of one upload together
MAX_FILES = 20
MAX_URLS = 50
PAGE_SIZE = 50


@dataclass
class WebState:
    """What the handlers share: the store's path, caches, the CSRF token and the worker."""

    db: Path
    settings: Settings
    csrf_token: str
    worker: Worker
    briefs: data.BriefCache = field(default_factory=data.BriefCache)
    checks: data.CheckCache = field(default_factory=data.CheckCache)
    search: SearchIndex = field(default_factory=SearchIndex)

    def store(self) -> Store:
        return Store.open(self.db)


def _environment() -> jinja2.Environment:
    """The brief's environment, with the web app's own templates first."""
    environment = make_environment(
        jinja2.ChoiceLoader([jinja2.FileSystemLoader(HERE / "templates"), jinja2.FileSystemLoader(REPORT_TEMPLATES)])
    )
    environment.filters["short"] = lambda value: (value or "")[:8]
    return environment


ENVIRONMENT = _environment()


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    state: WebState = request.app.state.web
    html = ENVIRONMENT.get_template(name).render(csrf=state.csrf_token, request_path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)


def stylesheet() -> str:
    """The brief's own styles (``report/templates/_styles.css.j2``) plus the app's additions."""
    base = ENVIRONMENT.get_template("_styles.css.j2").render()
    return base + "\n" + (HERE / "static" / "web.css").read_text("utf-8")


# --------------------------------------------------------------------------- parameters


def _id(request: Request, name: str, pattern: re.Pattern[str]) -> str:
    value = request.path_params[name]
    if not pattern.fullmatch(value):
        raise HTTPException(404, f"No {name.removesuffix('_id')} has the id {value!r}.")
    return str(value)


def _int_param(request: Request, name: str, default: int, *, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise HTTPException(400, f"{name} must be a whole number from {low} to {high}, not {raw!r}.")
    return int(raw)


def _query(request: Request) -> str:
    values = request.query_params.getlist("q")
    if len(values) != 1:
        raise HTTPException(400, "Give one search: ?q=WORDS.")
    return values[0]


def _mark(request: Request, text: str) -> tuple[int, int] | None:
    raw = request.query_params.get("mark")
    if raw is None:
        return None
    found = MARK.fullmatch(raw)
    if not found or not int(found[1]) < int(found[2]) <= len(text):
        raise HTTPException(400, f"mark must be START-END within the article's text, not {raw!r}.")
    return int(found[1]), int(found[2])


# --------------------------------------------------------------------------- lookups


def _story(state: WebState, store: Store, story_id: str) -> data.StoryEntry:
    entry = data.find_story(store, story_id, cache=state.checks)
    if entry is None:
        raise HTTPException(404, f"No story has the id {story_id!r}.")
    return entry


def _article(store: Store, article_id: str) -> Article:
    found = store.articles([article_id])
    if not found:
        raise HTTPException(404, f"No article has the id {article_id!r}.")
    return found[0]


def _person(store: Store, person_id: str) -> data.PersonView:
    person = data.find_person(store, person_id)
    if person is None:
        raise HTTPException(404, f"No person has the id {person_id!r}.")
    return person


def story_row(entry: data.StoryEntry) -> dict[str, Any]:
    """A story as ``/api/stories`` lists it; the counts are the stored check's facts by status."""
    story, counts = entry.story, entry.counts
    return {
        "id": story.id,
        "headline": story.headline,
        "articles": len(story.article_ids),
        "first_published": story.first_published,
        "last_published": story.last_published,
        "checked": counts is not None,
        "checked_at": entry.checked_at,
        "checked_articles": entry.checked_articles,
        "stale": entry.stale,
        "confirmed": counts.confirmed if counts else 0,
        "disputed": counts.disputed if counts else 0,
        "single_source": counts.single_source if counts else 0,
        "contradictions": counts.contradictions if counts else 0,
        "href": f"/stories/{story.id}",
        "api": f"/api/stories/{story.id}",
    }


def article_row(article: Article, story_ids: Sequence[str]) -> dict[str, Any]:
    return {
        **article_json(article),
        "author": article.author,
        "ingested_at": article.ingested_at,
        "language": article.language,
        "text": article.text,
        "story_ids": list(story_ids),
    }


def marked_body(text: str, mark: tuple[int, int] | None) -> Markup:
    """The article text, escaped, with the linked evidence span (if any) in ``<mark id="ev">``."""
    if mark is None:
        return escape(text)
    start, end = mark
    return Markup(f'{escape(text[:start])}<mark id="ev">{escape(text[start:end])}</mark>{escape(text[end:])}')


def safe_link(url: str | None) -> str | None:
    """The URL when it is http(s), to link to; None for a file path or any other scheme."""
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


# --------------------------------------------------------------------------- pages


def stories_page(request: Request) -> Response:
    """The stories, ``PAGE_SIZE`` at a time (``?offset=``)."""
    state: WebState = request.app.state.web
    offset = _int_param(request, "offset", 0, low=0, high=1_000_000)
    with state.store() as store:
        entries = data.story_entries(store, cache=state.checks)
        count = store.count_articles()
    shown = [(e, story_row(e)) for e in entries[offset : offset + PAGE_SIZE]]
    return render(
        request,
        "stories.html.j2",
        entries=shown,
        total=len(entries),
        offset=offset,
        page_size=PAGE_SIZE,
        articles=count,
    )


def story_page(request: Request) -> Response:
    state: WebState = request.app.state.web
    story_id = _id(request, "story_id", STORY_ID)
    with state.store() as store:
        entry = _story(state, store, story_id)
        built = state.briefs.brief(store, entry)
    brief = built[0] if built else None
    people = data.people_of(entry.check)
    person_ids = {name: person.id for person in people for name in (person.name, *person.variants)}
    return render(
        request,
        "story.html.j2",
        entry=entry,
        brief=brief,
        people=people,
        person_ids=person_ids,
        quoted_per_side=QUOTED_PER_SIDE,
        listed=LISTED,
    )


def article_page(request: Request) -> Response:
    state: WebState = request.app.state.web
    article_id = _id(request, "article_id", ARTICLE_ID)
    with state.store() as store:
        article = _article(store, article_id)
        story_ids = data.stories_of_article(store, article_id)
        origins = store.origins(article_id)
    mark = _mark(request, article.text)
    return render(
        request,
        "article.html.j2",
        article=article,
        body=marked_body(article.text, mark),
        story_ids=story_ids,
        origins=origins,
        link=safe_link(article.url),
        marked=mark is not None,
    )


def person_page(request: Request) -> Response:
    state: WebState = request.app.state.web
    person_id = _id(request, "person_id", PERSON_ID)
    with state.store() as store:
        person = _person(store, person_id)
        articles = store.articles(person.article_ids)
    return render(request, "person.html.j2", person=person, articles=articles)


def search_page(request: Request) -> Response:
    state: WebState = request.app.state.web
    if "q" not in request.query_params:
        return render(request, "search.html.j2", q="", hits=None, offset=0)
    q = _query(request)
    offset = _int_param(request, "offset", 0, low=0, high=10_000)
    with state.store() as store:
        try:
            hits = state.search.search(store, q, limit=PAGE_SIZE, offset=offset)
        except BadQuery as e:
            return render(request, "search.html.j2", status_code=400, q=q, hits=None, offset=0, error=str(e))
    return render(request, "search.html.j2", q=q, hits=hits, offset=offset, page_size=PAGE_SIZE)


def sources_page(request: Request, *, status_code: int = 200, error: str | None = None) -> Response:
    state: WebState = request.app.state.web
    return render(
        request,
        "sources.html.j2",
        status_code=status_code,
        max_mb=MAX_UPLOAD_BYTES // (1024 * 1024),
        max_files=MAX_FILES,
        error=error,
        jobs=state.worker.recent(),
    )


async def add_sources(request: Request) -> Response:
    """POST /sources (a form) and /api/sources (JSON ``{"urls": [...]}``): queue a job, show its progress."""
    state: WebState = request.app.state.web
    api = request.url.path.startswith("/api/")
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise HTTPException(411, "Send a Content-Length.")
    if int(length) > MAX_UPLOAD_BYTES + 64 * 1024:
        raise HTTPException(413, f"At most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB per upload.")
    if api:
        if not csrf_ok(request.headers.get("x-csrf-token"), state.csrf_token):
            raise HTTPException(403, "Refused: send the X-CSRF-Token header.")
        try:
            body = await request.json()
        except ValueError as e:
            raise HTTPException(400, 'Send JSON: {"urls": ["https://..."]}.') from e
        urls = body.get("urls") if isinstance(body, dict) else None
        if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
            raise HTTPException(400, 'Send JSON: {"urls": ["https://..."]}.')
        uploads: list[tuple[str, bytes]] = []
    else:
        async with request.form(max_files=MAX_FILES, max_fields=20, max_part_size=MAX_UPLOAD_BYTES) as form:
            if not csrf_ok(_text(form.get("csrf")), state.csrf_token):
                raise HTTPException(403, "Refused: this form is not from this crosswire (bad CSRF token).")
            urls = (_text(form.get("urls")) or "").split()
            uploads = []
            for item in form.getlist("files"):
                if not isinstance(item, str) and item.filename:
                    uploads.append((item.filename, await item.read()))
    urls = [u.strip() for u in urls if u.strip()]
    if len(urls) > MAX_URLS:
        raise HTTPException(400, f"At most {MAX_URLS} URLs at a time.")
    if not urls and not uploads:
        if api:
            raise HTTPException(400, "Give at least one URL.")
        return sources_page(request, status_code=400, error="Give at least one URL or file.")
    job = state.worker.submit(urls, uploads)
    if api:
        return JSONResponse(job.as_json(), status_code=202, headers={"location": f"/api/jobs/{job.id}"})
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def job_page(request: Request) -> Response:
    state: WebState = request.app.state.web
    job = state.worker.job(_id(request, "job_id", JOB_ID))
    if job is None:
        raise HTTPException(404, "No such job (jobs are kept while crosswire serve runs).")
    return render(request, "job.html.j2", job=job)


# --------------------------------------------------------------------------- API


def api_stories(request: Request) -> Response:
    state: WebState = request.app.state.web
    limit = _int_param(request, "limit", 100, low=1, high=1000)
    offset = _int_param(request, "offset", 0, low=0, high=1_000_000)
    with state.store() as store:
        entries = data.story_entries(store, cache=state.checks)
    return JSONResponse({"total": len(entries), "stories": [story_row(e) for e in entries[offset : offset + limit]]})


def api_story(request: Request) -> Response:
    """The story's brief as brief JSON (``crosswire.brief/v1``), as ``crosswire brief --format json`` writes it."""
    state: WebState = request.app.state.web
    story_id = _id(request, "story_id", STORY_ID)
    with state.store() as store:
        entry = _story(state, store, story_id)
        built = state.briefs.brief(store, entry)
    if built is None:
        raise HTTPException(409, f"Story {story_id} has not been cross-checked yet: run crosswire brief.")
    brief, articles = built
    return JSONResponse(render_json([brief], articles))


def api_article(request: Request) -> Response:
    state: WebState = request.app.state.web
    article_id = _id(request, "article_id", ARTICLE_ID)
    with state.store() as store:
        article = _article(store, article_id)
        row = article_row(article, data.stories_of_article(store, article_id))
        row["origins"] = [{"origin": o, "source": s} for o, s in store.origins(article_id)]
    return JSONResponse(row)


def api_person(request: Request) -> Response:
    state: WebState = request.app.state.web
    with state.store() as store:
        person = _person(store, _id(request, "person_id", PERSON_ID))
    return JSONResponse(
        {
            "id": person.entity.id,
            "name": person.entity.name,
            "variants": list(person.variants),
            "roles": list(person.roles),
            "story_ids": list(person.story_ids),
            "article_ids": list(person.article_ids),
            "facts": [{"story_id": s, "text": t, "status": st} for s, t, st in person.facts],
        }
    )


def api_search(request: Request) -> Response:
    state: WebState = request.app.state.web
    q = _query(request)
    limit = _int_param(request, "limit", 20, low=1, high=100)
    offset = _int_param(request, "offset", 0, low=0, high=10_000)
    with state.store() as store:
        try:
            hits = state.search.search(store, q, limit=limit, offset=offset)
        except BadQuery as e:
            raise HTTPException(400, str(e)) from e
    return JSONResponse(
        {
            "q": q,
            "hits": [
                {
                    "article_id": h.article_id,
                    "title": h.title,
                    "source": h.source,
                    "published_at": h.published_at,
                    "snippet": str(h.snippet),
                }
                for h in hits
            ],
        }
    )


def api_job(request: Request) -> Response:
    state: WebState = request.app.state.web
    job = state.worker.job(_id(request, "job_id", JOB_ID))
    if job is None:
        raise HTTPException(404, "No such job.")
    return JSONResponse(job.as_json())


def style(request: Request) -> Response:
    return Response(request.app.state.css, media_type="text/css", headers={"cache-control": "no-cache"})


# --------------------------------------------------------------------------- errors and the app


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    return render(request, "error.html.j2", status_code=exc.status_code, status=exc.status_code, message=exc.detail)


ROUTES = [
    Route("/", stories_page),
    Route("/stories/{story_id}", story_page),
    Route("/articles/{article_id}", article_page),
    Route("/people/{person_id}", person_page),
    Route("/search", search_page),
    Route("/sources", sources_page, methods=["GET"]),
    Route("/sources", add_sources, methods=["POST"]),
    Route("/jobs/{job_id}", job_page),
    Route("/static/style.css", style),
    Route("/favicon.ico", lambda request: Response(status_code=204)),
    Route("/api/stories", api_stories),
    Route("/api/stories/{story_id}", api_story),
    Route("/api/articles/{article_id}", api_article),
    Route("/api/people/{person_id}", api_person),
    Route("/api/search", api_search),
    Route("/api/sources", add_sources, methods=["POST"]),
    Route("/api/jobs/{job_id}", api_job),
]


def create_app(
    db: Path | str,
    *,
    token: str | None = None,
    allowed_hosts: Sequence[str] = LOOPBACK_HOSTS,
    settings: Settings | None = None,
    worker: Worker | None = None,
    csrf_token: str | None = None,
) -> Starlette:
    """The web app over the store at ``db``.

    Args:
        db: the SQLite store (created when missing, like the CLI does).
        token: when set, every request must carry it (see ``security``).
        allowed_hosts: the Host names served; ``("*",)`` for any (only with a token).
        settings: crosswire settings for ingest and the cross-check (default: ``load_settings()``).
        worker: the background worker for added sources (default: one over ``db``).
        csrf_token: the CSRF token pages embed in their forms (default: a fresh random one).
    """
    path = Path(db)
    settings = settings or load_settings()
    Store.open(path).close()  # create or migrate now, not on the first request
    csrf = csrf_token or new_token()
    changes = ChangeCounter(path)
    state = WebState(
        db=path,
        settings=settings,
        csrf_token=csrf,
        worker=worker or Worker(path, settings=settings),
        checks=data.CheckCache(changes=changes),
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        state.worker.stop(timeout=1.0)
        changes.close()

    app = Starlette(
        routes=ROUTES,
        lifespan=lifespan,
        middleware=[Middleware(Guard, csrf_token=csrf, token=token, allowed_hosts=allowed_hosts)],
        exception_handlers={HTTPException: http_error},
    )
    app.state.web = state
    app.state.css = stylesheet()
    return app
