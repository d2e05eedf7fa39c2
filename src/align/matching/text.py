"""Thai and English text -> comparable tokens: words cut by newmm, function words dropped, English plurals folded.

Pipeline (measured choices in ../shared/reference/thai-nlp.md): normalise (normalize.py) -> split into Thai and
Latin runs -> Thai runs through newmm (nlpo3's, see Tokenizer) with pythainlp's word list plus the domain words
the caller passes (a custom dictionary replaces the default one, so both are passed) -> tokens.
"""

from __future__ import annotations

import itertools
import os
import re
import tempfile
from collections.abc import Iterable
from typing import NamedTuple

import nlpo3
from pythainlp.corpus.common import thai_words

from align.errors import AlignError
from align.matching.normalize import THAI, normalize

# Function words only. pythainlp's thai_stopwords() also drops content words that matter in plans
# (เปิดเผย, เพิ่ม, ใช้, ร่วม: thai-nlp.md pitfall 5); boilerplate verbs (พัฒนา, ส่งเสริม) are left to IDF.
STOPWORDS = frozenset(
    """
    การ ความ และ หรือ ให้ ใน ของ ด้วย เพื่อ ที่ โดย เป็น สู่ แก่ ต่อ จาก กับ ได้ มี อย่าง ซึ่ง ทั้ง ตาม
    ไป มา แล้ว จะ ไว้ ถึง อยู่ คือ นี้ นั้น อัน แห่ง ระหว่าง เช่น ได้แก่ รวมถึง ตลอดจน ตลอด ทุก แต่ละ
    เมื่อ หาก ถ้า ยัง ก็ กัน เอง ทาง ผ่าน บน ภายใน ภายใต้ อื่น ๆ ฯ ละ ได้รับ ขึ้น ลง ออก เข้า
    the a an of and or to in for on by with from into at as be is are was were been has have it its their
    they them this that these those which who whose through via all each per also other such than more less
    not no so but can may should must will would than e.g etc
    ด้าน ส่วน เรื่อง ประเภท รูปแบบ ลักษณะ สิ่ง ต่าง หลาย เป็นต้น กลาง
    """.split()
)
"""Function words, and filler nouns that say where or what kind (ด้าน, ส่วน, รูปแบบ, กลาง) without saying what:
shown as evidence they read as noise to a planner. English ones include the verbs every objective starts with
(develop, promote, ...), because sparse English text gives IDF too little to discount them."""
BOILERPLATE = frozenset(
    "develop development promote support enhance improve provide make use ensure increase build create strengthen"
    " raise drive become"
    " พัฒนา ส่งเสริม ยกระดับ สนับสนุน จัดทำ จัดให้มี ดำเนินการ ปรับปรุง เพิ่ม สร้าง ใช้ นำ ทำ จัด"
    " ขับเคลื่อน ผลักดัน ปรับเปลี่ยน เสริมสร้าง".split()
)
"""Verbs that say an objective will act, not what it acts on. Each framework's strategy titles use a few of
them once (ใช้ only in DE 6, ขับเคลื่อน only in DE 2), which IDF would mistake for what sets a strategy apart.
They are dropped as words only; glossary phrases containing them (ปรับปรุงขั้นตอน) still match."""

# Dictionary entries that make newmm cut real phrases wrongly (thai-nlp.md §4.3): without them
# ป้องกันภัย splits as ป้องกัน/ภัย and ใช้การยืนยัน as ใช้/การ/ยืนยัน.
MIS_SPLITTING_WORDS = frozenset({"กันภัย", "ใช้การ"})

_RUN = re.compile(rf"[{THAI}]+|[a-z0-9]+(?:[-.][a-z0-9]+)*")


class Token(NamedTuple):
    """A word of normalised text; `start` is its offset in the text with spaces removed.

    A named tuple, not a frozen dataclass: a check makes one per word of every text (1.6 million at 50,000
    objectives), and a tuple is made in a third of the time.
    """

    text: str
    start: int
    thai: bool

    @property
    def end(self) -> int:
        return self.start + len(self.text)


class Tokenizer:
    """newmm over pythainlp's word list plus domain words; build once per process (~0.1 s).

    Segmentation is nlpo3's newmm (PyThaiNLP's own newmm in Rust, pythainlp's engine "nlpo3"): tokenising is
    most of a check's work, and it does it ~3x faster than pythainlp's pure-Python newmm. On real text the cuts
    are pythainlp's (every line of the bundled and labelled data; tests/test_text.py); the two differ only in
    how a stretch of letters that is no dictionary word is split (a typo: เต|รี|ย against เตรีย), because their
    character-cluster rules differ in a few patterns. README, Performance, has the measurements.
    """

    def __init__(self, domain_words: Iterable[str] = ()) -> None:
        words = {w.strip() for w in thai_words()} - MIS_SPLITTING_WORDS - {""}
        longest = max(map(len, words))
        # Only words the dictionary cannot spell out of its own words are added (ดิจิตัล, บิ๊กดาต้า): a phrase
        # such as ข้อมูลเปิด stays two words, so it still meets texts that say only ข้อมูล, and it cannot
        # swallow the start of the next phrase. Glossary phrases are matched over token spans anyway.
        for word in domain_words:
            word = word.strip()
            if _is_thai(word) and not _spells(word, words, longest):
                words.add(word)
                longest = max(longest, len(word))
        self.dictionary = frozenset(words)
        """The words newmm cuts text into."""
        self._nlpo3_name = _load_dictionary(self.dictionary)

    def tokens(self, text: str) -> tuple[Token, ...]:
        """All words of the text, normalised, in order, stopwords included (phrases need them)."""
        result: list[Token] = []
        append = result.append
        offset = 0
        segment, name = nlpo3.segment, self._nlpo3_name
        for run in _RUN.findall(normalize(text)):
            if "\u0e00" <= run[0] <= "\u0e7f":
                for piece in segment(run, name):  # pieces of a Thai run are Thai
                    append(Token(piece, offset, True))
                    offset += len(piece)
            else:
                piece = stem(run)
                append(Token(piece, offset, False))
                offset += len(piece)
        return tuple(result)

    def words(self, text: str) -> tuple[str, ...]:
        """Content words only: function words dropped, การ/ความ nominalisers stripped (การสื่อสาร -> สื่อสาร)."""
        return content_words(self.tokens(text))

    def thai_words(self, run: str) -> list[str]:
        """The words of a run of Thai letters (no spaces, digits or Latin), as newmm cuts it."""
        return nlpo3.segment(run, self._nlpo3_name)


def _spells(word: str, words: set[str], longest: int) -> bool:
    """True when the word splits entirely into the words (none longer than `longest`)."""
    reachable = [False] * (len(word) + 1)
    reachable[0] = True
    for start in range(len(word)):
        if reachable[start]:
            for end in range(start + 1, min(len(word), start + longest) + 1):
                if word[start:end] in words:
                    reachable[end] = True
    return reachable[-1]


_DICTIONARY_NUMBERS = itertools.count()


def _load_dictionary(words: Iterable[str]) -> str:
    """Load the words into nlpo3, which reads a dictionary only from a file; returns the name to segment with."""
    name = f"align-{os.getpid()}-{next(_DICTIONARY_NUMBERS)}"
    try:
        with tempfile.TemporaryDirectory(prefix="align-") as directory:
            path = os.path.join(directory, "words.txt")
            with open(path, "w", encoding="utf-8", newline="\n") as handle:
                handle.write("\n".join(words))  # in any order: nlpo3 builds a trie of them
            message, loaded = nlpo3.load_dict(path, name)
    except OSError as exc:  # no writable temporary directory: the user can point TMPDIR at one
        raise AlignError(f"cannot write the word list for Thai word segmentation to a temporary directory "
                         f"({exc.strerror or exc}); set TMPDIR to a writable directory") from exc
    if not loaded:
        raise RuntimeError(f"nlpo3 did not load the dictionary: {message}")
    return name


def stem(word: str) -> str:
    """English plural to singular, lightly (services -> service, agencies -> agency); other words unchanged."""
    if len(word) <= 3 or not word.isascii() or not word[-1] == "s" or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1]


def fold(term: str) -> str:
    """The matching key of a glossary term: normalised, English words stemmed, spaces and hyphens removed."""
    return "".join(w if _is_thai(w) else stem(w).replace("-", "") for w in normalize(term).split())


def key_part(token: Token) -> str:
    """A token's part of a matching key, folded as glossary terms are (e-service, eservice, e service)."""
    return token.text if token.thai else token.text.replace("-", "")


def content_words(tokens: Iterable[Token]) -> tuple[str, ...]:
    """The tokens that carry meaning, with prefixes stripped so การพัฒนา meets พัฒนา and ให้บริการ meets บริการ."""
    return tuple(word for word in map(content_word, tokens) if word is not None)


def content_word(token: Token) -> str | None:
    """The token's content word (prefixes stripped), or None for a function word, filler or boilerplate verb."""
    known = _CONTENT_WORD
    # A token's text says whether it is Thai (Thai runs and Latin runs are cut apart): it is the key alone.
    word = known.get(token.text, "")
    if word == "":  # "" is never a content word: it marks a word not seen yet
        if len(known) > _CONTENT_WORD_LIMIT:
            known.clear()
        word = known[token.text] = _content_word(token.text, token.thai)
    return word


def _content_word(word: str, thai: bool) -> str | None:
    stripped = thai
    while stripped:  # ให้ความรู้ -> ความรู้ -> รู้
        stripped = False
        for prefix in _NOMINALISERS:
            if word.startswith(prefix) and len(word) > len(prefix) + 1:
                word = word[len(prefix):]
                stripped = True
                break
    if word not in STOPWORDS and word not in BOILERPLATE and len(word) > 1:
        return word
    return None


# Each distinct word's content word, worked out once: plans use a few thousand words, over and over.
_CONTENT_WORD: dict[str, str | None] = {}
_CONTENT_WORD_LIMIT = 1 << 16


# การ/ความ make nouns of verbs; ให้ makes "provide X" of X (ให้บริการ is one dictionary word, yet means บริการ).
_NOMINALISERS = ("การ", "ความ", "ให้")


def is_thai(text: str) -> bool:
    """True when the text is Thai script (its first letter decides)."""
    return _is_thai(text)


def _is_thai(text: str) -> bool:
    return bool(text) and "\u0e00" <= text[0] <= "\u0e7f"
