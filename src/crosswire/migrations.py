"""Forward schema migrations (SQL scripts), applied in order; ``PRAGMA user_version`` counts those applied.

Never edit a migration that has shipped: add a new one. Later stages add tables; they do not
rewrite ``articles``.
"""

from __future__ import annotations

m001_articles = """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,            -- content hash of the normalised text
            text TEXT NOT NULL,
            title TEXT, source TEXT, url TEXT, author TEXT,
            published_at TEXT, ingested_at TEXT NOT NULL, language TEXT, external_id TEXT,
            dup_group TEXT,                 -- id of the first article of its syndication group
            dup_kind TEXT
        );
        CREATE INDEX articles_dup_group ON articles (dup_group);
        CREATE TABLE article_origins (      -- every path/URL the same text was found at
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            origin TEXT NOT NULL, source TEXT, seen_at TEXT NOT NULL,
            PRIMARY KEY (article_id, origin)
        );
        CREATE INDEX article_origins_origin ON article_origins (origin);
        CREATE TABLE minhashes (
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            signature BLOB NOT NULL
        );
"""


m002_extractions = """
        CREATE TABLE extractions (
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            version TEXT NOT NULL,
            data TEXT NOT NULL,             -- model.Extraction as JSON
            extracted_at TEXT NOT NULL
        );
"""


m003_checks_and_stories = """
        CREATE TABLE checks (
            story_id TEXT PRIMARY KEY,
            article_ids TEXT NOT NULL,      -- JSON list
            data TEXT NOT NULL,             -- model.CheckResult as JSON
            checked_at TEXT NOT NULL
        );
        CREATE TABLE stories (
            id TEXT PRIMARY KEY, headline TEXT NOT NULL, data TEXT NOT NULL, updated_at TEXT NOT NULL
        );
        CREATE TABLE story_articles (
            story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            PRIMARY KEY (story_id, article_id)
        );
"""


m004_story_clustering = """
        CREATE TABLE article_vectors (      -- the lead vector story clustering compares (stories.lead_text)
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            model TEXT NOT NULL,            -- embedder name; a different one means re-embed
            vector BLOB NOT NULL            -- float32 little-endian
        );
        CREATE TABLE story_members (        -- the incremental assignment, in arrival order
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            position INTEGER NOT NULL UNIQUE,
            story_id TEXT NOT NULL,
            entities TEXT NOT NULL,         -- JSON list of the entity keys it was scored with
            day REAL                        -- publication day used, NULL when missing or doubtful
        );
        CREATE INDEX story_members_story ON story_members (story_id);
        CREATE TABLE story_index (          -- the saved ANN index over story_members' vectors
            name TEXT PRIMARY KEY, items INTEGER NOT NULL, data BLOB NOT NULL
        );
"""


m005_story_summaries = """
        CREATE TABLE story_summaries (      -- per story: the sums its score needs (stories.StorySummary bytes)
            story_id TEXT PRIMARY KEY, data BLOB NOT NULL
        );
        CREATE TABLE term_frequencies (     -- per hashed word: how many clustered articles contain it
            term INTEGER PRIMARY KEY, articles INTEGER NOT NULL
        );
        CREATE TABLE story_briefs (         -- the last brief written of each story, for its Developments
            story_id TEXT PRIMARY KEY,
            generated_at TEXT NOT NULL,
            data TEXT NOT NULL              -- {"story": brief JSON story, "articles": brief JSON articles}
        );
        -- story_index now holds one row per time bucket ('lead:<bucket>'); the single index and the
        -- assignment made without summaries are dropped, so the next run re-clusters every article once
        DELETE FROM story_index;
        DELETE FROM story_members;
        DELETE FROM story_articles;
        DELETE FROM stories;
"""


m006_claim_vectors_and_brief_state = """
        CREATE TABLE claim_vectors (        -- per article: the vectors of the claim sentences the check aligns
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            model TEXT NOT NULL,            -- embedder version; a different one means re-embed
            keys BLOB NOT NULL,             -- 20-byte sha1 of each sentence's text, one after another
            vectors BLOB NOT NULL           -- float32 little-endian, one 384-wide row per key
        );
        CREATE TABLE brief_state (          -- per story and output folder: what its written brief was made from
            story_id TEXT NOT NULL,
            out_dir TEXT NOT NULL,          -- absolute path of the folder the brief files went into
            signature TEXT NOT NULL,        -- hash of the story's articles, extractions and check settings
            format TEXT NOT NULL,           -- brief format version and the formats written
            entry TEXT NOT NULL,            -- the story's line on the index page, as JSON
            written_at TEXT NOT NULL,
            PRIMARY KEY (story_id, out_dir)
        );
"""


m007_checks_by_time = """
        -- covers the list of checks newest first (story id, time, rowid) without reading each check's
        -- data, which a scan of the table itself must step over (the web app lists them per change)
        CREATE INDEX checks_checked_at ON checks (checked_at, story_id);
"""


#: SQL scripts; each runs in one transaction together with its user_version bump.
MIGRATIONS: list[str] = [
    m001_articles,
    m002_extractions,
    m003_checks_and_stories,
    m004_story_clustering,
    m005_story_summaries,
    m006_claim_vectors_and_brief_state,
    m007_checks_by_time,
]
