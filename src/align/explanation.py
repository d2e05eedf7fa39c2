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
    title_en_marks: tuple[Mark, ...]
    places: tuple[tuple[str, str], ...]
    """(term, where): "" = in the title shown, "description", "keywords", "measure <id>", or "glossary"."""

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
    terms = [term for link in links for term in link.candidate.evidence]
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
    places = []
    for term in candidate.evidence:
        places.append((term, _place(term, item, strategy)))
    return ExplainedLink(
        candidate=candidate,
        framework=framework,
        item=item,
        strategy=strategy,
        title_marks=find_terms(item.title, candidate.evidence),
        title_en_marks=find_terms(item.title_en or "", candidate.evidence),
        places=tuple(places),
    )


def _place(term: str, item: FrameworkItem, strategy: FrameworkItem) -> str:
    if find_terms(item.title, [term]) or find_terms(item.title_en or "", [term]):
        return ""
    if find_terms(item.description or "", [term]):
        return "description"
    if find_terms(" ; ".join(item.keywords), [term]):
        return "keywords"
    if item is strategy or item.id == strategy.id:
        for measure in list(strategy.walk())[1:]:
            texts = (measure.title, measure.title_en or "", measure.description or "", " ; ".join(measure.keywords))
            if any(find_terms(text, [term]) for text in texts):
                return f"measure {measure.id}"
    return "glossary"
