"""Grade scored links against the Policy and judge the plan: candidates, coverage, findings, the verdict.

Pure: takes the plan, its frameworks and the link scores, returns a CheckResult. The two thresholds live
here and nowhere else; so do the rules that turn findings into a verdict (fail-on, min-coverage, waivers).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from align import findings as found
from align.kinds import FindingKind
from align.model import Framework, FrameworkId, ItemId, ItemRef, Objective, ObjectiveId, Plan, natural_key
from align.result import (
    Candidate,
    CheckResult,
    Coverage,
    Finding,
    Grade,
    ObjectiveResult,
    Status,
    StrategyCoverage,
    Waiver,
)
from align.scores import ObjectiveScores, RankingKey, Targets, ranking_key

STRONG_THRESHOLD = 0.60
"""Score from which a link is strong: on the labelled dev split about 85% of such links are ones the planner
declared (docs/matching.md)."""
WEAK_THRESHOLD = 0.20
"""Score from which a link is weak; below it the text does not support the link. Set between the best link of
any non-digital objective and the best link of any digital one on the dev split."""
TOP_STRATEGIES = 3
"""Strategies per framework always listed as candidates, whatever their grade (JSON contract)."""
DEFAULT_FAIL_ON = frozenset({FindingKind.UNALIGNED, FindingKind.BROKEN_LINK})


@dataclass(frozen=True, slots=True)
class Policy:
    """What grades links and what fails the plan."""

    strong: float = STRONG_THRESHOLD
    weak: float = WEAK_THRESHOLD
    fail_on: frozenset[FindingKind] = DEFAULT_FAIL_ON
    min_coverage: Mapping[FrameworkId, float] = field(default_factory=dict)
    """Framework -> lowest acceptable coverage ratio."""
    waivers: tuple[Waiver, ...] = ()
    """Accepted findings: a waived finding is reported but does not fail."""
    today: date = field(default_factory=date.today)
    """The day waiver expiry is judged against (fixed in tests)."""

    def grade(self, score: float) -> Grade:
        """The grade of a link with this score."""
        if score >= self.strong:
            return Grade.STRONG
        if score >= self.weak:
            return Grade.WEAK
        return Grade.NONE


_GRADE_RANK = {Grade.STRONG: 2, Grade.WEAK: 1, Grade.NONE: 0}


def assess(
    plan: Plan,
    frameworks: Sequence[Framework],
    scores: Mapping[ObjectiveId, ObjectiveScores],
    policy: Policy,
    plan_file: str | None = None,
    every_link: bool = False,
) -> CheckResult:
    """Judge the plan. `frameworks` are the plan's, in its order; `scores` hold every item of them. With
    `every_link`, each objective's result also lists every item, graded (matrices, heatmaps, explanations)."""
    path = Path(plan_file) if plan_file else plan.path
    by_id = {fw.id: fw for fw in frameworks}
    columns = _Columns(by_id.values())
    findings: list[Finding] = []
    results = []
    for objective in plan.objectives:
        findings.extend(found.broken_links(objective, plan, by_id, path))
        result = _objective_result(objective, columns, scores[objective.id], policy, every_link)
        results.append(result)
        findings.extend(found.objective_findings(result, by_id, path))
    coverage = _coverage(frameworks, results)
    lines = _framework_lines(plan)
    findings.extend(found.gaps(coverage, path, lines))
    findings.extend(found.period_mismatches(plan, frameworks, path, lines))
    findings.extend(found.low_coverage(coverage, policy.min_coverage, path, lines))
    findings = found.waive(findings, plan, policy.waivers, policy.today)
    findings = found.apply_policy(findings, policy.fail_on)
    return CheckResult(
        plan=plan,
        frameworks=tuple(frameworks),
        objectives=tuple(results),
        coverage=coverage,
        findings=tuple(findings),
        outcome=found.outcome(findings),
        plan_file=plan_file or (plan.path.as_posix() if plan.path else ""),
    )


@dataclass(frozen=True, slots=True)
class _Target:
    """What grading needs to know of a framework item, worked out once per check rather than once per link."""

    strategy: ItemId
    """The top-level strategy that holds the item (the first, as Framework.strategy_of finds it)."""
    strategy_ref: ItemRef
    is_strategy: bool
    text: str
    """str(ref), as declared links are compared."""
    strategy_text: str


@dataclass(frozen=True, slots=True)
class _Layout:
    """What grading needs of each column of a Targets, worked out once for all objectives scored against it."""

    infos: list[_Target]
    groups: list[tuple[int, list[int]]]
    """Per strategy, in framework order: its column, and the columns of the strategy and every item beneath it
    (the strategy first), whose best score is the strategy's figure."""
    measures: list[int]
    """The columns of items beneath strategies."""


class _Columns:
    """Each item's _Target, by ItemRef, and the _Layout of a Targets (keyed by the Targets object, which every
    objective scored against the same frameworks shares)."""

    def __init__(self, frameworks: Iterable[Framework]) -> None:
        self.by_ref: dict[ItemRef, _Target] = {}
        for fw in frameworks:
            for strategy in fw.items:
                strategy_ref = ItemRef(fw.id, strategy.id)
                for item in strategy.walk():
                    ref = ItemRef(fw.id, item.id)
                    if ref not in self.by_ref:
                        self.by_ref[ref] = _Target(strategy.id, strategy_ref, ref == strategy_ref, str(ref),
                                                   str(strategy_ref))
        self._of: dict[Targets, _Layout] = {}

    def of(self, targets: Targets) -> _Layout:
        if targets not in self._of:
            infos = [self.by_ref[ref] for ref in targets.refs]
            column = {ref: index for index, ref in enumerate(targets.refs)}
            members: dict[ItemRef, list[int]] = {}
            for index, info in enumerate(infos):
                members.setdefault(info.strategy_ref, []).append(index)
            groups = [(column[ref], sorted(indexes, key=lambda i: not infos[i].is_strategy))
                      for ref, indexes in members.items()]
            measures = [index for index, info in enumerate(infos) if not info.is_strategy]
            self._of[targets] = _Layout(infos, groups, measures)
        return self._of[targets]


def _objective_result(objective: Objective, columns: _Columns, scores: ObjectiveScores, policy: Policy,
                      every_link: bool) -> ObjectiveResult:
    declared = {str(link) for link in objective.aligns_with}
    declared_strategies = {t.strategy_ref for t in map(columns.by_ref.get, objective.aligns_with) if t is not None}
    refs, values, evidence = scores.targets.refs, scores.scores, scores.evidence
    layout = columns.of(scores.targets)
    infos = layout.infos
    grade = policy.grade

    def is_declared(index: int) -> bool:
        target = infos[index]
        return bool(declared) and (target.text in declared or (
            target.strategy_ref in declared_strategies if target.is_strategy else target.strategy_text in declared
        ))

    strong, weak = policy.strong, policy.weak

    def candidate(index: int, score: float, declares: bool, via: int, shown: bool) -> Candidate:
        # Evidence is made for the links a report shows (the candidates, or every link when all were asked for):
        # of ~14 strategies per objective a JSON report lists about 8, and evidence is most of grading's time.
        # The grade is Policy.grade's rule, inline: ~20 candidates per objective, at 10,000s of objectives.
        return Candidate(refs[index], infos[index].strategy, score,
                         Grade.STRONG if score >= strong else Grade.WEAK if score >= weak else Grade.NONE, declares,
                         evidence(via) if shown else (), None if via == index else refs[via])

    graded = min(policy.strong, policy.weak)  # policy.grade(score) is not NONE: from the lower threshold on
    # The figure of a strategy: the best of it and its measures; on a tie the strategy's own text carries it.
    figures = []
    for column, members in layout.groups:
        carrier = max(members, key=values.__getitem__)
        figures.append((ranking_key(refs[column], values[carrier]), column, carrier))
    figures.sort()
    # The JSON contract: every strong or weak target, every declared one, and the top strategies per framework.
    # `declared and ...`: most plans declare nothing for most objectives, and is_declared is a call per measure.
    kept = [(ranking_key(refs[i], values[i]), candidate(i, values[i], bool(declared) and is_declared(i), i, True))
            for i in layout.measures if values[i] >= graded or (declared and is_declared(i))]
    listed: dict[FrameworkId, int] = {}
    strategies = []
    for key, column, carrier in figures:
        score, declares, framework = values[carrier], bool(declared) and is_declared(column), refs[column].framework
        shown = listed.get(framework, 0)
        if shown < TOP_STRATEGIES or score >= graded or declares:
            listed[framework] = shown + 1
            strategies.append(candidate(column, score, declares, carrier, True))
            kept.append((key, strategies[-1]))
        else:
            strategies.append(candidate(column, score, declares, carrier, every_link))
    kept.sort(key=lambda entry: entry[0])
    # Any link counts, a measure's too: serving a measure serves its strategy (JSON contract), and the figures
    # hold every item's best. Grades rise with the score, so the best grade is the grade of the highest score.
    best = grade(max(values)) if len(values) else Grade.NONE
    status = {Grade.STRONG: Status.ALIGNED, Grade.WEAK: Status.WEAK, Grade.NONE: Status.UNALIGNED}[best]
    links = tuple(sorted([*strategies, *(candidate(i, values[i], is_declared(i), i, True) for i in layout.measures)],
                         key=_ranking)) if every_link else ()
    return ObjectiveResult(objective, status, tuple(link for _, link in kept), tuple(strategies), links,
                           scores.reading)


def _ranking(candidate: Candidate) -> RankingKey:
    return ranking_key(candidate.target, candidate.score)


def _coverage(frameworks: Sequence[Framework], results: Sequence[ObjectiveResult]) -> tuple[Coverage, ...]:
    # One pass over the candidates for every framework: a plan of 10,000 objectives has 130,000 of them.
    best = {fw.id: dict.fromkeys((s.id for s in fw.items), Grade.NONE) for fw in frameworks}
    covering: dict[FrameworkId, dict[ItemId, set[ObjectiveId]]] = {
        fw.id: {s.id: set() for s in fw.items} for fw in frameworks}
    for result in results:
        for candidate in result.candidates:
            strategies = best.get(candidate.target.framework)
            if strategies is None or candidate.strategy not in strategies:
                continue
            if _GRADE_RANK[candidate.grade] > _GRADE_RANK[strategies[candidate.strategy]]:
                strategies[candidate.strategy] = candidate.grade
            if candidate.grade is not Grade.NONE:
                covering[candidate.target.framework][candidate.strategy].add(result.objective.id)
    return tuple(
        Coverage(fw, tuple(StrategyCoverage(s, best[fw.id][s.id], tuple(sorted(covering[fw.id][s.id], key=natural_key)))
                           for s in fw.items))
        for fw in frameworks)


def _framework_lines(plan: Plan) -> dict[FrameworkId, int | None]:
    """Where the plan names each framework: findings about a framework point there, in the plan file."""
    return dict(zip(plan.frameworks, plan.framework_lines or (None,) * len(plan.frameworks), strict=False))
