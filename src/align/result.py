"""What a check produces: graded candidates, coverage, findings and the outcome.

Reporters depend on this module and model.py only, so every format renders the same finished result.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from align.kinds import KINDS, FindingKind, Severity, message
from align.model import (
    Framework,
    FrameworkId,
    FrameworkItem,
    ItemId,
    ItemRef,
    Objective,
    ObjectiveId,
    Plan,
)

SCORE_DIGITS = 4
"""Scores are compared and reported at this precision: calibrated scores crowd towards 0 and 1, and two
decimals would tie one strategy in five with the next (measured on the devset)."""


def shown(score: float, digits: int = 2) -> str:
    """A score as people and files read it: cut, not rounded, to `digits` decimals, so that a number never reads as
    the next grade up (0.5978 is "0.59", weak; rounded it would read 0.60, the strong threshold). The cut is taken
    on the score's shortest decimal form (repr), so 0.29 stays "0.29"."""
    text = repr(score)
    if "e" in text or text[0] == "-":  # 1e-05, or a negative number, whose floor is not its truncation
        return str(Decimal(text).quantize(_STEPS[digits], rounding=ROUND_FLOOR))
    # The cut itself, on the digits as written: the same as Decimal's floor, at a fifth of its cost (a JSON report
    # of 10,000 objectives shows 135,000 scores).
    whole, _, fraction = text.partition(".")
    return f"{whole}.{(fraction + '0' * digits)[:digits]}"


_STEPS = {digits: Decimal(1).scaleb(-digits) for digits in range(1, 7)}


class Grade(StrEnum):
    """How well the text supports a link (thresholds in assess.Policy)."""

    STRONG = "strong"
    WEAK = "weak"
    NONE = "none"


class Status(StrEnum):
    """An objective's alignment: its best grade in any framework."""

    ALIGNED = "aligned"
    WEAK = "weak"
    UNALIGNED = "unaligned"


class Outcome(StrEnum):
    """The verdict the exit code reports."""

    PASSED = "passed"
    FAILED = "failed"
    """The plan fails the alignment policy."""
    INVALID = "invalid"
    """The policy failed on an input error found while checking (a broken declared link)."""


class Term(NamedTuple):
    """One thing an objective and a framework item share, as a planner checks it in both texts."""

    shared: str
    """The word both texts use, the label of the glossary concept both name (directly or a step broader), or the
    code of the kind of digital work (r:service) or the people served (b:citizens) both name."""
    kind: str
    """word, concept, role (a kind of digital work) or serves (whom the work is for)."""
    objective: str
    """The objective's words that carry it, as they stand (normalised: lower case, Thai words joined)."""
    target: str
    """The item's words that carry it."""
    item: str
    """The item whose wording holds them: the linked item, or, for a strategy, a measure beneath it."""
    field: str
    """Which of that item's texts: title, title_en (official), keywords or description (align's summaries)."""
    objective_path: tuple[str, ...] = ()
    """Broader-concept steps from what the objective names up to `shared` (concept labels, `shared` last)."""
    target_path: tuple[str, ...] = ()


class Candidate(NamedTuple):
    """A possible link of an objective, graded, and whether the plan declares it.

    A named tuple, not a frozen dataclass: a check makes a dozen per objective (650,000 at 50,000 objectives),
    and a frozen dataclass's __init__ takes four times as long (one object.__setattr__ per field).
    """

    target: ItemRef
    strategy: ItemId
    """The top-level strategy the target counts towards (the target itself for a strategy)."""
    score: float
    """A measure's own score; a strategy's figure: the best of the strategy and its measures."""
    grade: Grade
    declared: bool
    evidence: tuple[Term, ...]
    """What the two texts share, most informative first."""
    via: ItemRef | None = None
    """For a strategy whose figure a measure beneath it carries: that measure (its score and evidence)."""


@dataclass(frozen=True, slots=True)
class ObjectiveResult:
    """One objective with its candidates, best first."""

    objective: Objective
    status: Status
    candidates: tuple[Candidate, ...]
    """The candidates reports list (JSON contract): strong or weak, declared, and the top strategies."""
    strategies: tuple[Candidate, ...] = ()
    """Every strategy of every framework with its figure, best first: what tables, matrices and maps show. The
    evidence of a strategy that is not among the candidates is there only when the check was asked for every
    link (the reports that show every strategy's terms ask for it); otherwise it is empty."""
    links: tuple[Candidate, ...] = ()
    """Every item of every framework, graded, best first (strategies with their figure, measures with their own
    score), when the check was asked for every link (explanations, heatmap details); empty otherwise."""
    reading: tuple[tuple[str, str], ...] = ()
    """The planner's reading of the objective: the kinds of digital work (r:) and the people (b:) its words name,
    each with those words (docs/matching.md)."""

    def best(self, framework: FrameworkId) -> Candidate | None:
        """The strategy of that framework with the best figure."""
        return next((c for c in self.strategies if c.target.framework == framework), None)

    def strategy(self, target: ItemRef) -> Candidate | None:
        """One strategy's figure, whatever its grade."""
        return next((c for c in self.strategies if c.target == target), None)

    def link(self, target: ItemRef) -> Candidate | None:
        """The graded link to one item, whatever its grade: a strategy's figure, or a measure's own score (measures
        below weak are known only when every link was graded)."""
        return (self.strategy(target) or next((c for c in self.candidates if c.target == target), None)
                or next((c for c in self.links if c.target == target), None))


@dataclass(frozen=True, slots=True)
class StrategyCoverage:
    """One strategy of a framework: the best grade any objective reaches on it, and which objectives do."""

    item: FrameworkItem
    grade: Grade
    covered_by: tuple[ObjectiveId, ...]
    """Objectives reaching strong or weak on the strategy or one of its measures, sorted."""


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of one framework the plan serves."""

    framework: Framework
    items: tuple[StrategyCoverage, ...]

    @property
    def ratio(self) -> float:
        """Strategies with a strong link / all strategies."""
        strong = sum(1 for item in self.items if item.grade is Grade.STRONG)
        return strong / len(self.items) if self.items else 0.0


@dataclass(frozen=True, slots=True)
class Waiver:
    """A recorded decision to accept findings: those about one objective (or, for a gap, one strategy)."""

    objective: ObjectiveId | None
    """The objective whose findings are accepted; None only for a waiver of a gap, which names its target."""
    reason: str
    target: ItemRef | None = None
    """Only findings about this link (or, for a gap, this strategy)."""
    kind: FindingKind | None = None
    """Only findings of this kind."""
    expires: date | None = None
    """Last day the waiver holds; None for no expiry."""
    plan: str | None = None
    """Only findings of the plan with this id; None for every plan checked."""
    path: Path | None = None
    """The waivers file, for messages."""
    line: int | None = None

    def describe(self) -> str:
        """What the waiver accepts, for messages: `objective 3.2, unaligned, on dg-2566-2570:4`."""
        parts = [f"objective {self.objective}" if self.objective is not None else f"{self.target}"]
        if self.kind is not None:
            parts.append(self.kind.value)
        if self.target is not None and self.objective is not None:
            parts.append(f"on {self.target}")
        if self.plan is not None:
            parts.append(f"in plan {self.plan}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Finding:
    """Something the check reports, located in the plan file where possible; its message comes from its kind's
    templates (kinds.py) and the values they name, in either language."""

    kind: FindingKind
    subject: str
    """The objective id, or `framework:item` for a strategy."""
    values: tuple[tuple[str, str], ...] = ()
    """What the message templates name, as text: (name, value) pairs."""
    path: Path | None = None
    line: int | None = None
    objective: ObjectiveId | None = None
    target: ItemRef | None = None
    fails: bool = False
    """True when the policy fails on this finding (after waivers)."""
    waived_by: Waiver | None = None
    variant: str = ""
    """Which of the kind's messages: "" for the usual one."""

    @property
    def severity(self) -> Severity:
        """The kind's severity, whether or not the policy fails on it."""
        return KINDS[self.kind].severity

    @property
    def message(self) -> str:
        """The message in English (labels.Labels.finding gives it in the reader's language)."""
        return message(self.kind, self.variant, dict(self.values))

    def message_in(self, thai: bool) -> str:
        """The message in English or Thai."""
        return message(self.kind, self.variant, dict(self.values), thai)


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts of objectives by status."""

    objectives: int
    aligned: int
    weak: int
    unaligned: int


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Everything one check of one plan found."""

    plan: Plan
    frameworks: tuple[Framework, ...]
    """The frameworks the plan was checked against, in the plan's order."""
    objectives: tuple[ObjectiveResult, ...]
    coverage: tuple[Coverage, ...]
    findings: tuple[Finding, ...]
    outcome: Outcome
    plan_file: str = ""
    """The plan's path as reports show it (bundled plans by their repository path)."""

    @property
    def passed(self) -> bool:
        """What exit code 0 means."""
        return self.outcome is Outcome.PASSED

    @property
    def summary(self) -> Summary:
        """Objectives by status."""
        statuses = [o.status for o in self.objectives]
        return Summary(
            objectives=len(statuses),
            aligned=statuses.count(Status.ALIGNED),
            weak=statuses.count(Status.WEAK),
            unaligned=statuses.count(Status.UNALIGNED),
        )

    def framework(self, framework_id: FrameworkId) -> Framework:
        """One of the frameworks checked against."""
        return next(f for f in self.frameworks if f.id == framework_id)
