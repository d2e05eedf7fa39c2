"""Why align links an objective to a strategy: its graded links, and where their shared terms stand in both texts
(highlight.py), built from a finished CheckResult for `align explain`."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches

from align.errors import InputError
from align.highlight import Mark, find_terms
from align.labels import Labels
from align.model import Framework, FrameworkItem
from align.result import Candidate, CheckResult, Finding, ObjectiveResult


@dataclass(frozen=True, slots=True)
class ExplainedLink:
    """One graded link with the item's wording and where each shared term was found."""

    candidate: Candidate
    framework: Framework
    item: FrameworkItem
    strategy: FrameworkItem
    title_marks: tuple[Mark, ...]
    """Where the shared terms stand in the item's title (and below, its English title)."""
    title_en_marks: tuple[Mark, ...]

    @property
    def is_strategy(self) -> bool:
        """True for a strategy, False for a measure (or goal) beneath one."""
        return self.item.id == self.strategy.id


@dataclass(frozen=True, slots=True)
class Explanation:
    """One objective, explained."""

    result: CheckResult
    objective: ObjectiveResult
    title_marks: tuple[Mark, ...]
    description_marks: tuple[Mark, ...]
    links: tuple[ExplainedLink, ...]
    findings: tuple[Finding, ...]
    total: int
    """How many items the objective was scored against (all frameworks)."""
    every: bool
    """True when every item is shown, not only the reported candidates."""


def explain(result: CheckResult, objective_id: str, every: bool = False, labels: Labels | None = None) -> Explanation:
    """The explanation of one objective; raises InputError naming the plan when there is no such objective."""
    t = labels or Labels()
    objective = next((o for o in result.objectives if o.objective.id == objective_id), None)
    if objective is None:
        ids = [o.objective.id for o in result.objectives]
        close = get_close_matches(objective_id, ids, n=1, cutoff=0.5)
        hint = t("explain.did_you_mean", id=close[0]) if close else ""
        raise InputError(result.plan_file or "plan", "explain",
                         t("explain.no_objective", id=objective_id, hint=hint, ids=", ".join(ids)))
    candidates = objective.links if every and objective.links else objective.candidates
    links = tuple(_link(result, c) for c in candidates)
    terms = [term.objective for link in links for term in link.candidate.evidence]
    own = objective.objective
    return Explanation(
        result=result,
        objective=objective,
        title_marks=find_terms(own.title, terms),
        description_marks=find_terms(own.description or "", terms),
        links=links,
        findings=tuple(f for f in result.findings if f.objective == own.id),
        total=len(objective.links) or len(objective.candidates),
        every=every,
    )


def _link(result: CheckResult, candidate: Candidate) -> ExplainedLink:
    framework = result.framework(candidate.target.framework)
    item = framework.find(candidate.target.item)
    strategy = framework.find(candidate.strategy)
    assert item is not None and strategy is not None, candidate.target
    # What the item's own title says: the terms that stand in it (a strategy's may stand in a measure beneath it).
    own = [term.target for term in candidate.evidence if term.item == item.id and term.field == "title"]
    own_en = [term.target for term in candidate.evidence if term.item == item.id and term.field == "title_en"]
    return ExplainedLink(
        candidate=candidate,
        framework=framework,
        item=item,
        strategy=strategy,
        title_marks=find_terms(item.title, own),
        title_en_marks=find_terms(item.title_en or "", own_en),
    )
