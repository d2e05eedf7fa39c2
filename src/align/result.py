"""What a check produces: scored links, graded candidates, coverage, findings and the outcome.

Reporters depend on this module and model.py only, so every format renders the same finished result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple, overload

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
    natural_key,
)

SCORE_DIGITS = 4
"""Scores are compared and reported at this precision: calibrated scores crowd towards 0 and 1, and two
decimals would tie one strategy in five with the next (measured on the devset)."""


def ranking_key(target: ItemRef, score: float) -> tuple[float, str, tuple[tuple[tuple[int, int, str], ...], str]]:
    """Best first: descending score at SCORE_DIGITS, then framework id, then item id in natural order."""
    return (-round(score, SCORE_DIGITS), target.framework, natural_key(target.item))


_UNITS: int = 10**SCORE_DIGITS


def score_units(score: float) -> int:
    """round(score, SCORE_DIGITS) counted in units of 10^-SCORE_DIGITS: ranks as that rounding does, in a third
    of the time (round with digits goes through a decimal string; grading 10,000 objectives rounds 350,000 scores).

    Away from a half unit, the float product is close enough (error < 1e-12 units for scores in [0, 1]) that
    rounding it gives the same integer; near one, the exact rounding decides.
    """
    scaled = score * _UNITS
    nearest = round(scaled)
    if abs(abs(scaled - nearest) - 0.5) < 1e-6:
        return round(round(score, SCORE_DIGITS) * _UNITS)
    return nearest


def item_order(targets: Sequence[ItemRef]) -> list[int]:
    """Each target's place in the ranking's tie-break order (framework id, then item id in natural order);
    targets that tie there keep their order, as a stable sort on ranking_key does."""
    order = sorted(range(len(targets)), key=lambda i: ranking_key(targets[i], 0.0)[1:])
    places = [0] * len(targets)
    for place, index in enumerate(order):
        places[index] = place
    return places


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


@dataclass(frozen=True, slots=True)
class LinkScore:
    """Textual similarity of one objective and one framework item, with the shared terms behind it."""

    target: ItemRef
    score: float
    """In [0, 1]."""
    evidence: tuple[str, ...]
    """Shared concepts and words, normalised, most informative first."""


class ScoredItems(Sequence[LinkScore]):
    """One objective's LinkScores against every item, kept as columns: what Matcher.score_all gives.

    A read-only Sequence[LinkScore] like a list of them (indexing and iterating build the LinkScores, equal to
    any sequence of equal LinkScores); assess reads the columns directly, which spares a LinkScore per
    (objective, item) when thousands of objectives are checked. `targets` is shared by every objective scored
    against the same frameworks. `units`, when given, is score_units of each score, and `order` the columns
    best first by ranking_key, both worked out for a whole batch at once (score.score_units_of, score.ranked).
    """

    __slots__ = ("targets", "scores", "evidence", "units", "order")

    def __init__(self, targets: tuple[ItemRef, ...], scores: Sequence[float], evidence: Sequence[tuple[str, ...]],
                 units: Sequence[int] | None = None, order: Sequence[int] | None = None):
        if not len(targets) == len(scores) == len(evidence) or any(
                column is not None and len(column) != len(scores) for column in (units, order)):
            raise ValueError("targets, scores, evidence, units and order differ in length")
        self.targets = targets
        self.scores = scores
        self.evidence = evidence
        self.units = units
        self.order = order

    def __len__(self) -> int:
        return len(self.targets)

    @overload
    def __getitem__(self, index: int) -> LinkScore: ...

    @overload
    def __getitem__(self, index: slice) -> list[LinkScore]: ...

    def __getitem__(self, index: int | slice) -> LinkScore | list[LinkScore]:
        if isinstance(index, slice):
            return list(self)[index]
        return LinkScore(self.targets[index], self.scores[index], self.evidence[index])

    def __iter__(self) -> Iterator[LinkScore]:
        return map(LinkScore, self.targets, self.scores, self.evidence)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __repr__(self) -> str:
        return f"ScoredItems({list(self)!r})"


class Candidate(NamedTuple):
    """A possible link of an objective, graded, and whether the plan declares it.

    A named tuple, not a frozen dataclass: a check makes a dozen per objective (650,000 at 50,000 objectives),
    and a frozen dataclass's __init__ takes four times as long (one object.__setattr__ per field).
    """

    target: ItemRef
    strategy: ItemId
    """The top-level strategy the target counts towards (the target itself for a strategy)."""
    score: float
    grade: Grade
    declared: bool
    evidence: tuple[str, ...]


class RankedLinks(Sequence[Candidate]):
    """Every graded link of an objective, best first, made on first read.

    Grading 10,000 objectives against 35 items made 350,000 Candidates that the table and JSON reports never
    read; this holds how to make them instead. Reads like the tuple it builds (and equals it); pickles as that
    tuple, so results sent between processes carry no function.
    """

    __slots__ = ("_make", "_links")

    def __init__(self, make: Callable[[], tuple[Candidate, ...]]) -> None:
        self._make: Callable[[], tuple[Candidate, ...]] | None = make
        self._links: tuple[Candidate, ...] = ()

    def _built(self) -> tuple[Candidate, ...]:
        if self._make is not None:
            self._links, self._make = self._make(), None
        return self._links

    def __len__(self) -> int:
        return len(self._built())

    @overload
    def __getitem__(self, index: int) -> Candidate: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Candidate, ...]: ...

    def __getitem__(self, index: int | slice) -> Candidate | tuple[Candidate, ...]:
        return self._built()[index]

    def __iter__(self) -> Iterator[Candidate]:
        return iter(self._built())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RankedLinks):
            other = other._built()
        return self._built() == other if isinstance(other, tuple) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._built())

    def __repr__(self) -> str:
        return repr(self._built())

    def __reduce__(self) -> tuple[type, tuple[tuple[Candidate, ...]]]:
        return tuple, (self._built(),)


@dataclass(frozen=True, slots=True)
class ObjectiveResult:
    """One objective with its candidates, best first."""

    objective: Objective
    status: Status
    candidates: tuple[Candidate, ...]
    """The candidates reports list (JSON contract): strong or weak, declared, and the top strategies."""
    links: Sequence[Candidate] = ()
    """Every item of every framework, graded, best first: for matrices, heatmaps and explanations."""

    def best(self, framework: FrameworkId) -> Candidate | None:
        """The best strategy-level candidate in that framework."""
        return next(
            (c for c in self.candidates if c.target.framework == framework and c.target.item == c.strategy), None
        )

    def link(self, target: ItemRef) -> Candidate | None:
        """The graded link to one item, whatever its grade."""
        return next((c for c in self.links if c.target == target), None)


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
