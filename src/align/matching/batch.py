"""A batch of texts' features as flat arrays, and the evidence of each (text, item) pair, made when read.

scorer.py meets a whole batch with a framework's postings at once (sparse.py); this is the batch's side of it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from align.matching.features import Features


class Batch:
    """Texts' features as flat arrays: one entry per (text, feature), text by text, each text's in its order."""

    def __init__(self, queries: Sequence[Features]) -> None:
        self.queries = queries
        self.keys: dict[tuple[str, str], int] = {}
        """(feature, label) -> key: what a framework makes of a feature is worked out once per key."""
        self.labels: list[str] = []
        self._label_ids: dict[str, int] = {}
        keys: list[int] = []
        weights: list[float] = []
        sizes = []
        known = self.keys
        for query in queries:
            labels = query.labels
            # setdefault's default is the next id, worked out before a new key is inserted.
            keys.extend([known.setdefault((feature, labels.get(feature) or feature[2:]), len(known))
                         for feature in query.weights])
            weights.extend(query.weights.values())
            sizes.append(len(query.weights))
        self.text = np.repeat(np.arange(len(queries), dtype=np.int64), sizes)
        self.key = np.array(keys, dtype=np.int64)
        self.weight = np.array(weights, dtype=np.float64)
        self.bounds = np.concatenate(([0], np.cumsum(sizes, dtype=np.int64)))
        self.label_of = np.array([self.label_id(label) for _, label in self.keys], dtype=np.int64)

    def label_id(self, label: str) -> int:
        """The id of an evidence label, new ones numbered in order of first use."""
        if label not in self._label_ids:
            self._label_ids[label] = len(self.labels)
            self.labels.append(label)
        return self._label_ids[label]

    def label_ranks(self) -> npt.NDArray[np.int64]:
        """Each label id's place when the labels are sorted as text (evidence ties are broken by label)."""
        ranks = np.empty(len(self.labels), dtype=np.int64)
        ranks[sorted(range(len(self.labels)), key=self.labels.__getitem__)] = np.arange(len(self.labels))
        return ranks


class PairEvidence:
    """The evidence of each (text, item) pair of a batch against one framework, made when a report reads it: a
    check lists a dozen of the dozens of links it scores per objective. Held as Python lists (made from the
    arrays in a few C calls), which read in a fraction of the time of numpy indexing."""

    __slots__ = ("_pair_at", "_labels", "_label_ids", "_bounds")

    def __init__(self, pair_at: npt.NDArray[np.int64], labels: list[str], label_ids: npt.NDArray[np.int64],
                 bounds: npt.NDArray[np.int64]) -> None:
        self._pair_at: list[list[int]] = pair_at.tolist()
        self._labels = labels
        self._label_ids: list[int] = label_ids.tolist()
        self._bounds: list[int] = bounds.tolist()

    def get(self, text: int, item: int) -> tuple[str, ...]:
        """The shared terms of a text and an item, most informative first."""
        pair = self._pair_at[text][item]
        if pair < 0:
            return ()
        bounds, labels = self._bounds, self._labels
        return tuple([labels[label] for label in self._label_ids[bounds[pair]:bounds[pair + 1]]])


class TextEvidence:
    """One text's evidence against every column of its scores: what ObjectiveScores.evidence calls."""

    __slots__ = ("_columns", "_text")

    def __init__(self, columns: list[tuple[PairEvidence, int]], text: int) -> None:
        self._columns = columns
        """Per column: the framework's pair evidence, and the item's column in it."""
        self._text = text

    def __call__(self, column: int) -> tuple[str, ...]:
        source, item = self._columns[column]
        return source.get(self._text, item)
