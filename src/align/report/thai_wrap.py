"""Line breaking for Thai mixed with English in rich: lines break between words, never inside one.

rich wraps at spaces and folds anything longer by character cells. Thai writes no spaces between words, so a
Thai title in a table cell breaks anywhere (ทั่วปร|ะเทศ) and a line can begin with a vowel that is written after
its consonant, which reads as a typo. Here a word segmenter, passed in by the caller (a function that splits a
run of Thai letters into words), says where Thai words end; split_pieces cuts a text into the pieces that must
stay on one line, and WordWrap lays them out greedily, as rich does words, folding only a piece wider than the
line.

Vocabulary: a *piece* is an unbreakable part of the text, with the whitespace that follows it; a line may break
between any two pieces. A *cluster* is what no fold may split: a letter with its combining marks, a leading vowel
with the letter after it, a following vowel (ะ า ำ ๅ) with the letter before it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from functools import partial

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

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
    ๆ or ฯ; never before whitespace or inside the whitespace that opens a line. A newline is whitespace here;
    WordWrap breaks every line at it.

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


class WordWrap:
    """A rich renderable: the Text laid out at the breaks of split_pieces, its styles kept, justified left.

    Put it wherever rich takes a renderable, such as a Table cell: `table.add_row(WordWrap(Text(title),
    tokenizer.thai_words))`. Each line of the text (explicit newlines are kept) is filled greedily with the pieces
    that fit within the width the container gives; whitespace at a break is dropped. A piece wider than a whole
    line (a long URL, or a Thai word longer than a narrow column) is folded: between the smaller words a Thai word
    is made of where they fit, else between clusters, and by cells only when one cluster is wider than the line.
    Measures as rich measures Text: at least the widest piece, at most the widest line. With no_wrap (on the Text
    or the column) rich renders the Text as usual.

    The text is segmented once, on first use, and its pieces kept: a Table measures each cell, then renders it, on
    every print. Folding a Thai word wider than the line segments that word twice more, at each render.
    """

    def __init__(self, text: Text | str, segment: Segmenter) -> None:
        self.text = Text(text) if isinstance(text, str) else text
        """The text to lay out; a str is taken as plain text, never as markup."""
        self._segment = segment
        self._lines: list[tuple[Text, list[int]]] | None = None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.no_wrap or self.text.no_wrap:
            yield self.text
            return
        yield from Text("\n").join(self.wrap(options.max_width)).render(console, end=self.text.end)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest_piece = widest_line = 0
        for line, cuts in self._pieces():
            plain = line.plain
            widest_line = max(widest_line, cell_len(plain.rstrip()))
            for start, end in zip([0, *cuts], [*cuts, len(plain)], strict=True):
                widest_piece = max(widest_piece, cell_len(plain[start:end].rstrip()))
        return Measurement(widest_piece, widest_line)

    def wrap(self, width: int) -> list[Text]:
        """The lines the text is laid out in at this width (in cells), each a Text with its part of the styles."""
        width = max(width, 1)
        result: list[Text] = []
        for line, cuts in self._pieces():
            parts = list(line.divide(_breaks(line.plain, cuts, width, self._segment)))
            for part in parts[:-1]:
                part.rstrip()
            last = parts[-1]
            while cell_len(last.plain) > width and last.plain[-1:].isspace():  # trailing spaces need no room
                last.right_crop(1)
            result.extend(parts)
        return result

    def _pieces(self) -> list[tuple[Text, list[int]]]:
        if self._lines is None:
            text = self.text
            if "\t" in text.plain:
                text = text.copy()
                text.expand_tabs()
            self._lines = [(line, _cuts(line.plain, self._segment)) for line in text.split("\n", allow_blank=True)]
        return self._lines


def _breaks(text: str, cuts: Sequence[int], width: int, segment: Segmenter) -> list[int]:
    """Where to break a line of text (no newline) cut into pieces at `cuts`: greedy, first fit."""
    breaks: list[int] = []
    used = 0  # cells on the current line, trailing whitespace included
    line_start = 0
    for start, end in zip([0, *cuts], [*cuts, len(text)], strict=True):
        piece = text[start:end]
        body = piece.rstrip()
        needed = cell_len(body)
        if used + needed <= width:
            used += cell_len(piece)
            continue
        if start > line_start:
            breaks.append(start)
            line_start = start
            used = cell_len(piece)
            if needed <= width:
                continue
        folds = _fold(text, start, start + len(body), width, (partial(_sub_words, segment=segment), _clusters))
        breaks.extend(folds)
        line_start = folds[-1] if folds else start
        used = cell_len(text[line_start:end])
    return breaks


_CutFinder = Callable[[str, int, int], list[int]]


def _fold(text: str, start: int, end: int, width: int, finer: Sequence[_CutFinder]) -> list[int]:
    """Breaks that fold text[start:end], a piece wider than the line and the first on its line, into lines of at
    most `width`: at the cuts of finer[0] where they suffice, then at those of finer[1] within what they leave too
    wide, and so on; by cells at last, keeping zero-width characters with the one before them as rich does."""
    cuts = finer[0](text, start, end) if finer else _cells(text, start, end)
    breaks: list[int] = []
    used = 0
    for part_start, part_end in zip([start, *cuts], [*cuts, end], strict=True):
        needed = cell_len(text[part_start:part_end])
        if used + needed <= width:
            used += needed
            continue
        if used:
            breaks.append(part_start)
        used = needed
        if needed > width and finer:
            inner = _fold(text, part_start, part_end, width, finer[1:])
            breaks.extend(inner)
            used = cell_len(text[inner[-1] if inner else part_start:part_end])
    return breaks


def _sub_words(text: str, start: int, end: int, segment: Segmenter) -> list[int]:
    """Where a Thai word too wide for the line is made of smaller words (โครงสร้าง|พื้นฐาน), found by segmenting it
    without its last letter and without its first: newmm then cannot take the whole word and splits it. A cut
    both agree on is kept; either alone also cuts at a stray syllable (ทั่ว|ประ|เท)."""
    word = text[start:end]
    # A piece may end in what must stay with its word (ต่าง ๆ): the word is its Thai letters before that.
    while word and word[-1] in _WORD_SIGNS + " \t\u00a0":
        word = word[:-1]
    if len(word) < 3 or not all(map(_is_thai_letter, word)):
        return []
    left = set(_offsets(word[:-1], segment))
    right = {1 + offset for offset in _offsets(word[1:], segment)}
    return sorted(start + offset for offset in left & right if _may_split(text, start + offset))


def _offsets(run: str, segment: Segmenter) -> Iterator[int]:
    words = segment(run)
    if "".join(words) != run:  # no words to trust: no cuts
        return
    offset = 0
    for word in words[:-1]:
        offset += len(word)
        yield offset


def _clusters(text: str, start: int, end: int) -> list[int]:
    # Not before whitespace: a line would open with it (and ๆ after a space belongs to the word before).
    return [i for i in range(start + 1, end) if _may_split(text, i) and not text[i].isspace()]


def _cells(text: str, start: int, end: int) -> list[int]:
    return [i for i in range(start + 1, end) if cell_len(text[i])]


_segmenter: list[Segmenter] = [thai_clusters]
"""The segmenter reports wrap Thai with: clusters until the command line hands over align's word segmenter (the
matcher's dictionary lives in matching/, which reports may not import)."""


def use_segmenter(segment: Segmenter) -> None:
    """Wrap Thai in every report from now on at the words this segmenter finds."""
    _segmenter[0] = segment


def wrapped(text: Text | str) -> WordWrap:
    """A text to lay out at Thai word boundaries, with the segmenter the command line set (use_segmenter)."""
    return WordWrap(text, _segmenter[0])
