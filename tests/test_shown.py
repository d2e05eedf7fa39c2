"""How a score reads: cut, never rounded up into the next grade, and the same cut as exact decimal arithmetic."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from align.result import shown


@pytest.mark.parametrize(("score", "digits", "text"), [
    (0.5978, 2, "0.59"),  # rounded it would read 0.60, the strong threshold
    (0.29, 2, "0.29"),  # 0.29 * 100 is 28.999999999999996 in binary: a float floor would say 0.28
    (0.6, 2, "0.60"),
    (1.0, 4, "1.0000"),
    (0.0, 2, "0.00"),
    (1e-05, 4, "0.0000"),
    (0.19999999999999998, 2, "0.19"),  # just under the weak threshold reads under it
])
def test_scores_read_as_planners_expect(score: float, digits: int, text: str) -> None:
    assert shown(score, digits) == text


@given(st.floats(min_value=0.0, max_value=1.0) | st.floats(min_value=-1.0, max_value=0.0, exclude_max=True),
       st.integers(1, 6))
def test_the_cut_is_the_exact_decimal_floor_of_the_score_as_written(score: float, digits: int) -> None:
    exact = Decimal(repr(score)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_FLOOR)
    assert shown(score, digits) == str(exact)
