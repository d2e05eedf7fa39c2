"""Grading and judging a plan: candidates, status, coverage, findings and the outcome, on hand-set scores.

Then the policy: which findings fail the plan, minimum coverage, and waivers (accepted, expired, stale). Those
scores sit far from the thresholds so that recalibrating them does not change what the tests check.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from align.assess import STRONG_THRESHOLD, WEAK_THRESHOLD, Policy, assess
from align.kinds import FindingKind, Severity
from align.model import FrameworkId, ItemRef, ObjectiveId
from align.result import (
    CheckResult,
    Finding,
    Grade,
    Outcome,
    Status,
    Waiver,
)
from align.scores import LinkScore, ObjectiveScores, ranking_key

from .conftest import FIXED_DAY, make_framework, make_item, make_objective, make_plan, make_scores, sample_result


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


def test_every_link_is_kept_when_asked_for_matrices() -> None:
    assert sample_result().objectives[0].links == ()
    first = sample_result(every_link=True).objectives[0]
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


# The policy: fail-on, min-coverage, waivers.

STRONG = 0.95
WEAK = (STRONG_THRESHOLD + WEAK_THRESHOLD) / 2
WAIVERS = Path("align-waivers.yaml")

FW = make_framework(
    "fw-a",
    make_item("1", "โครงสร้างพื้นฐานดิจิทัล"),
    make_item("2", "บริการภาครัฐดิจิทัล", make_item("2.1", "บริการออนไลน์")),
)
PLAN = make_plan(
    make_objective("1", "พัฒนาระบบบริการออนไลน์", "fw-a:2", line=10),
    make_objective("2", "ขุดลอกคูคลองและเปิดทางน้ำไหล", line=20),
    framework_lines=(5,),
)
SCORES = {"1": {"fw-a:2": STRONG, "fw-a:2.1": WEAK}}


def check(policy: Policy | None = None, scores: dict[str, dict[str, float]] | None = None) -> CheckResult:
    return assess(PLAN, [FW], make_scores(PLAN, [FW], SCORES if scores is None else scores),
                  policy or Policy(today=FIXED_DAY))


def kinds(result: CheckResult, *, failing: bool | None = None) -> list[tuple[str, str]]:
    return [(f.kind.value, f.subject) for f in result.findings if failing is None or f.fails is failing]


def waiver(objective: str | None = "2", **fields: object) -> Waiver:
    return Waiver(ObjectiveId(objective) if objective else None, fields.pop("reason", "ทดสอบ"),  # type: ignore[arg-type]
                  path=WAIVERS, line=fields.pop("line", 3), **fields)  # type: ignore[arg-type]


def test_an_unaligned_objective_fails_by_default() -> None:
    result = check()
    assert kinds(result, failing=True) == [("unaligned", "2")]
    assert result.outcome is Outcome.FAILED
    finding = next(f for f in result.findings if f.fails)
    assert (finding.path, finding.line, finding.objective) == (Path("plan/test.yaml"), 20, "2")


def test_fail_on_chooses_the_kinds_that_fail() -> None:
    result = check(Policy(fail_on=frozenset({FindingKind.GAP}), today=FIXED_DAY))
    assert kinds(result, failing=True) == [("gap", "fw-a:1")]
    assert ("unaligned", "2") in kinds(result, failing=False)
    assert check(Policy(fail_on=frozenset(), today=FIXED_DAY)).outcome is Outcome.PASSED


def test_a_gap_is_located_at_the_plans_framework_line() -> None:
    gap = next(f for f in check().findings if f.kind is FindingKind.GAP)
    assert (gap.path, gap.line, gap.target) == (Path("plan/test.yaml"), 5, ItemRef.parse("fw-a:1"))


def test_a_strong_undeclared_link_is_a_note_that_does_not_fail() -> None:
    result = check(scores={"1": {"fw-a:2": STRONG, "fw-a:1": STRONG}, "2": {"fw-a:1": STRONG}})
    undeclared = [f for f in result.findings if f.kind is FindingKind.UNDECLARED_LINK]
    assert [(f.subject, str(f.target), f.severity, f.fails) for f in undeclared] == [
        ("1", "fw-a:1", Severity.NOTE, False)
    ]
    assert result.outcome is Outcome.PASSED


def test_coverage_below_the_minimum_is_a_failing_finding_saying_how_many_strategies_are_needed() -> None:
    result = check(Policy(fail_on=frozenset(), min_coverage={FrameworkId("fw-a"): 0.75}, today=FIXED_DAY))
    low = [f for f in result.findings if f.kind is FindingKind.LOW_COVERAGE]
    assert [(f.subject, f.fails, f.line) for f in low] == [("fw-a", True, 5)]
    assert low[0].message == ("coverage of fw-a is 1 of 2 strategies strongly served (50%); "
                              "the minimum 0.75 needs 2")
    assert result.outcome is Outcome.FAILED


def test_coverage_at_the_minimum_passes() -> None:
    result = check(Policy(fail_on=frozenset(), min_coverage={FrameworkId("fw-a"): 0.5}, today=FIXED_DAY))
    assert result.outcome is Outcome.PASSED
    assert not [f for f in result.findings if f.kind is FindingKind.LOW_COVERAGE]


def test_a_waiver_with_a_reason_turns_the_check_green_and_the_finding_shows_as_waived() -> None:
    accepted = waiver(kind=FindingKind.UNALIGNED, reason="ดูแลโดยแผน 20 ปี")
    result = check(Policy(waivers=(accepted,), today=FIXED_DAY))
    assert result.outcome is Outcome.PASSED
    unaligned = next(f for f in result.findings if f.kind is FindingKind.UNALIGNED)
    assert unaligned.waived_by == accepted and not unaligned.fails


def test_an_expired_waiver_stops_waiving_and_is_reported_where_it_is_written() -> None:
    expired = waiver(expires=FIXED_DAY - timedelta(days=1), line=7)
    result = check(Policy(waivers=(expired,), today=FIXED_DAY))
    assert result.outcome is Outcome.FAILED
    assert kinds(result, failing=True) == [("unaligned", "2")]
    reported = next(f for f in result.findings if f.kind is FindingKind.EXPIRED_WAIVER)
    assert (reported.path, reported.line, reported.fails) == (WAIVERS, 7, False)
    assert reported.message == ("the waiver of objective 2 expired on 2025-05-31; "
                                "it no longer waives 1 finding: fix it or renew the waiver")


def test_a_waiver_holds_through_its_expiry_day() -> None:
    result = check(Policy(waivers=(waiver(expires=FIXED_DAY),), today=FIXED_DAY))
    assert result.outcome is Outcome.PASSED
    assert not [f for f in result.findings if f.kind is FindingKind.EXPIRED_WAIVER]


def test_an_active_waiver_wins_over_an_expired_duplicate() -> None:
    old = waiver(expires=date(2020, 1, 1), line=3)
    renewed = waiver(expires=date(2030, 1, 1), line=9)
    result = check(Policy(waivers=(old, renewed), today=FIXED_DAY))
    assert result.outcome is Outcome.PASSED
    assert kinds(result, failing=None).count(("expired-waiver", "2")) == 1


def test_a_waiver_that_matches_nothing_is_reported_stale_and_fails_only_when_asked() -> None:
    stale = waiver("1", kind=FindingKind.UNALIGNED)
    gone = waiver("9.9")
    result = check(Policy(waivers=(stale, gone), today=FIXED_DAY))
    messages = [f.message for f in result.findings if f.kind is FindingKind.STALE_WAIVER]
    assert messages == [
        "the waiver of objective 1, unaligned is stale: it matches no finding; remove it",
        "the waiver of objective 9.9 is stale: plan test-plan has no objective 9.9; remove it",
    ]
    assert kinds(result, failing=True) == [("unaligned", "2")]
    strict = check(Policy(fail_on=frozenset({FindingKind.STALE_WAIVER}), waivers=(stale,), today=FIXED_DAY))
    assert kinds(strict, failing=True) == [("stale-waiver", "1")]


def test_target_and_kind_narrow_what_a_waiver_accepts() -> None:
    scores = {"1": {"fw-a:2": 0.0}}  # objective 1 declares fw-a:2 without support: unaligned + unsupported-link
    policy_fail = frozenset({FindingKind.UNALIGNED, FindingKind.UNSUPPORTED_LINK})
    only_link = waiver("1", target=ItemRef.parse("fw-a:2"))
    result = check(Policy(fail_on=policy_fail, waivers=(only_link,), today=FIXED_DAY), scores)
    assert kinds(result, failing=True) == [("unaligned", "1"), ("unaligned", "2")]
    assert [f.kind for f in result.findings if f.waived_by] == [FindingKind.UNSUPPORTED_LINK]
    only_kind = waiver("1", kind=FindingKind.UNALIGNED)
    result = check(Policy(fail_on=policy_fail, waivers=(only_kind,), today=FIXED_DAY), scores)
    assert kinds(result, failing=True) == [("unsupported-link", "1"), ("unaligned", "2")]


def test_a_gap_is_waived_by_naming_the_strategy() -> None:
    accepted = waiver(None, target=ItemRef.parse("fw-a:1"), kind=FindingKind.GAP)
    result = check(Policy(fail_on=frozenset({FindingKind.GAP}), waivers=(accepted,), today=FIXED_DAY))
    assert result.outcome is Outcome.PASSED
    assert [f.subject for f in result.findings if f.waived_by] == ["fw-a:1"]


def test_a_waiver_for_another_plan_is_neither_applied_nor_stale() -> None:
    result = check(Policy(waivers=(waiver(plan="other-plan"),), today=FIXED_DAY))
    assert result.outcome is Outcome.FAILED
    assert not [f for f in result.findings if f.kind in (FindingKind.STALE_WAIVER, FindingKind.EXPIRED_WAIVER)]
    assert check(Policy(waivers=(waiver(plan="test-plan"),), today=FIXED_DAY)).outcome is Outcome.PASSED


def test_a_broken_link_is_never_waived() -> None:
    plan = make_plan(make_objective("1", "พัฒนาระบบบริการออนไลน์", "fw-a:9", line=10))
    result = assess(plan, [FW], make_scores(plan, [FW], {"1": {"fw-a:2": STRONG}}),
                    Policy(waivers=(waiver("1"),), today=FIXED_DAY))
    broken = [f for f in result.findings if f.kind is FindingKind.BROKEN_LINK]
    assert [(f.fails, f.waived_by, f.line) for f in broken] == [(True, None, 10)]
    assert result.outcome is Outcome.INVALID


def test_waiver_findings_come_last_in_waiver_order() -> None:
    result = check(Policy(waivers=(waiver("8"), waiver("7")), today=FIXED_DAY))
    tail: list[Finding] = list(result.findings[-2:])
    assert [f.subject for f in tail] == ["8", "7"]


def test_candidates_are_ranked_by_ranking_key() -> None:
    # Many ties at four decimals, items whose natural order differs from string order (1.10 after 1.9).
    rng = random.Random(7)
    items = [make_item(f"{s}", f"s{s}", *(make_item(f"{s}.{m}", f"m{s}.{m}") for m in range(1, 12)))
             for s in range(1, 4)]
    framework = make_framework("fw-b", *items)
    other = make_framework("fw-a", make_item("1", "a1"), make_item("2", "a2"))
    objectives = [make_objective(f"o{n}", f"objective {n}") for n in range(30)]
    plan = make_plan(*objectives, frameworks=("fw-b", "fw-a"))
    refs = tuple(ItemRef(FrameworkId(fw.id), item.id)
                 for fw in (framework, other) for strategy in fw.items for item in strategy.walk())
    scores = {o.id: ObjectiveScores.of([LinkScore(ref, rng.choice([0.25, 0.250049, 0.25005, 0.7, rng.random()]), ())
                                        for ref in refs]) for o in objectives}
    result = assess(plan, (framework, other), scores, Policy(today=FIXED_DAY), every_link=True)
    for objective in result.objectives:
        keys = [ranking_key(c.target, c.score) for c in objective.links]
        assert keys == sorted(keys)
        assert len(objective.links) == len(refs)


def test_candidates_are_the_graded_declared_and_top_links_whatever_the_thresholds() -> None:
    # The contract, worked out from each link's own grade, on random scores, declarations and policies; the
    # thresholds come in either order (a policy may set strong below weak: grade() then says strong first).
    fws = (make_framework("fw-a", *(make_item(str(n), f"ยุทธศาสตร์ {n}", make_item(f"{n}.1", "มาตรการ"))
                                    for n in range(1, 6))),
           make_framework("fw-b", make_item("1", "ยุทธศาสตร์"), make_item("2", "ยุทธศาสตร์")))
    refs = [str(ItemRef(fw.id, item.id)) for fw in fws for item in fw.walk()]
    rng = random.Random(11)
    for _ in range(150):
        policy = Policy(strong=rng.random(), weak=rng.random())
        objectives = [make_objective(str(n), "งาน", *rng.sample(refs, rng.choice([0, 0, 1, 2]))) for n in range(1, 6)]
        plan = make_plan(*objectives, frameworks=("fw-a", "fw-b"))
        given = {o.id: {ref: round(rng.random(), 3) for ref in refs if rng.random() < 0.7} for o in objectives}
        for objective in assess(plan, fws, make_scores(plan, fws, given), policy, every_link=True).objectives:
            links = objective.links  # best first
            declared = {str(link) for link in objective.objective.aligns_with}
            top = {str(c.target) for fw in fws
                   for c in [c for c in links if c.target.framework == fw.id and c.target.item == c.strategy][:3]}
            expected = [str(c.target) for c in links
                        if policy.grade(c.score) is not Grade.NONE or str(c.target) in top
                        or str(c.target) in declared or (c.target.item == c.strategy and any(
                            d.startswith(f"{c.target.framework}:{c.strategy}.") for d in declared))
                        or (c.target.item != c.strategy and f"{c.target.framework}:{c.strategy}" in declared)]
            assert [str(c.target) for c in objective.candidates] == expected
