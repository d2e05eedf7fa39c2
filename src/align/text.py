"""Thai and English text -> comparable tokens: the only module that imports pythainlp and nlpo3.

Pipeline (measured choices in ../shared/reference/thai-nlp.md):
normalise (NFKC, then pythainlp's normalize, which restores the ำ that NFKC splits; Thai digits; casefold;
punctuation) -> split into Thai and Latin runs -> Thai runs through newmm (nlpo3's, see Tokenizer) with pythainlp's
word list plus the domain words the caller passes (a custom dictionary replaces the default one, so both are
passed) -> tokens.
"""

from __future__ import annotations

import os

# Before any pythainlp import: never write to $HOME (read-only HOME crashes the import) and never try the
# network (a failed download prints to stdout and would corrupt JSON output).
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import itertools  # noqa: E402
import re  # noqa: E402
import tempfile  # noqa: E402
import unicodedata  # noqa: E402
from collections.abc import Iterable  # noqa: E402
from functools import cache  # noqa: E402
from typing import NamedTuple  # noqa: E402

import nlpo3  # noqa: E402
from pythainlp import thai_above_vowels, thai_below_vowels, thai_follow_vowels, thai_lead_vowels  # noqa: E402
from pythainlp import thai_tonemarks as _TONES  # noqa: E402
from pythainlp.corpus.common import thai_words  # noqa: E402
from pythainlp.util import normalize as thai_normalize  # noqa: E402
from pythainlp.util import remove_dup_spaces  # noqa: E402

from align.errors import AlignError  # noqa: E402

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
    """.split()
)
"""Function words; English ones include the verbs every objective starts with (develop, promote, ...),
because sparse English text gives IDF too little to discount them."""
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

_THAI = "\u0e00-\u0e7f"
_RUN = re.compile(rf"[{_THAI}]+|[a-z0-9]+(?:[-.][a-z0-9]+)*")
_PUNCT_BETWEEN_WORDS = re.compile(rf"[^{_THAI}a-z0-9\-. ]+")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_HAS_THAI = re.compile(rf"[{_THAI}]")
_HAS_THAI_DIGIT = re.compile("[๐-๙]")
_HAS_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# A dot or dash with no letter or digit before it, or none after it. Written to begin with [-.], so that the
# regex engine skips to each dot or dash instead of trying the lookbehind at every character.
_LONE_DOT_OR_DASH = re.compile(r"[-.](?:(?<![a-z0-9][-.])|(?![a-z0-9]))")


def normalize(text: str) -> str:
    """Canonical form for matching: NFKC + Thai normalize, Arabic digits, lower case, punctuation as space."""
    text = nfkc(text)
    if _HAS_ZERO_WIDTH.search(text):  # str.translate is slow on Thai text: only when there is something to do
        text = text.translate(_ZERO_WIDTH)
    if _HAS_THAI.search(text):  # only Thai needs pythainlp's normalize
        text = normalize_thai(text)
        if _HAS_THAI_DIGIT.search(text):
            text = text.translate(_THAI_DIGITS)
    text = text.casefold()
    # ฯ abbreviates (กรุงเทพฯ), ๆ repeats the previous word: neither adds meaning for matching.
    text = text.replace("ฯ", " ").replace("ๆ", " ")
    text = _PUNCT_BETWEEN_WORDS.sub(" ", text)
    # A dot or dash that does not join two word characters is punctuation ("e-service" keeps its dash).
    if "-" in text or "." in text:
        text = _LONE_DOT_OR_DASH.sub(" ", text)
    return " ".join(text.split())


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), in a fraction of the time on Thai text."""
    if unicodedata.is_normalized("NFKC", text):  # the check is ~30x cheaper than normalising clean text
        return text
    # Sara am (ำ) is the one compatibility character of everyday Thai: NFKC splits it into nikhahit + sara aa
    # (which normalize_thai joins again), and so makes most Thai text "not NFKC". Splitting it here is what NFKC's
    # decomposition does to it; if the text is then NFKC, that is NFKC's result.
    split = text.replace("\u0e33", "\u0e4d\u0e32")
    return split if unicodedata.is_normalized("NFKC", split) else unicodedata.normalize("NFKC", text)


# pythainlp's normalize runs some thirty regular expressions over the whole text, one after another, and costs
# as much as tokenising it. On almost every real text all but one of them change nothing: the one that does is
# sara am, which NFKC splits into nikhahit + sara aa (ดำ -> ดํา) and normalize joins again. So normalize_thai
# joins sara am itself and returns early when none of the other rules can apply; any text where one might
# goes to pythainlp's normalize unchanged. The patterns below are supersets of the rules' own patterns
# (pythainlp 5.4.0, util/normalize.py), in their order; tests/test_text.py compares the two on random text.
_DANGLING = f"{thai_above_vowels}{thai_below_vowels}{_TONES}\u0e3a\u0e4c\u0e4d\u0e4e"
_NO_REPEAT = f"{thai_follow_vowels}{thai_lead_vowels}{thai_above_vowels}{thai_below_vowels}\u0e3a\u0e4c\u0e4d\u0e4e"
_MARKS = f"{thai_above_vowels}{thai_below_vowels}"
_DANGLING_SET = frozenset(_DANGLING)
_BEFORE_SARA_AM = re.compile("|".join([
    f" [{_DANGLING}]",  # space before a mark (remove_spaces_before_marks)
    "\u0e40\u0e40",  # เ + เ -> แ
    f"\u0e4c[{_MARKS}]",  # thanthakhat before a vowel mark: swapped
    f"[{_TONES}](?!\u0e4d\u0e32)[{_MARKS}]",  # tone before a vowel mark, other than before ํา: swapped
    f"\u0e4d[{_TONES}]+\u0e32",  # ํ + tone + า -> tone + ำ
]))
# Tone marks before a split sara am are first swapped behind the nikhahit, then joined with it: น้ํา -> น้ำ.
_TONED_SARA_AM = re.compile(f"(?<![{_TONES}\u0e4c])([{_TONES}]+)\u0e4d\u0e32")
_STRANDED_SARA_AM = re.compile(f"[{_TONES}\u0e4c]\u0e4d\u0e32")
# The rules that follow sara am, as four searches rather than one alternation: the lakkhangyao and repeated-mark
# rules would try a match at every character, so each runs only when its cheap prerequisite is in the text.
_TONE_AFTER_VOWEL_OR_TONE = re.compile(f"[{thai_follow_vowels}{_TONES}][{_TONES}]")  # swapped / repeated tones
_LAKKHANGYAO = re.compile("[^\u0e24\u0e26]\u0e45")  # lakkhangyao -> sara aa
_TWO_MARKS = re.compile(f"[{_NO_REPEAT}] *[{_NO_REPEAT}]")
_REPEATED_MARK = re.compile(f"(?P<mark>[{_NO_REPEAT}]) *(?P=mark)")  # a repeated vowel or sign
_SPACED_MARK = re.compile(f" [{_DANGLING}]")  # dangling marks, with the mark at the start of the text


def _after_sara_am_applies(text: str) -> bool:
    return bool(
        _TONE_AFTER_VOWEL_OR_TONE.search(text)
        or ("\u0e45" in text and _LAKKHANGYAO.search(text))
        or (_TWO_MARKS.search(text) and _REPEATED_MARK.search(text))
        or text[:1] in _DANGLING_SET or _SPACED_MARK.search(text)
    )


def normalize_thai(text: str) -> str:
    """pythainlp's normalize (zero-width characters, spaces, vowel order, repeats), fast on clean text."""
    cleaned = remove_dup_spaces(text.replace("\u200b", "").replace("\u200c", ""))
    if _BEFORE_SARA_AM.search(cleaned) is None:
        if "\u0e4d\u0e32" in cleaned:
            cleaned = _TONED_SARA_AM.sub(_join_sara_am, cleaned)
            if _STRANDED_SARA_AM.search(cleaned):
                return thai_normalize(text)
            cleaned = cleaned.replace("\u0e4d\u0e32", "\u0e33")
        if not _after_sara_am_applies(cleaned):
            return cleaned
    return thai_normalize(text)


def _join_sara_am(match: re.Match[str]) -> str:
    return match.group(1) + "\u0e33"


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
    known = _CONTENT_WORD
    if len(known) > _CONTENT_WORD_LIMIT:
        known.clear()
    result = []
    for token in tokens:
        # A token's text says whether it is Thai (Thai runs and Latin runs are cut apart): it is the key alone.
        word = known.get(token.text, "")
        if word == "":  # "" is never a content word: it marks a word not seen yet
            word = known[token.text] = _content_word(token.text, token.thai)
        if word is not None:
            result.append(word)
    return tuple(result)


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


@cache
def base_tokenizer() -> Tokenizer:
    """pythainlp's word list alone: for splitting a domain compound back into its everyday words."""
    return Tokenizer()


def is_thai(text: str) -> bool:
    """True when the text is Thai script (its first letter decides)."""
    return _is_thai(text)


def _is_thai(text: str) -> bool:
    return bool(text) and "\u0e00" <= text[0] <= "\u0e7f"
