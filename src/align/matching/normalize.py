"""Text in its canonical form for matching: NFKC, Thai vowel order and sara am repaired, Arabic digits, lower case,
punctuation as spaces. pythainlp's normalize is the reference; this runs it only where it can change something.
"""

from __future__ import annotations

import re
import unicodedata

from pythainlp import thai_above_vowels, thai_below_vowels, thai_follow_vowels, thai_lead_vowels
from pythainlp import thai_tonemarks as _TONES
from pythainlp.util import normalize as thai_normalize
from pythainlp.util import remove_dup_spaces

THAI = "\u0e00-\u0e7f"
"""The Thai block, for character classes."""
_PUNCT_BETWEEN_WORDS = re.compile(rf"[^{THAI}a-z0-9\-. ]+")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_HAS_THAI = re.compile(rf"[{THAI}]")
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
# (pythainlp 5.4.0, util/normalize.py), in their order; tests/matching/test_normalize.py compares the two on
# random text.
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
