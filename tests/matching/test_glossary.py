"""The concept glossary: its invariants, how it is checked, and how it finds concepts in text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from align.errors import AlignError
from align.matching.glossary import MAX_TERM_TOKENS, Concept, ConceptHit, Glossary, load
from align.matching.text import Token, Tokenizer, key_part

from ..conftest import REPO

GLOSSARY = load()
TOKENIZER = Tokenizer(GLOSSARY.thai_words())
DIGITAL_MARKERS = ("ออนไลน์", "ดิจิทัล", "อิเล็กทรอนิกส์", "อินเทอร์เน็ต", "คอมพิวเตอร์", "แอปพลิเคชัน", "เว็บไซต์",
                   "online", "digital", "electronic")


def concepts(text: str) -> list[str]:
    return [hit.concept for hit in GLOSSARY.find(TOKENIZER.tokens(text))]


def test_a_term_naming_something_digital_belongs_to_a_digital_concept() -> None:
    # Otherwise the longest match swallows the digital word and the objective looks non-digital.
    offenders = {c.id: t for c in GLOSSARY.concepts.values() if not c.digital
                 for t in c.terms if any(m in t.lower() for m in DIGITAL_MARKERS)}
    assert offenders == {}


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("ส่งเสริมการเปิดเผยข้อมูลภาครัฐ", "open-data"),
        ("Open Data portal", "open-data"),
        ("พัฒนาระบบ e-Service", "e-service"),
        ("พัฒนาระบบ eService", "e-service"),
        ("บริการอิเล็คทรอนิกส์", "e-service"),  # a spelling variant inside a term
        ("Smart City", "smart-city"),
        ("เมืองอัจฉริยะ", "smart-city"),
        ("ความมั่นคงปลอดภัยไซเบอร์", "cybersecurity"),
        ("Government Cloud", "cloud"),
        ("ระบบคลาวด์ภาครัฐ", "cloud"),
        ("อบรมเจ้าหน้าที่", "skills-development"),
    ],
)
def test_find_reads_thai_english_and_variants_as_one_concept(text: str, concept: str) -> None:
    assert concept in concepts(text)


def test_longest_term_wins() -> None:
    assert concepts("ความมั่นคงปลอดภัยไซเบอร์") == ["cybersecurity"]


@pytest.mark.parametrize(("first", "second"), [("บริการ", "บริหาร"), ("ความมั่นคง", "ความมั่งคั่ง")])
def test_similar_looking_words_are_not_the_same_concept(first: str, second: str) -> None:
    assert not set(concepts(first)) & set(concepts(second))


def test_ambiguous_everyday_words_are_not_concepts() -> None:
    # A network of volunteers, a drainage system, a fresh market: not digital, not the economy.
    assert concepts("จัดตั้งเครือข่ายเฝ้าระวังยาเสพติด") == []
    assert "market" not in concepts("ยกระดับตลาดสด")


def test_ancestors_are_transitive_with_distance() -> None:
    assert GLOSSARY.ancestors("cyber-threat") == {"cybersecurity": ("cybersecurity",),
                                                  "trust": ("cybersecurity", "trust")}


GOOD = """
concepts:
  - id: a
    th: [ข้อมูลเปิด]
    en: [open data]
    broader: [b]
    digital: true
  - id: b
    en: [transparency]
"""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("broader: [b]", "broader: [c]"), "concept a: broader names no concept 'c'"),
        (("    en: [transparency]", "    en: [transparency]\n    broader: [a]"),
         "concept a: is its own broader concept"),
        (("    en: [transparency]", "    en: [open data]"), "concept b: term 'open data' also belongs to concept a"),
        (("    digital: true", "    digital: yes please"), "concept a: digital must be true or false"),
        (("    digital: true", "    digtal: true"), "concept a: unknown key 'digtal'"),
        (("    broader: [b]", "    weight: 2"), "concept a: weight must be a number in (0, 1]"),
    ],
)
def test_a_broken_glossary_is_an_input_error_naming_the_concept(
    write_yaml: Callable[..., Path], change: tuple[str, str], message: str
) -> None:
    path = write_yaml("glossary.yaml", GOOD.replace(*change))
    with pytest.raises(AlignError) as error:
        load.__wrapped__(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)


def test_a_good_glossary_loads(write_yaml: Callable[..., Path]) -> None:
    glossary = load.__wrapped__(write_yaml("glossary.yaml", GOOD))
    assert isinstance(glossary, Glossary)
    assert glossary.concepts["a"].label == "ข้อมูลเปิด"


def _find_span_by_span(glossary: Glossary, tokens: Sequence[Token]) -> list[ConceptHit]:
    """The definition find() implements: at each token the longest span (up to MAX_TERM_TOKENS) whose key, as
    written or respelled, is a surface form; as written first."""
    hits, i = [], 0
    while i < len(tokens):
        found = None
        for j in range(min(len(tokens), i + MAX_TERM_TOKENS), i, -1):
            span = [key_part(t) for t in tokens[i:j]]
            concept = glossary._by_form.get("".join(span)) or glossary._by_form.get(
                "".join(glossary.spelling.get(part, part) for part in span))
            if concept is not None:
                found = ConceptHit(concept, i, j)
                break
        if found:
            hits.append(found)
        i = found.last if found else i + 1
    return hits


def test_find_gives_the_longest_span_by_span_match_on_every_bundled_text() -> None:
    texts = [line for d in ("frameworks", "plan", "benchmarks/devset", "benchmarks/realset")
             for path in sorted((REPO / d).glob("*.yaml")) for line in path.read_text(encoding="utf-8").splitlines()]
    texts += [term for concept in GLOSSARY.concepts.values() for term in concept.terms]
    texts += [" ".join(variant for variant in GLOSSARY.spelling), " ".join(GLOSSARY.spelling.values())]
    found = 0
    for text in texts:
        tokens = TOKENIZER.tokens(text)
        hits = GLOSSARY.find(tokens)
        assert hits == _find_span_by_span(GLOSSARY, tokens), text
        found += len(hits)
    assert found > 2_000


WORDS = ["ก", "ขา", "กขา", "ค", "ง", "ab", "a-b", "c"]
"""Tiny words whose joins spell one another (ก + ขา = กขา), and ค, a variant spelling of ก."""


FORMS = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3) | st.lists(
    st.sampled_from(WORDS), min_size=MAX_TERM_TOKENS - 1, max_size=MAX_TERM_TOKENS + 1)


@settings(max_examples=500, deadline=None)
@given(forms=st.lists(FORMS, max_size=8), text=st.lists(st.sampled_from(WORDS), max_size=20))
@example(forms=[["ค"], ["ก"]], text=["ค"])  # as written and respelled name two concepts: as written wins
def test_find_gives_the_longest_span_by_span_match_on_random_glossaries(forms: list[list[str]],
                                                                         text: list[str]) -> None:
    concepts = [Concept(f"c{index}", "", ("".join(form),)) for index, form in enumerate(forms)]
    glossary = Glossary(concepts, {"ค": "ก"})
    tokens = [Token(word, 0, word.isascii() is False) for word in text]
    assert glossary.find(tokens) == _find_span_by_span(glossary, tokens)
