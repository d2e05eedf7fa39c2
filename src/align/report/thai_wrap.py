"""Line breaking for Thai mixed with English in rich: lines break between words, never inside one.

rich wraps at spaces and folds anything longer by character cells. Thai writes no spaces between words, so a
Thai title in a table cell breaks anywhere (ทั่วปร|ะเทศ) and a line can begin with a vowel that is written after
its consonant, which reads as a typo. Here a word segmenter, passed in by the caller (a function that splits a
run of Thai letters into words), says where Thai words end; split_pieces cuts a text into the pieces that must
stay on one line.

Vocabulary: a *piece* is an unbreakable part of the text, with the whitespace that follows it; a line may break
between any two pieces. A *cluster* is what no fold may split: a letter with its combining marks, a leading vowel
with the letter after it, a following vowel (ะ า ำ ๅ) with the letter before it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence

Segmenter = Callable[[str], Sequence[str]]
"""Splits a run of Thai letters (no spaces, digits or Latin) into words; the words joined give the run back."""

# Written after the consonant they follow in speech, so a line must not begin with them (ทั่วปร|ะเทศ).
_FOLLOWING_VOWELS = "\u0e30\u0e32\u0e33\u0e45"  # ะ า ำ ๅ
# Written before the consonant they follow in speech, so a line must not end with them.
_LEADING_VOWELS = "\u0e40\u0e41\u0e42\u0e43\u0e44"  # เ แ โ ใ ไ
# ๆ repeats the word before it and ฯ abbreviates it: each belongs to that word, even across a space (ต่าง ๆ).
_WORD_SIGNS = "\u0e46\u0e2f"  # ๆ ฯ
_JOINERS = "\u200c\u200d\u2060\ufeff"  # (non-)joiners and word joiners glue their neighbours
_CANNOT_START = frozenset(_FOLLOWING_VOWELS + _WORD_SIGNS + _JOINERS)
_CANNOT_END = frozenset(_LEADING_VOWELS + _JOINERS)
_HYPHENS = frozenset("-\u2010\u2013\u2014")  # - ‐ – —
_NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")  # spaces that join (100\u00a0km), though str.isspace() is True
_THAI = "\u0e01-\u0e3a\u0e40-\u0e4e"  # letters, vowels, marks; not ฿ (U+0E3F), Thai digits or punctuation
_THAI_RUN = re.compile(f"[{_THAI}]+")
_NOT_THAI_ALNUM = f"[^\\W_{_THAI}]"  # a Latin (or other script's) letter or a digit, Thai digits included
# Zero-width matches where a break is invited. Punctuation invites one only before a letter: UAX #14 keeps a number
# with the slash, comma or hyphen before it (1/2, 1,000, 2566-2570).
_INVITATION = re.compile("|".join([
    "(?<=[^\\S\u00a0\u2007\u202f])",  # after whitespace other than a no-break space
    "(?<=\u200b)",  # after a zero-width space, which some Thai text uses to mark its word breaks
    f"(?<=[{_THAI}])(?={_NOT_THAI_ALNUM}|[([{{\u201c\u2018\u00ab])",  # Thai, then Latin or a number (ระบบAI) or ( “
    f"(?<={_NOT_THAI_ALNUM})(?=[{_THAI}])",  # Latin or a number, then Thai (AIระบบ)
    "(?<=[)\\]}\u201d\u2019\u00bb,;\u3001/\\-\u2010\u2013\u2014])(?=[^\\W\\d_])",  # ) ” , ; / - before a letter
]))


def _is_thai_letter(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e3a" or "\u0e40" <= char <= "\u0e4e"


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


def thai_clusters(run: str) -> list[str]:
    """A segmenter that knows no words: the run cut into clusters, for callers and tests without a dictionary.

    Lines then break between clusters of a Thai word (พั|ฒ|นา), never before a following vowel or a mark; pass a
    real word segmenter (align.text's Tokenizer.thai_words) for breaks between words.
    """
    cuts = _clusters(run, 0, len(run))
    return [run[start:end] for start, end in zip([0, *cuts], [*cuts, len(run)], strict=True)]


def split_pieces(text: str, segment: Segmenter) -> list[str]:
    """The text cut where a line may break; the pieces joined are the text, character for character.

    A line may break after whitespace other than a no-break space (the whitespace stays with the piece before it),
    between the Thai words the segmenter finds, between Thai and a Latin word or number, after a zero-width space,
    after / - , ; or a closing bracket or quote before a letter, and before an opening bracket or quote that follows
    Thai. Never inside a cluster, so never before a combining mark or ะ า ำ ๅ, never after เ แ โ ใ ไ; never before
    ๆ or ฯ; never before whitespace or inside the whitespace that opens a line. A newline is whitespace here; a
    layout must break every line at it.

    Raises ValueError when the segmenter's words do not join to the run it was given.
    """
    cuts = _cuts(text, segment)
    return [text[start:end] for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True)]


def _cuts(text: str, segment: Segmenter) -> list[int]:
    """The offsets of split_pieces: where a line may break, in order, none at 0 or at the end."""
    candidates = set(_word_boundaries(text, segment))
    candidates.update(_invitations(text))
    indent = len(text) - len(text.lstrip())
    return sorted(i for i in candidates if indent < i < len(text) and _may_split(text, i) and not text[i].isspace())


def _word_boundaries(text: str, segment: Segmenter) -> Iterator[int]:
    """Offsets between the segmenter's words, in every run of Thai letters."""
    for match in _THAI_RUN.finditer(text):
        run = match.group()
        words = segment(run)
        if "".join(words) != run:
            raise ValueError(f"the segmenter's words {list(words)!r} do not join to the run {run!r}")
        offset = match.start()
        for word in words[:-1]:
            offset += len(word)
            yield offset


def _invitations(text: str) -> Iterator[int]:
    """Offsets where spaces, punctuation or a change of script invite a break (orthography is checked later)."""
    for match in _INVITATION.finditer(text):
        i = match.start()
        # A hyphen that opens a word is a sign (-ก), not a place to break.
        if i > 0 and (text[i - 1] not in _HYPHENS or (i >= 2 and (text[i - 2].isalnum() or _is_mark(text[i - 2])))):
            yield i


def _may_split(text: str, i: int) -> bool:
    """True when offset i (0 < i < len(text)) does not fall inside a cluster or before ๆ / ฯ."""
    after = text[i]
    return not (after in _CANNOT_START or text[i - 1] in _CANNOT_END or _is_mark(after))


def _clusters(text: str, start: int, end: int) -> list[int]:
    return [i for i in range(start + 1, end) if _may_split(text, i)]

