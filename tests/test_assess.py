"""Grading and judging a plan: candidates, status, coverage, findings and the outcome, on hand-set scores."""

from __future__ import annotations

from align.assess import Policy
from align.result import FindingKind, Grade, Outcome, Severity, Status

from .conftest import sample_result


def test_grades_follow_the_two_thresholds() -> None:
    policy = Policy(strong=0.6, weak=0.2)
    assert [policy.grade(s) for s in (0.6, 0.59, 0.2, 0.19)] == [Grade.STRONG, Grade.WEAK, Grade.WEAK, Grade.NONE]


def test_status_is_the_best_grade_of_any_link() -> None:
    result = sample_result()
    assert [o.status for o in result.objectives] == [Status.ALIGNED, Status.WEAK, Status.UNALIGNED]


def test_candidates_are_best_first_and_follow_the_contract() -> None:
    first = sample_result().objectives[0]
    assert [str(c.target) for c in first.candidates] == [
        "fw-a:1", "fw-a:1.1", "fw-b:2", "fw-a:2", "fw-b:1", "fw-a:3"]
    # fw-a:4 is neither strong, weak, declared nor among the 3 best fw-a strategies; fw-b:1 is declared.
    assert [c.declared for c in first.candidates] == [True, True, False, False, True, False]
    assert first.candidates[1].strategy == "1"


def test_every_link_is_kept_for_matrices() -> None:
    first = sample_result().objectives[0]
    assert len(first.links) == 7
    assert first.link(first.links[-1].target) is first.links[-1]


def test_coverage_takes_the_best_grade_and_lists_who_covers_each_strategy() -> None:
    coverage = {c.framework.id: c for c in sample_result().coverage}
    fw_a = coverage["fw-a"]
    assert [(i.item.id, i.grade, i.covered_by) for i in fw_a.items] == [
        ("1", Grade.STRONG, ("1",)), ("2", Grade.WEAK, ("1", "2")), ("3", Grade.NONE, ()), ("4", Grade.NONE, ())]
    assert fw_a.ratio == 0.25
    assert coverage["fw-b"].ratio == 0.5


def test_findings_of_each_kind() -> None:
    findings = {(f.kind, f.subject, str(f.target) if f.target else None) for f in sample_result().findings}
    assert findings == {
        (FindingKind.UNALIGNED, "3", None),
        (FindingKind.WEAK_LINK, "2", "fw-a:2"),  # its best link is weak
        (FindingKind.UNSUPPORTED_LINK, "2", "fw-a:3"),  # declared, no textual support
        (FindingKind.UNSUPPORTED_LINK, "1", "fw-b:1"),
        (FindingKind.UNDECLARED_LINK, "1", "fw-b:2"),  # strong but not declared
        (FindingKind.GAP, "fw-a:3", "fw-a:3"),
        (FindingKind.GAP, "fw-a:4", "fw-a:4"),
        (FindingKind.GAP, "fw-b:1", "fw-b:1"),
    }


def test_findings_are_located_in_the_plan_file() -> None:
    unaligned = next(f for f in sample_result().findings if f.kind is FindingKind.UNALIGNED)
    assert (str(unaligned.path), unaligned.line, unaligned.severity) == ("plan/test.yaml", 10, Severity.ERROR)


def test_the_default_policy_fails_on_unaligned_objectives() -> None:
    result = sample_result()
    assert result.outcome is Outcome.FAILED and not result.passed
    assert {f.kind for f in result.findings if f.fails} == {FindingKind.UNALIGNED}


def test_a_policy_failing_on_nothing_passes() -> None:
    assert sample_result(Policy(fail_on=frozenset())).passed


def test_min_coverage_fails_a_plan_below_the_ratio() -> None:
    assert sample_result(Policy(fail_on=frozenset(), min_coverage={"fw-b": 0.5})).passed  # type: ignore[dict-item]
    assert not sample_result(Policy(fail_on=frozenset(), min_coverage={"fw-b": 0.6})).passed  # type: ignore[dict-item]


def test_summary_counts_objectives_by_status() -> None:
    summary = sample_result().summary
    assert (summary.objectives, summary.aligned, summary.weak, summary.unaligned) == (3, 1, 1, 1)
