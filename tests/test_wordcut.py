"""wordcut: pythainlp's newmm and dictionary trie run faster, and cut every text exactly as pythainlp does."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pythainlp.corpus.common import thai_words
from pythainlp.tokenize import newmm
from pythainlp.tokenize.tcc_p import tcc_pos_array
from pythainlp.util import Trie

from align.wordcut import WordTrie, cluster_ends, segment

from .conftest import REPO

WORDS = set(thai_words())
OURS, THEIRS = WordTrie(WORDS), Trie(WORDS)
LINES = [line for d in ("frameworks", "plan", "benchmarks/devset", "benchmarks/realset", "src/align/data")
         for path in sorted((REPO / d).glob("*.yaml")) for line in path.read_text(encoding="utf-8").splitlines()]
# Letters, vowels, tone marks and signs, with some non-Thai, so that random text meets every rule of newmm:
# dictionary words, clusters, out-of-dictionary runs, two-consonant words, Latin and digits, spaces.
ALPHABET = "กขคงจชซดตทนบปผพฟมยรลวสหอฮฤะาำิีึืุูเแโใไ็่้๊๋์ ฯๆab1. "


def test_word_trie_finds_the_prefixes_pythainlp_trie_finds() -> None:
    text = "".join(LINES)
    assert len(text) > 100_000
    assert all(OURS.prefixes(text, i) == THEIRS.prefixes(text, i) for i in range(0, len(text), 3))
    assert len(OURS) == len(THEIRS)


def test_word_trie_grows_and_reports_membership() -> None:
    trie = WordTrie(["ดิจิทัล", " ข้อมูล "])
    trie.add("ดิจิ")
    assert "ข้อมูล" in trie and "ดิจิ" in trie and "ดิ" not in trie and "" not in trie
    assert trie.prefixes("ดิจิทัลไทย") == ["ดิจิ", "ดิจิทัล"]
    assert sorted(trie) == ["ข้อมูล", "ดิจิ", "ดิจิทัล"] and len(trie) == 3


def test_every_line_of_the_bundled_data_is_cut_as_pythainlp_cuts_it() -> None:
    # Whole lines: Thai, English, digits, punctuation and spaces, as they stand in the files.
    for line in LINES:
        assert segment(line, OURS) == newmm.segment(line, THEIRS), line


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
@example("ก" * 130)  # past newmm's graph cut-off of 50 edges
@example("ฤฤฤฤ ab1.2 กข")
def test_random_text_is_cut_as_pythainlp_cuts_it(text: str) -> None:
    assert segment(text, OURS) == newmm.segment(text, THEIRS)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_cluster_ends_are_pythainlps(text: str) -> None:
    assert cluster_ends(text) == tcc_pos_array(text)


@pytest.mark.parametrize("text", ["", "ก", "กรุงเทพมหานคร", "ขุดลอกคูคลองและเปิดทางน้ำไหล"])
def test_short_texts(text: str) -> None:
    assert segment(text, OURS) == newmm.segment(text, THEIRS)
