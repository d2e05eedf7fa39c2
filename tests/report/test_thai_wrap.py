"""Thai line breaking: texts cut into unbreakable pieces at word boundaries, spaces and punctuation."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache

import pytest

from align.report.thai_wrap import split_pieces, thai_clusters
from align.text import Tokenizer

TITLE = "พัฒนาโครงสร้างพื้นฐานดิจิทัลประสิทธิภาพสูงให้ครอบคลุมทั่วประเทศ"
MIXED = "พัฒนาระบบ Big Data และ Cloud กลาง"


@cache
def segment() -> Callable[[str], Sequence[str]]:
    """newmm over pythainlp's dictionary, as align's reports segment; built once (~0.5 s)."""
    return Tokenizer().thai_words


def fake_segmenter(words: Iterable[str]) -> Callable[[str], list[str]]:
    """Longest match over a few words, one character at a time where none matches: cuts that a test chooses."""
    known = sorted(words, key=len, reverse=True)

    def split(run: str) -> list[str]:
        result, i = [], 0
        while i < len(run):
            word = next((w for w in known if run.startswith(w, i)), run[i])
            result.append(word)
            i += len(word)
        return result

    return split


# --- pieces ------------------------------------------------------------------------------------------------------


def test_a_thai_title_is_cut_into_its_words() -> None:
    assert split_pieces(TITLE, segment()) == [
        "พัฒนา", "โครงสร้างพื้นฐาน", "ดิจิทัล", "ประสิทธิภาพ", "สูง", "ให้", "ครอบคลุม", "ทั่วประเทศ"]


def test_spaces_stay_with_the_piece_before_them_and_thai_and_english_are_cut_apart() -> None:
    assert split_pieces(MIXED, segment()) == ["พัฒนา", "ระบบ ", "Big ", "Data ", "และ ", "Cloud ", "กลาง"]
    assert split_pieces("ระบบAIกลาง", segment()) == ["ระบบ", "AI", "กลาง"]


def test_punctuation_invites_a_break_after_it_but_never_before_a_number() -> None:
    text = "e-service และ/หรือ (DE)ดิจิทัล ระบบ(AI) 2566-2570 1/2 1,000 a,b"
    assert split_pieces(text, segment()) == [
        "e-", "service ", "และ/", "หรือ ", "(DE)", "ดิจิทัล ", "ระบบ", "(AI) ", "2566-2570 ", "1/2 ", "1,000 ", "a,",
        "b"]


def test_quotes_invite_a_break_like_brackets_and_a_no_break_space_joins() -> None:
    assert split_pieces("โครงการ“ดิจิทัล”ของ", segment()) == ["โครงการ", "“ดิจิทัล”", "ของ"]
    assert split_pieces("100\u00a0km ระยะ", segment()) == ["100\u00a0km ", "ระยะ"]
    assert split_pieces("ระบบ\u200bกลาง", thai_clusters) == ["ระ", "บ", "บ\u200b", "ก", "ลา", "ง"]  # zero-width space


def test_repetition_and_abbreviation_marks_stay_with_their_word_even_across_a_space() -> None:
    apart = fake_segmenter(["ต่าง", "กรุงเทพ", "ฯ", "ๆ", "นานา"])
    assert split_pieces("ต่างๆนานา", apart) == ["ต่างๆ", "นานา"]
    assert split_pieces("ต่าง ๆ นานา", apart) == ["ต่าง ๆ ", "นานา"]
    assert split_pieces("กรุงเทพฯ ต่าง", apart) == ["กรุงเทพฯ ", "ต่าง"]


def test_a_segmenter_cut_inside_a_cluster_is_not_a_break() -> None:
    # A segmenter that cut before a following vowel, after a leading vowel and before a tone mark.
    bad = fake_segmenter(["ทั่วปร", "ะเ", "ทศ", "ก", "้"])
    assert split_pieces("ทั่วประเทศ", bad) == ["ทั่วประเทศ"]
    assert split_pieces("ก้", bad) == ["ก้"]


def test_the_whitespace_that_opens_a_line_is_not_a_break_and_a_newline_is() -> None:
    assert split_pieces("  indented text\nnext", segment()) == ["  indented ", "text\n", "next"]


def test_a_segmenter_that_loses_letters_is_an_error() -> None:
    with pytest.raises(ValueError, match="do not join"):
        split_pieces("พัฒนา", lambda run: [run[:-1]])


def test_the_fallback_segmenter_cuts_between_clusters() -> None:
    assert thai_clusters("พัฒนา") == ["พั", "ฒ", "นา"]
    assert thai_clusters("เกาะกำแพง") == ["เกาะ", "กำ", "แพ", "ง"]
