"""align explain: the objective's links, and the shared terms found again in the original Thai and English text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.errors import InputError
from align.explanation import explain
from align.highlight import clusters, find_terms
from align.labels import Labels, Lang

from .sample import sample_result


def _marked(text: str, terms: list[str]) -> str:
    out, position = "", 0
    for mark in find_terms(text, terms):
        out += text[position:mark.start] + "[" + text[mark.start:mark.end] + "]"
        position = mark.end
    return out + text[position:]


@pytest.mark.parametrize(("text", "terms", "expected"), [
    ("พัฒนาระบบบริการออนไลน์ให้ประชาชน", ["ระบบ บริการ", "ออนไลน์"], "พัฒนา[ระบบบริการออนไลน์]ให้ประชาชน"),
    # สื่อสาร inside การสื่อสาร: the nominaliser การ is not part of the term.
    ("การสื่อสารและเปิดเผยข้อมูล", ["สื่อสาร", "ข้อมูล"], "การ[สื่อสาร]และเปิดเผย[ข้อมูล]"),
    # ปิด must not be found inside เปิด (its leading vowel belongs to the same syllable) ...
    ("เปิดเผยข้อมูล ปิดระบบ", ["ปิด"], "เปิดเผยข้อมูล [ปิด]ระบบ"),
    # ... nor กร inside กรุง (the consonant carries a vowel below), nor ข้อมู before ล.
    ("กรุงเทพมหานคร", ["กร"], "กรุงเทพมหานคร"),
    ("ทำ กำหนด", ["ทำ"], "[ทำ] กำหนด"),
    # Normalised terms meet the original spelling: case, Thai digits, punctuation inside a term.
    ("ระบบ e-Service และ Data-Governance ระยะที่ ๒", ["e-service", "data governance", "2"],
     "ระบบ [e-Service] และ [Data-Governance] ระยะที่ [๒]"),
    # English words only as whole words.
    ("digital IT and submit it", ["it"], "digital [IT] and submit [it]"),
    # A word pair joined across function words falls back to its words.
    ("services for citizens", ["services citizens"], "[services] for [citizens]"),
    ("", ["ข้อมูล"], ""),
])
def test_terms_are_found_in_the_original_text(text: str, terms: list[str], expected: str) -> None:
    assert _marked(text, terms) == expected


def test_clusters_keep_marks_with_their_consonant() -> None:
    assert clusters("ที่น้ำกำ") == ["ที่", "น้ำ", "กำ"]


THAI = st.sampled_from([chr(c) for c in range(0x0E01, 0x0E5B) if unicodedata.category(chr(c)) != "Cn"] + [" ", "a"])


@given(st.lists(THAI, min_size=1, max_size=40).map("".join), st.data())
def test_highlights_never_split_a_grapheme_cluster(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    boundaries = {0}
    for piece in clusters(text):
        boundaries.add(max(boundaries) + len(piece))
    for mark in find_terms(text, [text[start:end]]):
        assert mark.start in boundaries and mark.end in boundaries


def test_unknown_objective_names_the_plan_and_the_ids() -> None:
    with pytest.raises(InputError) as error:
        explain(sample_result(), "1.3")
    assert str(error.value) == ("plan/test.yaml: explain: no objective '1.3' in the plan (did you mean '1.2'?); "
                                "its objectives: 1.1, 1.2, 2.1")


def test_unknown_objective_in_thai() -> None:
    with pytest.raises(InputError) as error:
        explain(sample_result(), "9", labels=Labels(Lang.TH))
    assert str(error.value) == "plan/test.yaml: explain: ไม่มีวัตถุประสงค์รหัส '9' ในแผน วัตถุประสงค์ในแผนมีรหัส 1.1, 1.2, 2.1"


def test_explanation_lists_the_candidates_or_every_item() -> None:
    result = sample_result()
    shown = explain(result, "1.2")
    assert [str(link.candidate.target) for link in shown.links] == ["dg-test:2", "de-test:1", "de-test:2", "dg-test:1",
                                                                   "dg-test:3"]
    assert [f.kind.value for f in shown.findings] == ["weak-link", "unsupported-link"]
    every = explain(result, "1.2", every=True)
    assert len(every.links) == every.total == 7


def test_each_shared_term_says_where_it_was_found() -> None:
    link = explain(sample_result(), "1.1").links[0]
    assert str(link.candidate.target) == "dg-test:1"
    # Each term names the item whose title holds it: ออนไลน์ stands in measure 1.1, beneath the strategy.
    assert [(term.shared, term.item, term.field) for term in link.candidate.evidence] == [
        ("ระบบ บริการ", "1", "title"), ("ออนไลน์", "1.1", "title"), ("บริการ", "1", "title")]
    assert Labels(Lang.EN).term(link.candidate.evidence[1], link.item.id) == "ออนไลน์ [measure 1.1]"
