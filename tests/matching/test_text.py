"""Thai and English text to tokens: normalisation, segmentation of domain terms, English plurals."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.errors import AlignError
from align.matching.glossary import load
from align.matching.normalize import normalize
from align.matching.text import Tokenizer, content_words, fold, is_thai, stem

from ..conftest import REPO

LINES = [line for d in ("frameworks", "plan", "benchmarks/devset", "benchmarks/realset", "src/align/data")
         for path in sorted((REPO / d).glob("*.yaml")) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer(load().thai_words())


def test_mixed_thai_and_english_without_spaces_split_at_the_script_boundary(tokenizer: Tokenizer) -> None:
    words = [t.text for t in tokenizer.tokens("ส่งเสริมการใช้Big Dataในการตัดสินใจ")]
    assert "big" in words and "data" in words
    assert "ส่งเสริม" in words


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("ป้องกันภัยคุกคามทางไซเบอร์", "ป้องกัน"),  # the default dictionary splits ป้อง/กันภัย
        ("ระบบดิจิตัล", "ดิจิตัล"),  # a variant spelling newmm would shred into syllables
        ("บริการบิ๊กดาต้า", "บิ๊กดาต้า"),
    ],
)
def test_domain_words_are_segmented_whole(tokenizer: Tokenizer, text: str, word: str) -> None:
    assert word in [t.text for t in tokenizer.tokens(text)]


def test_glossary_phrases_keep_their_words(tokenizer: Tokenizer) -> None:
    # ข้อมูลเปิด is two dictionary words: kept apart it still meets a text that says only ข้อมูล, and it
    # cannot swallow the start of the next phrase (การใช้ข้อมูล|เปิด). glossary.find matches it as one concept.
    assert [t.text for t in tokenizer.tokens("การใช้ข้อมูลเปิดของกรม")][:4] == ["การ", "ใช้", "ข้อมูล", "เปิด"]


def test_token_offsets_index_the_text_without_spaces(tokenizer: Tokenizer) -> None:
    tokens = tokenizer.tokens("พัฒนา บริการออนไลน์")
    joined = "".join(t.text for t in tokens)
    assert all(joined[t.start : t.end] == t.text for t in tokens)


def test_content_words_drop_function_words_and_nominalisers(tokenizer: Tokenizer) -> None:
    words = content_words(tokenizer.tokens("การพัฒนาระบบของหน่วยงานและการให้บริการ"))
    assert "หน่วยงาน" in words and "บริการ" in words
    assert not {"การ", "ของ", "และ"} & set(words)
    assert "พัฒนา" not in words  # a verb every objective starts with: boilerplate


def test_content_words_keep_verbs_thai_stopword_lists_drop(tokenizer: Tokenizer) -> None:
    assert "เปิดเผย" in content_words(tokenizer.tokens("เปิดเผยรายงานผลการดำเนินงาน"))


@pytest.mark.parametrize(("word", "expected"), [("services", "service"), ("agencies", "agency"),
                                                ("process", "process"), ("analysis", "analysis"), ("data", "data")])
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_fold_ignores_case_spaces_hyphens_and_plurals() -> None:
    assert fold("E-Services") == fold("eservice") == fold("e service")
    assert fold("ข้อมูล เปิด") == "ข้อมูลเปิด"


def test_tokenizing_is_deterministic(tokenizer: Tokenizer) -> None:
    text = "ยกระดับการให้บริการประชาชนด้วยเทคโนโลยีดิจิทัล (e-Service)"
    assert tokenizer.tokens(text) == Tokenizer(load().thai_words()).tokens(text)


# Every Thai vowel, tone mark and sign pythainlp's normalize has a rule for, with letters, spaces and newlines
# around them, so that random strings hit each rule and their interplay (น้ํา, ค่ํา, ํ่า, ์่ํา, ำำ, ๅ, ...).
@pytest.fixture(scope="module")
def pythainlp_newmm(tokenizer: Tokenizer) -> Callable[[str], list[str]]:
    """pythainlp's own (pure-Python) newmm with the tokenizer's dictionary: what nlpo3 stands in for."""
    from pythainlp.tokenize import newmm
    from pythainlp.util import Trie

    trie = Trie(tokenizer.dictionary)
    return lambda run: newmm.segment(run, trie)


def test_every_thai_run_of_the_bundled_data_is_cut_as_pythainlp_cuts_it(
    tokenizer: Tokenizer, pythainlp_newmm: Callable[[str], list[str]]
) -> None:
    runs = {run for line in LINES for run in normalize(line).split() if is_thai(run)}
    runs |= {"".join(sorted(runs)[i : i + 3]) for i in range(0, len(runs), 3)}  # longer runs too
    assert len(runs) > 1_000
    for run in runs:
        assert tokenizer.thai_words(run) == pythainlp_newmm(run), run


@pytest.fixture(scope="module")
def dictionary_words(tokenizer: Tokenizer) -> list[str]:
    return sorted(w for w in tokenizer.dictionary if is_thai(w) and w.isprintable() and " " not in w)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(data=st.data())
def test_runs_of_dictionary_words_are_cut_as_pythainlp_cuts_them(
    tokenizer: Tokenizer, pythainlp_newmm: Callable[[str], list[str]], dictionary_words: list[str],
    data: st.DataObject,
) -> None:
    # Any sequence of words: the cuts agree wherever every letter belongs to some dictionary word (they differ
    # only inside stretches that are no word, a typo). Half the runs are long (20-40 words, hundreds of letters):
    # past newmm's graph cut-off (50 positions), where the two implementations do the most different work; the
    # bundled-data test above covers real phrases. 200 runs; the 1,500 it drew before found no difference either.
    long = data.draw(st.booleans())
    size = st.lists(st.sampled_from(dictionary_words), min_size=20 if long else 1, max_size=40 if long else 6)
    run = "".join(data.draw(size))
    assert tokenizer.thai_words(run) == pythainlp_newmm(run), run


def test_a_typo_is_cut_into_pieces_and_the_words_around_it_are_kept(tokenizer: Tokenizer) -> None:
    # nlpo3 splits a stretch that is no word by its own character clusters (pythainlp keeps เตรีย whole);
    # the dictionary words on either side come out the same.
    words = tokenizer.thai_words("ไวยากรณ์ออสขเตรียตอนเที่ยง")
    assert words[:2] == ["ไวยากรณ์", "ออ"] and words[-1] == "ตอนเที่ยง"
    assert "".join(words) == "ไวยากรณ์ออสขเตรียตอนเที่ยง"


def test_domain_words_join_the_dictionary_only_when_its_words_cannot_spell_them(tokenizer: Tokenizer) -> None:
    assert "ดิจิตัล" in tokenizer.dictionary and tokenizer.thai_words("รัฐบาลดิจิตัล") == ["รัฐบาล", "ดิจิตัล"]
    assert "ข้อมูลเปิด" not in tokenizer.dictionary  # ข้อมูล + เปิด: stays two words
    assert tokenizer.thai_words("ข้อมูลเปิด") == ["ข้อมูล", "เปิด"]
    assert not {"กันภัย", "ใช้การ"} & tokenizer.dictionary  # MIS_SPLITTING_WORDS


def test_no_writable_temporary_directory_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # nlpo3 reads its dictionary only from a file, which is written to the temporary directory.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    with pytest.raises(AlignError, match="TMPDIR") as caught:
        Tokenizer()
    assert len(caught.value.lines()) == 1
