"""A batch of texts' features as flat arrays, and the evidence of each (text, item) pair, made when read.

scorer.py meets a whole batch with a framework's postings at once (sparse.py); this is the batch's side of it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from align.matching.features import Analyzer, Features, Origin
from align.matching.index import FrameworkIndex
from align.result import Term

EVIDENCE_SHARE = 0.25
"""A shared feature is evidence when it adds at least this share of what the most informative one adds: terms that
every strategy uses (ดิจิทัล) add little and would bury the ones that carry the link."""


class Batch:
    """Texts' features as flat arrays: one entry per (text, feature), text by text, each text's in its order."""

    def __init__(self, queries: Sequence[Features]) -> None:
        self.queries = queries
        self.keys: dict[str, int] = {}
        """Feature -> id: what a framework makes of a feature is worked out once per feature."""
        self.features: list[str] = []
        """Feature by id (ids of features added later, for spelling variants, follow)."""
        keys: list[int] = []
        weights: list[float] = []
        sizes = []
        known, features = self.keys, self.features
        for query in queries:
            for feature in query.weights:
                key = known.get(feature)
                if key is None:
                    key = known[feature] = len(features)
                    features.append(feature)
                keys.append(key)
            weights.extend(query.weights.values())
            sizes.append(len(query.weights))
        self.text = np.repeat(np.arange(len(queries), dtype=np.int64), sizes)
        self.key = np.array(keys, dtype=np.int64)
        self.weight = np.array(weights, dtype=np.float64)
        self.bounds = np.concatenate(([0], np.cumsum(sizes, dtype=np.int64)))
        self.roles: npt.NDArray[np.float64] | None = None
        """Texts x kinds of work, worked out on first use (the scorer's)."""
        self.serves: npt.NDArray[np.float64] | None = None

    def key_of(self, feature: str) -> int:
        """The id of a feature, a new one numbered after the others."""
        if feature not in self.keys:
            self.keys[feature] = len(self.features)
            self.features.append(feature)
        return self.keys[feature]

    def ranks(self) -> npt.NDArray[np.int64]:
        """Each feature id's place when the features are sorted as text (evidence ties are broken by feature)."""
        ranks = np.empty(len(self.features), dtype=np.int64)
        ranks[sorted(range(len(self.features)), key=self.features.__getitem__)] = np.arange(len(self.features))
        return ranks


class PairEvidence:
    """The evidence of each (text, item) pair of a batch against one framework, made when a report reads it: a
    check lists a dozen of the dozens of links it scores per objective. The shared features of each pair, most
    informative first, are held as Python lists (made from the arrays in a few C calls, which read in a fraction
    of the time of numpy indexing); each becomes a Term, with where it stands in both texts, when read."""

    __slots__ = ("_pair_at", "_features", "_shared", "_totals", "_bounds", "_batch", "_index", "_analyzer", "_paths",
                 "_theirs", "_made")

    def __init__(self, pair_at: npt.NDArray[np.int64], shared: npt.NDArray[np.int64], totals: npt.NDArray[np.float64],
                 bounds: npt.NDArray[np.int64], batch: Batch, index: FrameworkIndex, analyzer: Analyzer) -> None:
        self._pair_at: list[list[int]] = pair_at.tolist()
        self._shared: list[int] = shared.tolist()
        self._totals: list[float] = totals.tolist()
        self._bounds: list[int] = bounds.tolist()
        self._features = batch.features
        self._batch = batch
        self._index = index
        self._analyzer = analyzer
        self._paths: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._theirs: dict[int, dict[int, tuple[str, str, str, str, str, str, tuple[str, ...]]]] = {}
        """Per item, per shared feature: the item's side of a term, worked out once (every text meets the item)."""
        self._made: dict[int, tuple[Term, ...]] = {}
        """Per pair, its terms: a strategy whose figure a measure carries shows the measure's, asked for twice."""

    def get(self, text: int, item: int) -> tuple[Term, ...]:
        """What a text and an item share, most informative first: the features that carry the score (each adds at
        least EVIDENCE_SHARE of what the first adds), and a broader concept only where the same words of both
        texts are not shown already as what they name."""
        pair = self._pair_at[text][item]
        if pair < 0:
            return ()
        made = self._made.get(pair)
        if made is not None:
            return made
        start, end = self._bounds[pair], self._bounds[pair + 1]
        floor = self._totals[start] * EVIDENCE_SHARE
        terms: list[Term] = []
        shared, totals = self._shared, self._totals
        theirs = self._theirs.get(item)
        if theirs is None:
            theirs = self._theirs[item] = {}
        query = self._batch.queries[text]
        own_origins = query.origins
        for at in range(start, end):
            if totals[at] < floor:
                break
            key = shared[at]
            feature, label, kind, target, where, field, target_path = theirs.get(key) or self._their_side(key, item)
            origin = own_origins.get(feature) or self._variant_origin(feature, query)
            own_path = self._steps(origin.path) if origin.path else ()
            # A broader step is left out where the same words already show (a kind of work is not a concept:
            # Wi-Fi as infrastructure and Wi-Fi -> connectivity both show).
            if (own_path or target_path) and any(
                    t.kind == kind and t.objective == origin.surface and t.target == target for t in terms):
                continue
            # tuple.__new__: a named tuple's own __new__ parses its arguments, a third of a term's cost here.
            terms.append(tuple.__new__(Term, (label, kind, origin.surface, target, where, field, own_path,
                                              target_path)))
        self._made[pair] = made = tuple(terms)
        return made

    def _steps(self, path: tuple[str, ...]) -> tuple[str, ...]:
        """Broader-concept steps as evidence names them; a handful of distinct paths serve every text."""
        steps = self._paths.get(path)
        if steps is None:
            steps = self._paths[path] = tuple(map(self._analyzer.label, path))
        return steps

    def _their_side(self, key: int, item: int) -> tuple[str, str, str, str, str, str, tuple[str, ...]]:
        """The item's side of a shared feature: the feature, what evidence calls it, its kind, the words, the item
        and field that hold them, and its broader-concept steps."""
        feature = self._features[key]
        origin = self._index.origins[item][feature]
        side = self._theirs[item][key] = (feature, self._analyzer.label(feature), _KINDS[feature[:2]],
                                          origin.surface, origin.item, origin.field, self._steps(origin.path))
        return side

    def _variant_origin(self, feature: str, query: Features) -> Origin:
        """The origin of a framework word the text spells otherwise (a spelling slip read as that word)."""
        for own, origin in query.origins.items():
            if own.startswith("w:") and "w:" + (self._index.learn(own)[2] or "") == feature:
                return origin
        return Origin(feature[2:])


_KINDS = {"w:": "word", "c:": "concept", "r:": "role", "b:": "serves"}


class TextEvidence:
    """One text's evidence against every column of its scores: what ObjectiveScores.evidence calls."""

    __slots__ = ("_columns", "_text")

    def __init__(self, columns: list[tuple[PairEvidence, int]], text: int) -> None:
        self._columns = columns
        """Per column: the framework's pair evidence, and the item's column in it."""
        self._text = text

    def __call__(self, column: int) -> tuple[Term, ...]:
        source, item = self._columns[column]
        return source.get(self._text, item)
