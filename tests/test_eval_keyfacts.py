"""The key-facts proxy of ``eval.realnews`` (invented sentences): a key fact with few names is matched on its
content words, in any takeaway."""

from __future__ import annotations

from typing import Any

from eval.realnews import key_facts_covered


def _brief(*sentences: str) -> dict[str, Any]:
    facts = [{"id": f"f{n}", "text": text, "evidence": [{"sentence": text}]} for n, text in enumerate(sentences)]
    return {"stories": [{"facts": facts, "takeaways": [fact["id"] for fact in facts]}]}


def test_a_key_fact_with_few_names_is_found_in_a_takeaway_that_has_many() -> None:
    brief = _brief("Two others were pulled from the reservoir alive on Tuesday by rescuers from Vell, officials said.")
    assert key_facts_covered(brief, [{"text": "Two people were rescued from the reservoir."}]) == [True]


def test_a_key_fact_is_not_found_in_a_takeaway_that_shares_only_its_number() -> None:
    brief = _brief("Two ministers from Vell met in Sarn on Tuesday to discuss the water budget.")
    assert key_facts_covered(brief, [{"text": "Two people were rescued from the reservoir."}]) == [False]
