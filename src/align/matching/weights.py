"""How much each kind of feature counts, and how a raw similarity becomes a score planners can read."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each kind of feature counts; fitted on the dev split of the labelled devset (docs/matching.md)."""

    word: float = 1.0
    concept: float = 2.5
    broader_decay: float = 0.75
    """A broader concept at distance d counts decay**d of the concept itself."""
    role: float = 2.25
    """A kind of digital work the text names (r:), as a planner files a link by it."""
    serves: float = 2.0
    """Whom the text says the work is for (b:)."""
    child_roles: float = 0.25
    """A measure's kinds of work and people, relative to its strategy's own, when the strategy is read with it."""
    role_gate: float = 0.7
    """How much of a score the planner's reading governs: a pair keeps 1 - gate + gate x (the share of the text's
    kinds of work the item names)."""
    serves_conflict: float = 0.5
    """The share of a score a pair loses when text and item name different people (citizens and staff only)."""
    alpha: float = 0.8
    keywords_field: float = 0.7
    """Weight of an item's keywords relative to its title."""
    description_field: float = 0.2
    """Weight of an item's description (a summary, with example projects) relative to its title."""
    unknown_idf: float = 0.2
    """IDF of objective features no item of the framework has, relative to the rarest known feature."""
    no_digital_factor: float = 0.1
    """Scale for objectives that name nothing digital."""
    fuzzy_cutoff: float = 88.0
    """rapidfuzz ratio from which an unknown Thai word is read as a spelling variant of a framework word."""
    half_point: float = 0.16
    steepness: float = 2.25
    """Calibration: score = raw**k / (raw**k + half_point**k), a logistic in log(raw) fitted on the dev split so that
    a score reads as the chance that an experienced planner declares the link (docs/matching.md)."""

    def calibrate(self, raw: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """The calibrated score of each raw similarity (all >= 0; 0 stays 0). The powers are Python's own pow, so
        a score does not depend on which SIMD routine numpy picks on a machine."""
        scaled = np.fromiter(map(pow, raw.tolist(), repeat(self.steepness)), dtype=np.float64, count=len(raw))
        return scaled / (scaled + float(self.half_point**self.steepness))
