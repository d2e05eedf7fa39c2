"""Objective x framework item similarity: weighted overlap of words and glossary concepts, for a batch of texts.

Each text becomes weighted features (features.py); each framework item is read with everything beneath it and
weighted by IDF over its framework's strategies (index.py). Then, for a text and an item:

    raw(text, item) = shared / (text mass ** alpha * item mass ** (1 - alpha))

where shared sums min(weight in text, weight in item) x IDF over the shared features, and a mass sums weight x IDF
over one side's features. alpha = 1 would be "the share of the text the item covers"; lower alpha also asks the
item to be about the text. Texts that name nothing digital are scaled down: the national digital frameworks are
served by digital work. The raw similarity is then calibrated so a score reads as the chance that an experienced
planner declares the link (weights.py). No thresholds here (assess.py grades).

This is the one implementation of the formula, as array operations over a whole batch (sparse.py): a plan of five
objectives and a hundred plans of fifty go the same way. Sums are added left to right in each text's feature
order, so a score does not depend on what else is in the batch.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from align.matching import sparse
from align.matching.batch import Batch, PairEvidence, TextEvidence
from align.matching.features import Features
from align.matching.index import FrameworkIndex, Indexes, role_matrix, serves_matrix
from align.model import Framework, Objective, ObjectiveId
from align.scores import ObjectiveScores, Targets

MAX_EVIDENCE = 6
"""Shared terms kept per link, most informative first."""


class Matcher:
    """Scores objectives against every item of the given frameworks; build once, score many objectives."""

    def __init__(self, frameworks: Sequence[Framework], indexes: Indexes) -> None:
        self.analyzer = indexes.analyzer
        self.frameworks = tuple(frameworks)
        self._indexes = [indexes(fw) for fw in self.frameworks]
        self.targets = Targets(tuple(ref for index in self._indexes for ref in index.refs))
        """Every item of every framework, in framework order: the columns of each objective's scores."""

    def score(self, objective: Objective) -> ObjectiveScores:
        """One objective's scores."""
        return self.score_texts([objective.text])[0]

    def score_plans(self, plans: Sequence[Sequence[Objective]]) -> list[dict[ObjectiveId, ObjectiveScores]]:
        """Each plan's objectives' scores, the distinct texts of all of them scored as one batch: array operations
        cost the same per call whatever their size, and plans of a few dozen objectives would each pay it (at
        1,000 plans of 50, a third of scoring)."""
        texts = list(dict.fromkeys(o.text for objectives in plans for o in objectives))
        by_text = dict(zip(texts, self.score_texts(texts), strict=True))
        return [{o.id: by_text[o.text] for o in objectives} for objectives in plans]

    def score_texts(self, texts: Sequence[str]) -> list[ObjectiveScores]:
        """Each text's scores against every item of every framework."""
        features = self.analyzer.features
        queries = [features(text) for text in texts]
        no_digital = self.analyzer.weights.no_digital_factor
        factors = np.array([1.0 if q.digital else no_digital for q in queries])
        batch = Batch(queries)
        parts = [self._framework_scores(batch, index, factors) for index in self._indexes]
        matrix = np.hstack([scores for scores, _ in parts]) if parts else np.zeros((len(queries), 0))
        # Each column's evidence source and its column there, shared by every text of the batch.
        columns = [(source, column) for index, (_, source) in zip(self._indexes, parts, strict=True)
                   for column in range(len(index))]
        return [ObjectiveScores(self.targets, row, TextEvidence(columns, number), _reading(query))
                for number, (row, query) in enumerate(zip(matrix.tolist(), queries, strict=True))]

    def _framework_scores(self, batch: Batch, index: FrameworkIndex,
                          factors: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float64], PairEvidence]:
        """The formula for every text of the batch against one framework's items: a texts x items matrix of
        scores, and the evidence of each pair, made when read."""
        rows = index.postings
        infos = [index.learn(feature) for feature in batch.features]
        row_of = np.array([row for row, _, _ in infos], dtype=np.int64)
        idf_of = np.array([idf for _, idf, _ in infos], dtype=np.float64)
        has_variant = np.array([variant is not None for _, _, variant in infos], dtype=bool)
        # A text with a spelling variant of a framework word is read with that word too (_with_variants); its
        # entries are made one by one below, the others' as array operations.
        varied = np.zeros(len(batch.queries), dtype=bool)
        varied[batch.text[has_variant[batch.key]]] = True
        keep = (row_of[batch.key] >= 0) & ~varied[batch.text]
        text, key, weight = batch.text[keep], batch.key[keep], batch.weight[keep]
        # Each text's mass, weight x IDF added left to right in feature order.
        masses = sparse.add_up_runs(batch.weight * idf_of[batch.key], batch.bounds)
        extra_text: list[int] = []
        extra_row: list[int] = []
        extra_weight: list[float] = []
        extra_label: list[int] = []
        for number in np.flatnonzero(varied).tolist():
            query = batch.queries[number]
            weights = _with_variants(query, index)
            entry_weights = np.array(list(weights.values()), dtype=np.float64)
            entry_idf = np.array([index.idf.get(f, index.unknown_idf) for f in weights], dtype=np.float64)
            masses[number] = sparse.add_up_runs(entry_weights * entry_idf, np.array([0, len(weights)]))[0]
            for feature, qw in weights.items():
                row = rows.ids.get(feature)
                if row is not None:
                    extra_text.append(number)
                    extra_row.append(row)
                    extra_weight.append(qw)
                    extra_label.append(batch.key_of(feature))
        shared = sparse.share(
            rows,
            np.concatenate((text, np.array(extra_text, dtype=np.int64))),
            np.concatenate((row_of[key], np.array(extra_row, dtype=np.int64))),
            np.concatenate((weight, np.array(extra_weight, dtype=np.float64))),
            np.concatenate((key, np.array(extra_label, dtype=np.int64))),
            batch.ranks(),
            len(index),
            MAX_EVIDENCE,
        )
        query_of, item_of = np.divmod(shared.pairs, len(index))
        alpha = self.analyzer.weights.alpha
        query_scales = np.array([mass**alpha if mass else 0.0 for mass in masses.tolist()])
        both = (masses != 0.0)[query_of] & (np.array(index.masses) != 0.0)[item_of]
        denominator = np.where(both, query_scales[query_of] * np.array(index.scales)[item_of], 0.0)
        raw = np.zeros(len(shared.pairs))
        np.divide(factors[query_of] * shared.overlap, denominator, out=raw, where=denominator != 0.0)
        raw *= self._planner_factor(batch, index)[query_of, item_of]
        scores = np.zeros((len(batch.queries), len(index)))
        # Full precision: calibrated scores crowd towards 1, and rounding here would turn a ranking into ties.
        scores[query_of, item_of] = self.analyzer.weights.calibrate(raw)
        pair_at = np.full((len(batch.queries), len(index)), -1, dtype=np.int64)
        pair_at[query_of, item_of] = np.arange(len(shared.pairs))
        return scores, PairEvidence(pair_at, shared.labels, shared.label_totals, shared.label_bounds, batch, index,
                                    self.analyzer)


    def _planner_factor(self, batch: Batch, index: FrameworkIndex) -> npt.NDArray[np.float64]:
        """Texts x items: how a planner's reading weighs each pair beside the shared topic. A text that names a kind
        of digital work keeps the share of its kinds the item's official wording names (an online service is
        digital government, whatever it is about); naming different people (citizens and staff) costs more."""
        weights = self.analyzer.weights
        mine = batch.roles if batch.roles is not None else role_matrix(batch.queries)
        batch.roles = mine
        theirs = index.roles
        named = mine.sum(axis=1)
        covered = np.minimum(mine[:, None, :], theirs[None, :, :]).sum(axis=2)
        share = np.divide(covered, named[:, None], out=np.ones_like(covered), where=named[:, None] > 0)
        factor = 1.0 - weights.role_gate + weights.role_gate * share
        people = batch.serves if batch.serves is not None else serves_matrix(batch.queries)
        batch.serves = people
        overlap = people @ index.serves.T
        conflict = (people.sum(axis=1)[:, None] > 0) & (index.serves.sum(axis=1)[None, :] > 0) & (overlap == 0)
        result: npt.NDArray[np.float64] = np.where(conflict, factor * (1.0 - weights.serves_conflict), factor)
        return result


def _reading(query: Features) -> tuple[tuple[str, str], ...]:
    """What the text's own words say of the kind of work and the people it is for (not the broader kinds)."""
    return tuple((code, query.said[code]) for code, share in query.reading.items() if share >= 1.0)


def _with_variants(query: Features, index: FrameworkIndex) -> dict[str, float]:
    """The text's features, with each unknown Thai word also read as the framework word it is a spelling slip of
    (added after the text's own features, unless the text has that word already)."""
    extra = {}
    for feature, weight in query.weights.items():
        variant = index.learn(feature)[2]
        if variant is not None:
            extra["w:" + variant] = weight
    return {**query.weights, **{f: w for f, w in extra.items() if f not in query.weights}}
