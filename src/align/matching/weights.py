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
    concept: float = 2.0
    broader_decay: float = 0.65
    """A broader concept at distance d counts decay**d of the concept itself."""
    alpha: float = 0.6
    keywords_field: float = 0.7
    """Weight of an item's keywords relative to its title."""
    description_field: float = 0.4
    """Weight of an item's description (a summary, with example projects) relative to its title."""
    unknown_idf: float = 0.1
    """IDF of objective features no item of the framework has, relative to the rarest known feature."""
    no_digital_factor: float = 0.15
    """Scale for objectives that name nothing digital."""
    fuzzy_cutoff: float = 88.0
    """rapidfuzz ratio from which an unknown Thai word is read as a spelling variant of a framework word."""
    half_point: float = 0.1696
    steepness: float = 4.15
    """Calibration: score = raw**k / (raw**k + half_point**k), a logistic in log(raw) fitted on the dev split so that
    a score reads as the chance that an experienced planner declares the link (docs/matching.md)."""

    def calibrate(self, raw: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """The calibrated score of each raw similarity (all >= 0; 0 stays 0). The powers are Python's own pow, so
        a score does not depend on which SIMD routine numpy picks on a machine."""
        scaled = np.fromiter(map(pow, raw.tolist(), repeat(self.steepness)), dtype=np.float64, count=len(raw))
        return scaled / (scaled + float(self.half_point**self.steepness))
