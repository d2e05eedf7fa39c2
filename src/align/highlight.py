"""Where normalised terms stand in an original text: the stretches to highlight, on whole grapheme clusters.

Evidence terms are normalised (NFKC, lower case, Thai digits as Arabic, see matching/normalize.py); they are found
again in the original wording one grapheme cluster at a time, so a highlight never splits a consonant from its
vowels and tone marks, and never starts inside a syllable (after เ แ โ ใ ไ) or ends before one of its vowels
(ะ า ๅ).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from align.matching.normalize import normalize

_LEADING_VOWELS = frozenset("เแโใไ")
_FOLLOWING_VOWELS = frozenset("ะาๅ")
_SARA_AM = "\u0e33"
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted stretch [start, end) of an original text."""

    start: int
    end: int


def clusters(text: str) -> list[str]:
    """The text cut into grapheme clusters: a base character with its combining marks (and ำ)."""
    result: list[str] = []
    for char in text:
        if result and (unicodedata.category(char) in {"Mn", "Mc", "Me"} or char == _SARA_AM):
            result[-1] += char
        else:
            result.append(char)
    return result


def find_terms(text: str, terms: list[str] | tuple[str, ...]) -> tuple[Mark, ...]:
    """Where the normalised terms occur in the original text, as merged marks on whole clusters."""
    if not text or not terms:
        return ()
    prepared = _prepare(text)
    spans: list[tuple[int, int]] = []
    for term in dict.fromkeys(terms):
        pattern = _pattern(term)
        found = prepared.spans(pattern) if pattern is not None else []
        if not found and " " in term.strip():
            # A word pair skips function words between them ("services for citizens"): mark its words.
            for word in term.split():
                word_pattern = _pattern(word)
                found.extend(prepared.spans(word_pattern) if word_pattern is not None else [])
        spans.extend(found)
    return _merge(spans)


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A text as clusters, and its normal form with, per normal character, the cluster it came from."""

    pieces: tuple[str, ...]
    starts: tuple[int, ...]
    """Offset of each cluster in the original text, and the text's length last."""
    flat: str
    owner: tuple[int, ...]
    first: tuple[bool, ...]
    """True where a normal character is the first of its cluster's normal form."""

    def spans(self, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        pieces, owner, flat = self.pieces, self.owner, self.flat
        found = []
        for match in pattern.finditer(flat):
            i, j = match.start(), match.end()
            if i == j:
                continue
            begin, last = owner[i], owner[j - 1]
            if not self.first[i] or (j < len(flat) and owner[j] == last):
                continue  # the term starts or ends inside a cluster: not this word
            if begin > 0 and pieces[begin - 1][:1] in _LEADING_VOWELS:
                continue
            if last + 1 < len(pieces) and pieces[last + 1][:1] in _FOLLOWING_VOWELS:
                continue
            found.append((self.starts[begin], self.starts[last + 1]))
        return found


@lru_cache(maxsize=4096)
def _prepare(text: str) -> _Prepared:
    pieces = clusters(text)
    starts = [0]
    for piece in pieces:
        starts.append(starts[-1] + len(piece))
    parts: list[str] = []
    owner: list[int] = []
    first: list[bool] = []
    for index, piece in enumerate(pieces):
        normal = normalize(piece)
        if not normal:
            normal = "" if all(c in _ZERO_WIDTH for c in piece) else " "
        parts.append(normal)
        owner.extend([index] * len(normal))
        first.extend([True] + [False] * (len(normal) - 1))
    return _Prepared(tuple(pieces), tuple(starts), "".join(parts), tuple(owner), tuple(first))


@lru_cache(maxsize=4096)
def _pattern(term: str) -> re.Pattern[str] | None:
    # Punctuation inside a term (e-service, 1.4) is a space in the cluster-wise normal form.
    words = [w for w in re.split(r"[\s\-.]+", normalize(term)) if w]
    if not words:
        return None
    body = r"\s*".join(re.escape(w) for w in words)
    before = r"(?<![a-z0-9])" if re.match(r"[a-z0-9]", words[0]) else ""
    after = r"(?![a-z0-9])" if re.search(r"[a-z0-9]$", words[-1]) else ""
    return re.compile(before + body + after)


def _merge(spans: list[tuple[int, int]]) -> tuple[Mark, ...]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple(Mark(start, end) for start, end in merged)
