"""One framework's items as features: IDF over its strategies, and postings (feature -> items) for scoring.

An item is read with everything beneath it (a strategy with its measures). Features are weighted by IDF over the
strategies of the item's own framework, so what every strategy says (ดิจิทัล, พัฒนา) counts for little and what
sets one strategy apart counts most; ranking one framework's strategies never depends on the other frameworks.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from align.matching import sparse
from align.matching.features import Analyzer, Features, Origin
from align.matching.glossary import ROLES, SERVES
from align.matching.text import is_thai
from align.model import Framework, FrameworkItem, ItemRef


class FrameworkIndex:
    """One framework's items as features, with IDF over its strategies and postings for scoring."""

    def __init__(self, framework: Framework, analyzer: Analyzer) -> None:
        subtree: dict[str, Features] = {}

        def collect(item: FrameworkItem) -> Features:
            # An item is read with everything beneath it (a strategy with its measures).
            features = analyzer.item_features(item)
            for child in item.items:
                # A strategy is what its own title says first: its measures' kinds of work count for less.
                features.merge(collect(child), roles=analyzer.weights.child_roles)
            subtree[item.id] = features
            return features

        for strategy in framework.items:
            collect(strategy)
        df: Counter[str] = Counter()
        for strategy in framework.items:
            df.update(subtree[strategy.id].weights.keys())
        n = len(framework.items)
        self.idf = {f: math.log((n + 1) / (count + 0.5)) for f, count in df.items()}
        self.unknown_idf = analyzer.weights.unknown_idf * math.log((n + 1) / 1.5)
        """IDF of a feature no item of the framework has."""
        self.refs: list[ItemRef] = []
        self.origins: list[dict[str, Origin]] = []
        """Per item, where each of its features stands in its wording or its measures'."""
        self.masses: list[float] = []
        """Each item's mass: weight x IDF summed over its features."""
        rows: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for strategy in framework.items:
            for item in strategy.walk():
                features = subtree[item.id]
                for feature, weight in features.weights.items():
                    rows[feature].append((len(self.refs), weight))
                self.refs.append(ItemRef(framework.id, item.id))
                self.origins.append(features.origins)
                self.masses.append(sum(w * self.idf[f] for f, w in features.weights.items()))
        alpha = analyzer.weights.alpha
        self.scales = [mass ** (1 - alpha) for mass in self.masses]
        """Each item's side of the formula's denominator, item mass ** (1 - alpha)."""
        self.postings = sparse.postings(rows, self.idf)
        items = [subtree[ref.item] for ref in self.refs]
        self.roles = role_matrix(items)
        """Per item, the weight of each kind of digital work (ROLE_KEYS) its official wording names."""
        self.serves = serves_matrix(items)
        """Per item, 1 for each group of people (SERVES_KEYS) its own official title names."""
        self.vocabulary = sorted({f[2:] for f in self.idf if f.startswith("w:") and is_thai(f[2:])})
        self._variants: dict[str, str | None] = {}
        self._known: dict[str, tuple[int, float, str | None]] = {}
        self._cutoff = analyzer.weights.fuzzy_cutoff

    def __len__(self) -> int:
        return len(self.refs)

    def learn(self, feature: str) -> tuple[int, float, str | None]:
        """What the framework makes of a text's feature, worked out once per feature: its postings row (-1: none),
        its IDF, and, for a Thai word no item uses, the framework word it is a spelling variant of (or None)."""
        known = self._known.get(feature)
        if known is None:
            variant = None
            if feature.startswith("w:") and feature not in self.idf:
                variant = self.variant_of(feature[2:])
            known = self._known[feature] = (self.postings.ids.get(feature, -1),
                                            self.idf.get(feature, self.unknown_idf), variant)
        return known

    def variant_of(self, word: str) -> str | None:
        """The framework word an unknown Thai word is a spelling slip of, if any (rapidfuzz ratio >= cutoff)."""
        if word not in self._variants:
            self._variants[word] = _variant_of(word, self.vocabulary, self._cutoff)
        return self._variants[word]


ROLE_KEYS = tuple("r:" + role for role in ROLES if role != "training")
SERVES_KEYS = tuple("b:" + who for who in SERVES)


def role_matrix(texts: Sequence[Features]) -> npt.NDArray[np.float64]:
    """Texts x kinds of work: how much each text's reading counts each kind (0 where it names none)."""
    return np.array([[text.reading.get(key, 0.0) for key in ROLE_KEYS] for text in texts],
                    dtype=np.float64).reshape(len(texts), len(ROLE_KEYS))


def serves_matrix(texts: Sequence[Features]) -> npt.NDArray[np.float64]:
    """Texts x groups of people: 1 where a text's own words name the group (not only a measure beneath it)."""
    return np.array([[1.0 if text.reading.get(key, 0.0) >= 1.0 else 0.0 for key in SERVES_KEYS] for text in texts],
                    dtype=np.float64).reshape(len(texts), len(SERVES_KEYS))


class Indexes:
    """Each framework's index, built once per process however many plans and matchers use it."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self._built: dict[Framework, FrameworkIndex] = {}

    def __call__(self, framework: Framework) -> FrameworkIndex:
        if framework not in self._built:
            self._built[framework] = FrameworkIndex(framework, self.analyzer)
        return self._built[framework]


def _variant_of(word: str, vocabulary: Sequence[str], cutoff: float) -> str | None:
    # rapidfuzz on single Thai words only: on whole unsegmented strings it scores unrelated Thai high.
    if not is_thai(word) or len(word) < 5:
        return None
    match = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff)
    return match[0] if match else None
