"""Which disputes a takeaway shows beside it (``report.findings.Touching``)."""

from __future__ import annotations

from crosswire.model import Contradiction, Evidence, Fact, Side
from crosswire.report.findings import Touching

FEE = Evidence("a", "Vell paid Orrin an upfront fee of €41m to sign Marr.", 0, 52)
OLD_FEE = Evidence("b", "In 2023, Orrin had paid €9 million for Marr.", 0, 45)
NEW_FEE = Evidence("c", "The transfer includes 38 million euros plus bonuses.", 0, 52)
FACT = Fact("f-fee", FEE.sentence, "confirmed", 3, (FEE, OLD_FEE, NEW_FEE))


def _number(cid: str, subject: str, *sides: tuple[str, Evidence]) -> Contradiction:
    return Contradiction(cid, "number", subject, "low", 0.8, "", tuple(Side(value, (e,)) for value, e in sides))


def test_a_measure_dispute_touches_a_takeaway_by_a_value_not_by_a_generic_word() -> None:
    """The 2020 fee is cited on a sentence aligned into the fact, but the takeaway gives none of its values
    and shares only 'paid' with its subject: not shown. The fixed fee gives '41': shown."""
    other_deal = _number("c-2023", "the sum paid (EUR) in 2023", ("€9 million", OLD_FEE), ("€12m", FEE))
    fixed = _number("c-fixed", "the sum paid (EUR), its fixed part", ("38 million euros", NEW_FEE), ("€41m", FEE))
    touching = Touching.of([other_deal, fixed])
    assert touching.of_fact(FACT, FACT.text) == ("c-fixed",)
