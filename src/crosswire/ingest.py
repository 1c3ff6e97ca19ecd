"""Ingest: files, folders, JSON(L), saved HTML, URLs and feeds -> ``Ingested | Rejected``.

Every input yields at least one result; a bad input yields a ``Rejected`` naming it and the reason,
and the batch goes on. Each file, record, URL and feed item is read inside ``guarded``, which turns
any unexpected exception into a one-line ``Rejected`` (the traceback is logged at debug level, shown
by ``crosswire --verbose``). Articles leave here normalised (``text.normalize_text``) and identified by
the hash of that text. De-duplication and storage happen later (``dedupe``, ``store``).

Folders are walked recursively in name order; files and folders whose names start with ``.`` or
``_`` are skipped (so an answer key can sit beside its articles as ``_answer_key.json``), and so are
``README.*`` files, which describe a folder rather than report news. Symlinks are followed, but a
folder or file already visited is not read again, so a symlink loop ends the walk there.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

import charset_normalizer
import yaml

from crosswire.errors import InputError
from crosswire.fetch import FeedItem, Fetcher, HttpFetcher, is_url, parse_feed
from crosswire.model import Article, Rejected
from crosswire.published import parse_published
from crosswire.settings import Settings
from crosswire.text import content_hash, guess_language, normalize_text, one_line

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

#: JSON(L) record fields tried in order for each article field; ``--field text=body`` overrides.
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "guid", "uuid"),
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article"),
    "url": ("url", "link", "href"),
    "date": ("date", "published_at", "published", "pubDate", "datetime"),
    "source": ("source", "outlet", "publisher", "site", "domain"),
    "author": ("author", "byline", "authors"),
}


@dataclass(frozen=True)
class Draft:
    """An article before normalisation: what an input format could read."""

    origin: str  # where it was read: path, "file.jsonl:7", or the URL fetched
    text: str
    url: str | None = None  # the article's own URL when the input names one
    title: str | None = None
    source: str | None = None
    author: str | None = None
    published_at: Any = None  # as given: a string, or a JSON number; validated in ``finish``
    external_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def load_inputs(
    inputs: Sequence[str],
    *,
    settings: Settings,
    fields: Mapping[str, str] | None = None,
    fetcher: Fetcher | None = None,
    allow_private: bool = False,
) -> Iterator[Ingested | Rejected]:
    """Read every input (path or URL) and yield one result per article or failure.

    Args:
        inputs: file paths, folder paths, URLs of pages or RSS/Atom feeds.
        settings: size limits, fetch limits, minimum article length.
        fields: JSON(L) field overrides, e.g. ``{"text": "body"}``.
        fetcher: how URLs are fetched (tests pass a canned one).
        allow_private: allow URLs on loopback/private addresses.
    """
    mapping = {k: (v,) for k, v in (fields or {}).items()}
    for raw in inputs:
        if is_url(raw):
            fetch = fetcher or HttpFetcher(settings=settings, allow_private=allow_private)
            yield from guarded(raw, _from_url(raw, fetch=fetch, settings=settings, walk=_FeedWalk()))
        else:
            yield from guarded(raw, _from_path(Path(raw), settings=settings, fields=mapping))


def guarded(name: str, results: Iterator[Ingested | Rejected]) -> Iterator[Ingested | Rejected]:
    """``results``, with any unexpected exception turned into one ``Rejected`` line for ``name``.

    What was yielded before the exception stands; what would have come after it from the same
    input is lost, which is why records and feed items are guarded one by one as well."""
    try:
        yield from results
    except Exception as e:  # noqa: BLE001 - one bad input must never stop the batch
        log.debug("unexpected error reading %s", name, exc_info=True)
        yield Rejected(name, "ingest", unexpected(e))


def unexpected(error: BaseException) -> str:
    """The one-line reason for an exception crosswire did not raise on purpose."""
    message = one_line(str(error))
    message = message if len(message) <= 200 else message[:199] + "…"
    return f"unexpected error: {type(error).__name__}" + (f": {message}" if message else "")


def _from_path(
    path: Path, *, settings: Settings, fields: Mapping[str, tuple[str, ...]]
) -> Iterator[Ingested | Rejected]:
    if not path.exists():
        yield Rejected(str(path), "ingest", "no such file or folder")
    elif path.is_dir():
        files = sorted(_walk(path))
        if not files:
            yield Rejected(str(path), "ingest", "folder holds no readable article files")
        for file in files:
            yield from guarded(str(file), _from_file(file, settings=settings, fields=fields))
    else:
        yield from _from_file(path, settings=settings, fields=fields)


def _walk(folder: Path, seen: set[tuple[int, int]] | None = None) -> Iterator[Path]:
    """Article files under ``folder``. A folder (or file) reached a second time, through a symlink or a
    symlink loop, is skipped, so each real file is read once and the walk always ends."""
    seen = set() if seen is None else seen
    if not _first_visit(folder, seen):
        return
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return
    for path in entries:
        if path.name.startswith((".", "_")) or path.stem.upper() == "README":
            continue
        if path.is_dir():
            yield from _walk(path, seen)
        elif path.suffix.lower() in KNOWN_SUFFIXES and _first_visit(path, seen):
            yield path


def _first_visit(path: Path, seen: set[tuple[int, int]]) -> bool:
    try:
        info = path.stat()
    except OSError:
        return True  # a dangling link: let reading it report the error
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def _from_file(
    path: Path, *, settings: Settings, fields: Mapping[str, tuple[str, ...]]
) -> Iterator[Ingested | Rejected]:
    name = str(path)
    try:
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES and _size(path) > settings.max_input_bytes:
            # a day of news exported as one file: read a line at a time, the limit holding for each line
            drafts = _large_jsonl_drafts(path, limit=settings.max_input_bytes, fields=fields)
        else:
            drafts = _drafts_of(read_text(path, max_bytes=settings.max_input_bytes), suffix, name=name, fields=fields)
        found = False
        for draft in drafts:
            found = True
            yield draft if isinstance(draft, Rejected) else _finish_guarded(draft, settings=settings)
        if not found:
            yield Rejected(name, "ingest", "no records in the file")
    except InputError as e:
        yield Rejected(name, "ingest", e.reason)


def _drafts_of(
    text: str, suffix: str, *, name: str, fields: Mapping[str, tuple[str, ...]]
) -> Iterator[Draft | Rejected]:
    if suffix in HTML_SUFFIXES:
        return iter([draft_from_html(text, origin=name)])
    if suffix in JSONL_SUFFIXES:
        return drafts_from_jsonl(text, origin=name, fields=fields)
    if suffix in JSON_SUFFIXES:
        return drafts_from_json(text, origin=name, fields=fields)
    return iter([draft_from_text(text, origin=name)])


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # let reading it report the error


def _large_jsonl_drafts(path: Path, *, limit: int, fields: Mapping[str, tuple[str, ...]]) -> Iterator[Draft | Rejected]:
    """A JSONL file over ``max_input_bytes``, a line at a time: a line over the limit or not UTF-8 (as
    JSON Lines requires) is refused by its line number; a binary file is refused once."""
    name = str(path)
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(_bounded_lines(handle, limit), start=1):
                origin = f"{name}:{number}"
                if isinstance(raw, int):
                    yield Rejected(
                        origin, "ingest", f"line is {raw:,} bytes, over the {limit:,}-byte limit (max_input_bytes)"
                    )
                    continue
                if b"\x00" in raw:
                    yield Rejected(name, "ingest", "binary file (contains NUL bytes), not text")
                    return
                try:
                    line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError:
                    yield Rejected(origin, "ingest", "not UTF-8 (a JSONL file over max_input_bytes is read as UTF-8)")
                    continue
                draft = _jsonl_line(line, origin=origin, fields=fields)
                if draft is not None:
                    yield draft
    except OSError as e:
        yield Rejected(name, "ingest", f"cannot read file ({e.strerror or e})")


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes | int]:
    """The lines of a binary file; a line over ``limit`` bytes is skipped unread and given as its size."""
    while raw := handle.readline(limit + 1):
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield raw
            continue
        size = len(raw)
        while raw and not raw.endswith(b"\n"):
            raw = handle.readline(1 << 20)
            size += len(raw)
        yield size


def read_text(path: Path, *, max_bytes: int) -> str:
    """Read a file as text, detecting its encoding.

    Raises:
        InputError: unreadable, empty, too large, binary, or of an unknown encoding.
    """
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(name, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (max_input_bytes)")
        data = path.read_bytes()
    except OSError as e:
        raise InputError(name, f"cannot read file ({e.strerror or e})") from e
    return decode(data, name=name)


_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def decode(data: bytes, *, name: str) -> str:
    """Bytes -> str: UTF-8 (with or without BOM) first, else charset-normalizer's best guess."""
    if not data.strip():
        raise InputError(name, "empty input")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(name, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(name, "unknown text encoding (looks binary)")
    # When Windows-1252 (what the web reads unlabelled Latin-1 as) reads the bytes as cleanly as the
    # best guess, it wins: one accented letter says too little to tell code pages apart ('Brême' is
    # not 'Bręme').
    for match in matches:
        if match.encoding in _WESTERN and match.chaos <= best.chaos + 0.01:
            return str(match)
    return str(best)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_HEADING = re.compile(r"^#{1,6}\s+")


def draft_from_text(text: str, *, origin: str) -> Draft:
    """Plain text or Markdown, with optional ``---`` front matter (title/source/author/date/url/id)."""
    meta: dict[str, str] = {}
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if match:
        meta = front_matter(match.group(1))
        text = text.lstrip("\ufeff")[match.end() :]
    title = meta.get("title")
    if title is None:
        title, text = _title_from_first_line(text)
    return Draft(
        origin=origin,
        url=meta.get("url"),
        text=text,
        title=title,
        source=meta.get("source"),
        author=meta.get("author"),
        published_at=meta.get("date") or meta.get("published_at"),
        external_id=meta.get("id"),
    )


def front_matter(block: str) -> dict[str, str]:
    """The fields of a ``---`` front-matter block, keys lower-cased, values as text.

    Read as YAML, so quoting and escapes mean what they mean in YAML (``title: "\\"Start,\\" he
    said"`` is the title with its quote marks), every value kept as the text it is (PyYAML's base
    loader: ``source: NO`` stays "NO", a date stays as written). A block that is not valid YAML (an
    unquoted title with a colon in it) is read line by line as ``key: value``.
    """
    try:
        loaded = yaml.load(block, Loader=yaml.BaseLoader)  # noqa: S506  (BaseLoader builds only strings)
    except yaml.YAMLError:
        loaded = None
    if isinstance(loaded, dict):
        return {
            str(key).strip().lower(): value.strip()
            for key, value in loaded.items()
            if isinstance(value, str) and value.strip()
        }
    meta: dict[str, str] = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta


# A site's name after the headline: "Leak | DW | 19.01.2020", "Teen shot :: WRAL.com", "Leak - BBC News".
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||::|–|—|-)\s+")
_SITE_DATE = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}$|^\d{4}-\d{2}-\d{2}$")
_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|news|tv|co|uk|de|fr|in|au|ca|ie)$", re.I)


def clean_title(title: str, *, source: str | None = None, url: str | None = None) -> str:
    """A headline without the site's name (and date) a page title appends: " | DW | 19.01.2020",
    " :: WRAL.com", " - BBC News" when the source is BBC News. After " | " or " :: " a short last part
    (four words or fewer) is taken as a site name; after a dash only a domain, a date, or the source's
    or the address's own name, since a dash also joins the parts of a headline ("Nepal plane crash - 68
    bodies recovered")."""
    site_names = {_fold(name) for name in (source, _host_name(url)) if name}
    while True:
        parts = _TITLE_SEPARATOR.split(title)
        if len(parts) < 2:
            return title
        last = parts[-1].strip()
        separator = _TITLE_SEPARATOR.findall(title)[-1].strip()
        site = bool(_DOMAIN.match(last) or _SITE_DATE.match(last) or _fold(last) in site_names) or (
            separator in {"|", "::"} and len(last.split()) <= 4
        )
        head = title[: title.rfind(_TITLE_SEPARATOR.findall(title)[-1])].strip()
        if not site or not head:
            return title
        title = head


def _fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower().removeprefix("www."))


def _host_name(url: str | None) -> str | None:
    """'https://www.dw.com/en/...' -> 'dw' (the address's site name, for comparing with a title's tail)."""
    match = re.match(r"https?://(?:www\.)?([^/.]+)\.", url or "")
    return match.group(1) if match else None


def _title_from_first_line(text: str) -> tuple[str | None, str]:
    """Take the first line as title when it looks like one: a heading, or short with no final stop."""
    stripped = text.lstrip()
    first, _, rest = stripped.partition("\n")
    line = first.strip()
    looks_like_title = _HEADING.match(line) or (
        0 < len(line) <= 160 and not line.endswith((".", "!", "?", ":", ";", ",")) and rest.strip()
    )
    if not looks_like_title:
        return None, text
    return _HEADING.sub("", line).strip() or None, rest


def draft_from_html(html: str, *, origin: str, url: str | None = None) -> Draft | Rejected:
    """A saved web page: trafilatura for the main text and metadata, htmldate for the date."""
    import trafilatura  # start-up cost: ~0.5 s with htmldate, paid only for saved HTML pages
    from htmldate import find_date  # start-up cost, with trafilatura

    try:
        document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except Exception as e:  # trafilatura raises assorted lxml errors on broken markup
        return Rejected(origin, "ingest", f"malformed HTML ({type(e).__name__})")
    assert not isinstance(document, dict)  # a dict only with as_dict=True
    if document is None or not document.text or not document.text.strip():
        return Rejected(origin, "ingest", "no article text found in the HTML page")
    date = document.date
    if not date:
        try:
            date = find_date(html, url=url, extensive_search=False)
        except Exception:  # htmldate is best-effort; a page without a date is still an article
            date = None
    return Draft(
        origin=origin,
        url=url,
        text=document.text,
        title=document.title,
        source=document.sitename or document.hostname,
        author=document.author,
        published_at=date,
    )


def drafts_from_jsonl(text: str, *, origin: str, fields: Mapping[str, tuple[str, ...]]) -> Iterator[Draft | Rejected]:
    """One JSON object per line; blank lines skipped; a bad line is rejected, the rest go on."""
    for number, line in enumerate(text.splitlines(), start=1):
        draft = _jsonl_line(line, origin=f"{origin}:{number}", fields=fields)
        if draft is not None:
            yield draft


def _jsonl_line(line: str, *, origin: str, fields: Mapping[str, tuple[str, ...]]) -> Draft | Rejected | None:
    """One JSONL line's record; None for a blank line."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        return Rejected(origin, "ingest", f"malformed JSON ({e.msg} at column {e.colno})")
    except (ValueError, RecursionError) as e:  # nested too deep; an integer over Python's digit limit
        return Rejected(origin, "ingest", f"unreadable JSON ({_json_limit(e)})")
    return _record_guarded(record, origin=origin, fields=fields)


def drafts_from_json(text: str, *, origin: str, fields: Mapping[str, tuple[str, ...]]) -> Iterator[Draft | Rejected]:
    """A JSON array of records, ``{"articles": [...]}``, or a single record."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        yield Rejected(origin, "ingest", f"malformed JSON ({e.msg} at line {e.lineno} column {e.colno})")
        return
    except (ValueError, RecursionError) as e:
        yield Rejected(origin, "ingest", f"unreadable JSON ({_json_limit(e)})")
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    records = data if isinstance(data, list) else [data]
    if not records:
        yield Rejected(origin, "ingest", "JSON holds no records (an empty list)")
    for number, record in enumerate(records, start=1):
        name = origin if len(records) == 1 else f"{origin}[{number}]"
        yield _record_guarded(record, origin=name, fields=fields)


def _json_limit(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return one_line(str(error)).split(";")[0]


def _record_guarded(record: Any, *, origin: str, fields: Mapping[str, tuple[str, ...]]) -> Draft | Rejected:
    try:
        return draft_from_record(record, origin=origin, fields=fields)
    except Exception as e:  # noqa: BLE001 - one record must never stop the file
        log.debug("unexpected error reading %s", origin, exc_info=True)
        return Rejected(origin, "ingest", unexpected(e))


def _finish_guarded(draft: Draft, *, settings: Settings) -> Ingested | Rejected:
    try:
        return finish(draft, settings=settings)
    except Exception as e:  # noqa: BLE001 - one record must never stop the file
        log.debug("unexpected error normalising %s", draft.origin, exc_info=True)
        return Rejected(draft.origin, "normalize", unexpected(e))


def draft_from_record(record: Any, *, origin: str, fields: Mapping[str, tuple[str, ...]]) -> Draft | Rejected:
    """Map one JSON record onto an article with ``DEFAULT_FIELDS`` (overridden by ``fields``)."""
    if not isinstance(record, dict):
        return Rejected(origin, "ingest", f"expected a JSON object, got {type(record).__name__}")
    keys = DEFAULT_FIELDS | dict(fields)
    value = {name: _first(record, names) for name, names in keys.items()}
    if not isinstance(value["text"], str) or not value["text"].strip():
        tried = ", ".join(keys["text"])
        return Rejected(origin, "ingest", f"record has no text field (tried: {tried}; use --field text=NAME)")
    return Draft(
        origin=origin,
        url=_as_str(value["url"]),
        text=value["text"],
        title=_as_str(value["title"]),
        source=_as_str(value["source"]),
        author=_as_str(value["author"]),
        published_at=value["date"] if isinstance(value["date"], (int, float, bool)) else _as_date(value["date"]),
        external_id=_as_str(value["id"]),
    )


def _first(record: Mapping[str, Any], names: Sequence[str]) -> Any:
    for name in names:
        if record.get(name) not in (None, ""):
            return record[name]
    return None


def _as_date(value: Any) -> Any:
    """A date field: strings stripped; anything else kept as it is, for ``parse_published`` to refuse."""
    return value.strip() or None if isinstance(value, str) else value


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or None
    return str(value).strip() or None


@dataclass(frozen=True)
class Ingested:
    """An article read from ``origin`` (a path, ``file.jsonl:7``, or a fetched URL)."""

    origin: str
    article: Article
    notes: tuple[str, ...] = ()  # what was dropped on the way, e.g. a date that could not be trusted


def finish(draft: Draft, *, settings: Settings) -> Ingested | Rejected:
    """Normalise a draft into an Article, or reject it (too short, too long)."""
    text = normalize_text(draft.text)
    if len(text) < settings.min_article_chars:
        reason = (
            "no text"
            if not text
            else f"too short: {len(text)} characters (min_article_chars {settings.min_article_chars})"
        )
        return Rejected(draft.origin, "normalize", reason)
    if len(text.encode("utf-8")) > settings.max_input_bytes:
        return Rejected(draft.origin, "normalize", f"text over the {settings.max_input_bytes:,}-byte limit")
    published_at, date_note = parse_published(draft.published_at)
    article = Article(
        id=content_hash(text),
        text=text,
        title=clean_title(normalize_text(draft.title), source=draft.source, url=draft.url) if draft.title else None,
        source=draft.source,
        url=draft.url or draft.origin,
        author=draft.author,
        published_at=published_at,
        ingested_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
        language=guess_language(text),
        external_id=draft.external_id,
    )
    return Ingested(draft.origin, article, notes=(date_note,) if date_note else ())


def normalize_date(value: Any) -> str | None:
    """A date as an input gives it -> ISO 8601 (UTC 'Z' when it carries a zone), or None when it cannot
    be trusted (see ``published.parse_published``, which also says why)."""
    return parse_published(value)[0]


@dataclass
class _FeedWalk:
    """What one top-level input's feeds have fetched so far: URLs seen, items followed."""

    seen: set[str] = field(default_factory=set)
    items: int = 0


def _from_url(
    url: str, *, fetch: Fetcher, settings: Settings, walk: _FeedWalk, depth: int = 0
) -> Iterator[Ingested | Rejected]:
    if url in walk.seen:
        yield Rejected(url, "ingest", "already fetched from this feed (a feed linking to itself or back)")
        return
    walk.seen.add(url)
    try:
        page = fetch.fetch(url)
    except InputError as e:
        yield Rejected(url, "ingest", e.reason)
        return
    try:
        feed = parse_feed(page.body, url=page.url, content_type=page.content_type)
    except Exception as e:  # noqa: BLE001 - feedparser raises assorted errors on broken feeds
        log.debug("unexpected error parsing the feed %s", url, exc_info=True)
        yield Rejected(url, "ingest", f"malformed feed ({type(e).__name__})")
        return
    if feed is None:
        yield _from_page(url, page.body, final_url=page.url, settings=settings)
        return
    yield from _feed_items(url, feed, fetch=fetch, settings=settings, walk=walk, depth=depth)


def _feed_items(
    url: str, feed: list[FeedItem], *, fetch: Fetcher, settings: Settings, walk: _FeedWalk, depth: int
) -> Iterator[Ingested | Rejected]:
    if depth >= settings.feed_max_depth:
        yield Rejected(url, "ingest", f"a feed inside a feed more than {settings.feed_max_depth} deep (feed_max_depth)")
        return
    if not feed:
        yield Rejected(url, "ingest", "feed has no items")
    for number, item in enumerate(feed, start=1):
        if walk.items >= settings.feed_max_items:
            left = len(feed) - number + 1
            yield Rejected(
                url,
                "ingest",
                f"{left} more feed items not read: {settings.feed_max_items} items "
                "is the limit per input (feed_max_items)",
            )
            return
        walk.items += 1
        if not item.link:
            yield Rejected(f"{url} item {item.title or number}", "ingest", "feed item has no link")
            continue
        results = _from_url(item.link, fetch=fetch, settings=settings, walk=walk, depth=depth + 1)
        for result in guarded(item.link, results):
            if isinstance(result, Ingested) and not result.article.published_at and item.published:
                published_at, note = parse_published(item.published)
                article = replace(result.article, published_at=published_at)
                notes = result.notes if published_at else (*result.notes, f"feed item {note}")
                result = Ingested(result.origin, article, notes=notes if note else result.notes)
            yield result


def _from_page(url: str, body: bytes, *, final_url: str, settings: Settings) -> Ingested | Rejected:
    try:
        html = decode(body, name=url)
    except InputError:
        return Rejected(url, "ingest", "page is not text")
    draft = draft_from_html(html, origin=url, url=final_url)
    return draft if isinstance(draft, Rejected) else finish(draft, settings=settings)
