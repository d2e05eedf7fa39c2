"""The concept glossary: its invariants, how it is checked, and how it finds concepts in text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from align.errors import AlignError
from align.glossary import Glossary, load
from align.text import Tokenizer

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
    assert GLOSSARY.ancestors("cyber-threat") == {"cybersecurity": 1, "trust": 2}


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
