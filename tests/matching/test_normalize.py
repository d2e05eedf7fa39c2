"""normalize.py: the canonical form of text for matching, and its fast path equal to pythainlp's normalize."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pythainlp.util import normalize as pythainlp_normalize

from align.matching.normalize import _LONE_DOT_OR_DASH, nfkc, normalize, normalize_thai

from .test_text import LINES


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("การดําเนินงาน", "การดำเนินงาน"),  # decomposed sara am (ํ + า), as PDFs export it
        ("เเผนงาน", "แผนงาน"),  # two sara e typed for sara ae
        ("ดิจิ\u200bทัล", "ดิจิทัล"),  # zero-width space pasted from the web
        ("พ.ศ. ๒๕๖๖", "พ ศ 2566"),  # Thai digits; abbreviation dots are punctuation
        ("Smart City", "smart city"),
        ("(Open Data)", "open data"),
        ("e-Service, Wi-Fi.", "e-service wi-fi"),
        ("กรุงเทพฯ", "กรุงเทพ"),
        ("ต่างๆ", "ต่าง"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


THAI_MARKS = "กคดนมรฤฦอ ะาำๅเแโใไัิีึืุู็่้๊๋์ํฺ๎" + "\n\u200b\u200c" + "\u0e4d\u0e32" * 3


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=THAI_MARKS, max_size=14))
def test_normalize_thai_equals_pythainlp_normalize_on_random_thai(text: str) -> None:
    composed = unicodedata.normalize("NFKC", text)
    assert normalize_thai(composed) == pythainlp_normalize(composed)


@pytest.mark.parametrize(
    "text", ["ดํา", "น้ํา", "ค่ำ", "ํ่า", "์่ํา", "ก์่ํา", "ก่ํา", "กํ่า", "่้ํา", "ำ ำ", "ก ่า", "เเ", "กๅ", "ฤๅ", "ก่่"]
)
def test_normalize_thai_equals_pythainlp_normalize_on_each_rule(text: str) -> None:
    assert normalize_thai(text) == pythainlp_normalize(text)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="a0.- กZ", max_size=12))
def test_a_dot_or_dash_is_kept_only_between_two_letters_or_digits(text: str) -> None:
    def joins(at: int) -> bool:
        word = "abcdefghijklmnopqrstuvwxyz0123456789"
        return 0 < at < len(text) - 1 and text[at - 1] in word and text[at + 1] in word

    expected = "".join(" " if c in "-." and not joins(at) else c for at, c in enumerate(text))
    assert _LONE_DOT_OR_DASH.sub(" ", text) == expected


# Thai letters, sara am and the marks around it, with characters NFKC changes: fullwidth letters, a ligature,
# a decomposed e-acute, a superscript digit, and a combining mark that NFKC composes with the letter before.
NFKC_ALPHABET = "กขนมำําุู่้๊๋ิี์ abcＡＢ１ﬁé\u0301²\u0e4d\u0e32"


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=NFKC_ALPHABET, max_size=30))
def test_nfkc_is_unicodedatas(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_nfkc_is_unicodedatas_on_every_bundled_text() -> None:
    for line in LINES:
        assert nfkc(line) == unicodedata.normalize("NFKC", line), line


def test_normalize_thai_equals_pythainlp_normalize_on_every_bundled_text() -> None:
    for text in LINES:
        nfkc = unicodedata.normalize("NFKC", text)
        assert normalize_thai(nfkc) == pythainlp_normalize(nfkc), text


