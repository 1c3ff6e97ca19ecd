"""The cross-validation of ``eval.stories --folds``: whole topics per fold, the defaults on the grid."""

from __future__ import annotations

from eval.stories import GRID, bcubed, fold_of, grid_points

from crosswire.stories import StoryParams


def test_folds_hold_whole_topics_dealt_round_robin() -> None:
    topic = {f"{t}_{n}": str(t) for t in (4, 9, 12, 13, 26) for n in range(3)}
    fold = fold_of(topic, 2)
    assert {fold[a] for a in topic if topic[a] == "9"} == {1}  # both look-alike subtopics in one fold
    assert [fold[f"{t}_0"] for t in (4, 9, 12, 13, 26)] == [0, 1, 0, 1, 0]  # numeric order, not "12" < "4"


def test_the_grid_holds_every_combination_and_the_defaults() -> None:
    points = grid_points()
    assert len(points) == len(GRID["contrast_weight"]) * len(GRID["join_threshold"])
    assert StoryParams() in points


def test_bcubed_of_a_perfect_and_a_merged_clustering() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed({"a": "1", "b": "1", "c": "2"}, gold) == (1.0, 1.0, 1.0)
    precision, recall, _ = bcubed({"a": "1", "b": "1", "c": "1"}, gold)
    assert recall == 1.0 and round(precision, 3) == 0.556
