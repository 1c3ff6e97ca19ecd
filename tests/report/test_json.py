"""render_json: the crosswire.brief/v1 shape, validated against brief.schema.json, and determinism."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from typing import Any

import jsonschema
import pytest

from crosswire.model import CheckResult, Story
from crosswire.report import SCHEMA_PATH, build_brief, render_json

from .fixtures import make_inputs

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def dump(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def brief_json(stamp: str = "2026-03-05T00:00:00Z", *, shuffle: bool = False) -> dict[str, Any]:
    story, articles, extractions, check = make_inputs()
    if shuffle:
        random.Random(7).shuffle(articles)
        check = replace(check, facts=tuple(reversed(check.facts)))
    brief = build_brief(story, articles, extractions, check, generated_at=stamp)
    return render_json([brief], articles)


def test_schema_file_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_json_validates_against_schema() -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(brief_json())


def test_json_has_the_issue_shape() -> None:
    data = brief_json()
    assert data["schema"] == "crosswire.brief/v1"
    assert set(data["articles"][0]) >= {
        "id",
        "external_id",
        "path_or_url",
        "title",
        "source",
        "published_at",
        "words",
        "duplicate_of",
    }
    (story,) = data["stories"]
    assert set(story) >= {
        "id",
        "headline",
        "article_ids",
        "facts",
        "contradictions",
        "figures",
        "quotes",
        "timeline",
        "sources",
    }
    assert set(story["facts"][0]["evidence"][0]) >= {"article_id", "sentence", "start", "end"}
    assert set(story["contradictions"][0]["sides"][0]) >= {"value", "evidence"}
    assert set(story["sources"][0]) >= {
        "article_id",
        "fact_density",
        "filler_share",
        "unique_facts",
        "contradicted_facts",
    }


def test_json_duplicate_of_names_the_group_head_only_for_copies() -> None:
    articles = {a["id"]: a for a in brief_json()["articles"]}
    assert articles["a3"]["duplicate_of"] == "a2"
    assert articles["a2"]["duplicate_of"] is None  # the head of its own group
    assert articles["a1"]["duplicate_of"] is None


def test_json_puts_padded_article_last_and_every_conflict_in_contradictions() -> None:
    (story,) = brief_json()["stories"]
    assert story["sources"][-1]["article_id"] == "a4"
    assert {c["id"] for c in story["contradictions"]} == {"c-name", "c-day"}


def test_json_is_byte_identical_apart_from_generated_at() -> None:
    first = brief_json("2026-03-05T00:00:00Z")
    second = brief_json("2030-01-01T00:00:00Z", shuffle=True)
    assert first["generated_at"] != second["generated_at"]
    second["generated_at"] = first["generated_at"]
    assert dump(first) == dump(second)


@pytest.mark.parametrize("case", ["no-articles", "no-briefs"])
def test_json_edge_cases_validate(case: str) -> None:
    briefs = []
    if case == "no-articles":
        briefs = [build_brief(Story("s0", "", ()), [], {}, CheckResult("s0", ()), generated_at="t")]
    data = render_json(briefs, [], generated_at="t")
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["generated_at"] == "t"
    if briefs:
        assert "No articles" in data["stories"][0]["scope"]["notes"][0]
