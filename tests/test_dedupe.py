from __future__ import annotations

import random
from pathlib import Path

from crosswire import pipeline
from crosswire.dedupe import DupIndex, from_bytes, signature, to_bytes
from crosswire.settings import Settings
from crosswire.store import Store

WORDS = [
    "harbour",
    "tanker",
    "minister",
    "leak",
    "solvent",
    "workers",
    "hospital",
    "crews",
    "night",
    "east",
    "basin",
    "pier",
    "district",
    "evacuation",
    "order",
    "officials",
    "said",
    "ship",
    "captain",
    "union",
    "strike",
    "clean",
    "up",
    "cost",
    "weeks",
    "river",
]


def fake_article(seed: int, n: int = 300) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(n))


def sig(text: str):  # noqa: ANN201
    return signature(text, num_perm=128, shingle_words=5)


def test_signature_survives_the_store() -> None:
    minhash = sig(fake_article(1))
    assert from_bytes(to_bytes(minhash)).jaccard(minhash) == 1.0


def test_near_copy_joins_the_group_of_its_original() -> None:
    index = DupIndex(threshold=0.8, num_perm=128)
    original = fake_article(1)
    index.add("orig", sig(original), group=None)
    index.add("other", sig(fake_article(2)), group=None)
    words = original.split()
    words[150] = "fourteen"  # one changed word: a syndicated copy with drift
    match = index.match(sig(" ".join(words)))
    assert match is not None and match[0] == "orig" and match[1] > 0.9
    assert index.match(sig(fake_article(3))) is None


def test_copy_of_a_copy_stays_in_the_first_group() -> None:
    index = DupIndex(threshold=0.8, num_perm=128)
    index.add("a", sig(fake_article(1)), group=None)
    index.add("b", sig(fake_article(1) + " extra words here"), group="a")
    match = index.match(sig(fake_article(1) + " extra words here and more"))
    assert match is not None and match[0] == "a"


def test_ingest_groups_near_copies_and_counts_exact_copies_once(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    original = fake_article(7)
    (tmp_path / "a.txt").write_text(original)
    (tmp_path / "b.txt").write_text(original.replace("tanker", "vessel", 1))
    (tmp_path / "c.txt").write_text(original)  # identical text, another path
    (tmp_path / "d.txt").write_text(fake_article(8))
    outcomes = list(pipeline.run_ingest(store, [str(tmp_path)], settings=settings))
    assert [o.status for o in outcomes] == ["stored", "stored", "copy", "stored"]
    groups = {Path(a.url or "").name: a.dup_group for a in store.articles()}
    a_id = outcomes[0].article_id
    assert groups == {"a.txt": None, "b.txt": a_id, "d.txt": None}
    assert [o for o, _ in store.origins(a_id or "")] == [str(tmp_path / "a.txt"), str(tmp_path / "c.txt")]
