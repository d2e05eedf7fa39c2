"""The table of finding kinds: a row for every kind, messages in both languages, rendered from a finding's values."""

from __future__ import annotations

import re

import pytest

from align.kinds import KINDS, WAIVABLE, FindingKind, Severity, message, placeholders

THAI = re.compile("[\u0e00-\u0e7f]")


def test_every_kind_has_one_row() -> None:
    assert set(KINDS) == set(FindingKind)


@pytest.mark.parametrize("kind", list(FindingKind))
def test_every_kind_is_named_helped_and_worded_in_both_languages(kind: FindingKind) -> None:
    row = KINDS[kind]
    english, thai = row.name
    assert english and THAI.search(thai)
    assert row.help.endswith(".") and "\n" not in row.help
    assert "" in row.messages
    for variant, (english, thai) in row.messages.items():
        assert english and THAI.search(thai), (kind, variant)
        # Thai may leave out an English detail, never ask for a value English does not need, except B.E. years.
        assert placeholders(thai) - placeholders(english) <= {"subject", "period_be", "framework_period_be"}


def test_waivable_kinds_are_those_about_an_objective_or_a_strategy() -> None:
    assert WAIVABLE == {FindingKind.UNALIGNED, FindingKind.WEAK_LINK, FindingKind.UNSUPPORTED_LINK,
                        FindingKind.UNDECLARED_LINK, FindingKind.GAP}
    assert KINDS[FindingKind.UNALIGNED].severity is Severity.ERROR


def test_a_message_names_its_values_in_either_language() -> None:
    values = {"target": "dg-2566-2570:1", "score": "0.45"}
    assert message(FindingKind.WEAK_LINK, "declared", values) == (
        "declares dg-2566-2570:1, with only weak support (score 0.45)")
    assert message(FindingKind.WEAK_LINK, "declared", values, thai=True) == (
        "แผนระบุว่าสอดคล้องกับ dg-2566-2570:1 แต่ข้อความสนับสนุนเพียงเล็กน้อย (คะแนน 0.45)")
