"""Years in the Buddhist Era (พ.ศ., B.E.) and the Common Era (ค.ศ., C.E.): the one place that converts them.

Thai plans are named and dated in B.E. (แผน ... พ.ศ. 2566-2570); align's files and reports keep C.E. years
(`period: [2023, 2027]`) and show B.E. to Thai readers.
"""

from __future__ import annotations

import re

BE_OFFSET = 543
"""B.E. year = C.E. year + 543."""
LATEST_CE_YEAR = 2400
"""A year above this is taken for B.E.: B.E. 2400 is 1857, long before any plan align reads."""

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_YEAR = re.compile(r"\d{4}")


def to_be(year: int) -> int:
    """The B.E. year of a C.E. year."""
    return year + BE_OFFSET


def to_ce(year: int) -> int:
    """The C.E. year of a year that may be B.E. (one above LATEST_CE_YEAR); a C.E. year stays as it is."""
    return year - BE_OFFSET if is_be(year) else year


def is_be(year: int) -> bool:
    """True for a year that can only be B.E."""
    return year > LATEST_CE_YEAR


def parse_period(text: str) -> tuple[int, int]:
    """`2566-2570`, `พ.ศ. ๒๕๖๖ - ๒๕๗๐` or `2023-2027` -> (2023, 2027): C.E. years; raises ValueError."""
    years = [int(y) for y in _YEAR.findall(str(text).translate(_THAI_DIGITS))]
    if len(years) != 2:
        raise ValueError(f"'{text}' must be two years, e.g. 2566-2570 or 2023-2027")
    start, end = (to_ce(y) for y in years)
    if not 1900 <= start <= end <= 2200:
        raise ValueError(f"'{text}' must be two years, the first not after the last")
    return start, end
