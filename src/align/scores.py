"""What matching hands to assess: each objective's scores against every framework item, ranked, with the evidence
of a link made when it is asked for.

The ranking rule is defined here and only here (ranking_key): best first by score at SCORE_DIGITS, then framework
id, then item id in natural order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from align.model import ItemRef, natural_key
from align.result import SCORE_DIGITS, Term

RankingKey = tuple[float, str, tuple[tuple[tuple[int, int, str], ...], str]]


def ranking_key(target: ItemRef, score: float) -> RankingKey:
    """Best first: descending score at SCORE_DIGITS, then framework id, then item id in natural order."""
    return (-round(score, SCORE_DIGITS), target.framework, natural_key(target.item))


@dataclass(frozen=True, slots=True, eq=False)
class Targets:
    """The items objectives are scored against, in column order: one object for every objective scored against the
    same frameworks, so that what assess works out per column is worked out once (it is keyed by this object)."""

    refs: tuple[ItemRef, ...]


@dataclass(frozen=True, slots=True)
class LinkScore:
    """Textual similarity of one objective and one framework item, with the shared terms behind it."""

    target: ItemRef
    score: float
    """In [0, 1]."""
    evidence: tuple[Term, ...]
    """What the two texts share, most informative first."""


@dataclass(frozen=True, slots=True)
class ObjectiveScores:
    """One objective's scores against every item of its frameworks."""

    targets: Targets
    scores: Sequence[float]
    """Per column of `targets`, in [0, 1]."""
    evidence: Callable[[int], tuple[Term, ...]]
    """A column's shared terms, most informative first: made when asked, for the few links a report lists."""
    reading: tuple[tuple[str, str], ...] = ()
    """The planner's reading of the objective: each kind of digital work (r:) and group of people (b:) its words
    name, with those words."""

    @classmethod
    def of(cls, links: Sequence[LinkScore]) -> ObjectiveScores:
        """Scores given link by link."""
        evidence = tuple(link.evidence for link in links)
        return cls(Targets(tuple(link.target for link in links)), [link.score for link in links],
                   evidence.__getitem__)

    def ranked(self) -> list[LinkScore]:
        """Every link, best first (ranking_key)."""
        refs, scores = self.targets.refs, self.scores
        order = sorted(range(len(refs)), key=lambda i: ranking_key(refs[i], scores[i]))
        return [LinkScore(refs[i], scores[i], self.evidence(i)) for i in order]
