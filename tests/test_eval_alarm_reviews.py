"""The hand reviews of eval.perturb's false alarms: a review covers only the alarms it was written for."""

from __future__ import annotations

import json
from pathlib import Path

from eval.perturb import REVIEWS, reviewed


def test_a_review_covers_as_many_alarms_as_its_count_and_no_others(tmp_path: Path) -> None:
    path = tmp_path / "reviews.json"
    reviews = [{"alarm": "date: 'Monday' vs 'Tuesday'", "count": 1, "why": "two outlets date it apart"}]
    path.write_text(json.dumps({"reviews": reviews}), encoding="utf-8")
    alarms = ["date: 'Monday' vs 'Tuesday'", "date: 'Monday' vs 'Tuesday'", "number: '3' vs '4'"]
    assert reviewed(alarms, path) == ["two outlets date it apart", None, None]


def test_the_project_reviews_name_a_reason_for_each_alarm() -> None:
    data = json.loads(REVIEWS.read_text(encoding="utf-8"))
    assert data["reviews"] and all(r["alarm"].split(":")[0] and r["why"].strip() for r in data["reviews"])


def test_a_review_covers_its_alarm_whichever_side_a_run_lists_first(tmp_path: Path) -> None:
    path = tmp_path / "reviews.json"
    reviews = [{"alarm": "date: 'Thursday' vs 'Friday'", "count": 1, "why": "two days of one death"}]
    path.write_text(json.dumps({"reviews": reviews}), encoding="utf-8")
    assert reviewed(["date: 'Friday' vs 'Thursday'", "date: 'Friday' vs 'Monday'"], path) == [
        "two days of one death",
        None,
    ]
