"""Objective x framework item similarity: weighted overlap of words, word pairs and glossary concepts.

Each text becomes a set of weighted features: content words (w:) and glossary concepts (c:) with, at less
weight, the broader concepts they belong to. (Adjacent word pairs were measured and added nothing: glossary
phrases already carry the multi-word ideas.) An item is read with everything beneath it
(a strategy with its measures). Features are weighted by IDF over the strategies of the item's own framework,
so what every strategy says (ดิจิทัล, พัฒนา) counts for little and what sets one strategy apart counts most.

    raw(objective, item) = shared / (objective mass ** alpha * item mass ** (1 - alpha))

where shared sums min(weight in objective, weight in item) x IDF over the shared features, and a mass sums
weight x IDF over one side's features. alpha = 1 would be "the share of the objective the item covers";
lower alpha also asks the item to be about the objective. Objectives that name nothing digital are scaled
down: the national digital frameworks are served by digital work. The raw similarity is then calibrated so a
score reads as the chance that an experienced planner declares the link. No thresholds here (assess.py grades).
"""

from __future__ import annotations

import math
import operator
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from itertools import repeat
from typing import TYPE_CHECKING, overload

from rapidfuzz import fuzz, process

from align.glossary import Glossary
from align.model import Framework, FrameworkId, FrameworkItem, ItemRef, Objective, ObjectiveId
from align.result import SCORE_DIGITS, LinkScore, ScoredItems, item_order, score_units
from align.text import Tokenizer, content_words, is_thai

if TYPE_CHECKING:  # numpy is imported only by batches (SPARSE_FROM)
    import numpy as np
    import numpy.typing as npt

    from align import sparse

MAX_EVIDENCE = 8
_Columns = tuple[list[float], list[tuple[str, ...]]]
"""A query's scores and evidence against each item of one framework."""
SPARSE_FROM = 32
"""Distinct texts from which Matcher.score_all scores a batch as array operations (numpy takes ~0.1 s to import)."""


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

    def calibrate(self, raw: float) -> float:
        """The calibrated score of a raw similarity."""
        if raw <= 0:
            return 0.0
        scaled = float(raw**self.steepness)
        return scaled / (scaled + float(self.half_point**self.steepness))

    def calibrate_all(self, raw: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """calibrate() of each raw similarity (all >= 0), bit for bit: the powers by Python's own pow (numpy's may
        differ in the last bit where it uses its own SIMD routines), the rest as the same IEEE operations."""
        import numpy as np

        scaled = np.fromiter(map(pow, raw.tolist(), repeat(self.steepness)), dtype=np.float64, count=len(raw))
        return scaled / (scaled + float(self.half_point**self.steepness))


@dataclass(slots=True)
class Features:
    """A text as weighted features, with a label per feature for evidence."""

    weights: dict[str, float] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    digital: bool = False

    def add(self, feature: str, weight: float, label: str) -> None:
        if weight > self.weights.get(feature, 0.0):
            self.weights[feature] = weight
            self.labels[feature] = label

    def merge(self, other: Features, scale: float = 1.0) -> None:
        for feature, weight in other.weights.items():
            self.add(feature, weight * scale, other.labels[feature])
        self.digital |= other.digital


class Analyzer:
    """Turns text into features; caches every distinct text (texts repeat across plans and items)."""

    def __init__(self, glossary: Glossary, weights: Weights | None = None) -> None:
        self.glossary = glossary
        self.weights = weights or Weights()
        self.tokenizer = Tokenizer(glossary.thai_words())
        # Each distinct text's features once: within a batch score_plans sees to it; across batches (templates
        # copied by many agencies) this cache does. 8,192 texts of features are ~40 MB; 65,536 were ~450 MB.
        self.features = lru_cache(maxsize=1 << 13)(self._features)
        # Small: features are cached per text, so tokens are needed again only by words() and explanations.
        # Keeping every text's tokens (30-odd objects each) cost memory and, at 10,000 objectives, time.
        self.tokens = lru_cache(maxsize=1 << 10)(self.tokenizer.tokens)
        self._indexes: dict[Framework, _FrameworkIndex] = {}
        self._concepts: dict[str, tuple[bool, tuple[tuple[str, float, str], ...]]] = {}

    def index(self, framework: Framework) -> _FrameworkIndex:
        """The framework's items as features, built once however many plans and matchers use it."""
        if framework not in self._indexes:
            self._indexes[framework] = _FrameworkIndex(framework, self)
        return self._indexes[framework]

    def _features(self, text: str) -> Features:
        weights = self.weights
        tokens = self.tokenizer.tokens(text)
        spelling = self.glossary.spelling
        words = [spelling.get(w, w) for w in content_words(tokens)]
        # Every word weighs the same: what add() would keep of them is each word once, in order of first use.
        keys = ["w:" + word for word in words] if weights.word > 0 else []
        result = Features(dict.fromkeys(keys, weights.word), dict(zip(keys, words, strict=True)))
        found, labels = result.weights, result.labels
        for hit in self.glossary.find(tokens):
            digital, concept_features = self._concepts.get(hit.concept) or self._concept_features(hit.concept)
            result.digital |= digital
            for feature, weight, label in concept_features:  # Features.add, inline: ~8 concepts per text
                if weight > found.get(feature, 0.0):
                    found[feature] = weight
                    labels[feature] = label
        return result

    def _concept_features(self, concept_id: str) -> tuple[bool, tuple[tuple[str, float, str], ...]]:
        """What naming a concept adds to a text's features, worked out once per concept: whether it makes the text
        digital, and its feature with those of its broader concepts, at less weight."""
        weights, glossary = self.weights, self.glossary
        concept = glossary.concepts[concept_id]
        features = [("c:" + concept.id, weights.concept * concept.weight, concept.label)]
        # Only what the text names makes it digital: elderly -> inclusion -> digital society must not.
        for parent, distance in glossary.ancestors(concept.id).items():
            broader = glossary.concepts[parent]
            features.append(("c:" + parent, weights.concept * weights.broader_decay**distance, broader.label))
        self._concepts[concept_id] = (concept.digital, tuple(features))
        return self._concepts[concept_id]

    def words(self, text: str) -> tuple[str, ...]:
        """The text's content words, as features see them."""
        return tuple(self.glossary.spelling.get(w, w) for w in content_words(self.tokens(text)))


def item_text(item: FrameworkItem) -> str:
    """The wording of one item that matching reads (not its children)."""
    parts = [item.title, item.title_en or "", item.description or "", " ; ".join(item.keywords)]
    return "\n".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class _Doc:
    ref: ItemRef
    features: dict[str, float]
    labels: dict[str, str]
    mass: float


class _FrameworkIndex:
    """One framework's items as features, with IDF over its strategies and postings for fast scoring."""

    def __init__(self, framework: Framework, analyzer: Analyzer) -> None:
        subtree: dict[str, Features] = {}

        weights = analyzer.weights

        def collect(item: FrameworkItem) -> Features:
            features = Features()
            # The official title defines a strategy; our summary and its example projects say less about it.
            features.merge(analyzer.features("\n".join(filter(None, (item.title, item.title_en)))))
            features.merge(analyzer.features(" ; ".join(item.keywords)), weights.keywords_field)
            features.merge(analyzer.features(item.description or ""), weights.description_field)
            for child in item.items:
                features.merge(collect(child))
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
        self.docs: list[_Doc] = []
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for strategy in framework.items:
            for item in strategy.walk():
                features = subtree[item.id]
                index = len(self.docs)
                mass = sum(w * self.idf[f] for f, w in features.weights.items())
                self.docs.append(_Doc(ItemRef(framework.id, item.id), features.weights, features.labels, mass))
                for feature, weight in features.weights.items():
                    self.postings[feature].append((index, weight))
        alpha = analyzer.weights.alpha
        self.doc_scales = [doc.mass ** (1 - alpha) for doc in self.docs]
        """Each item's side of the formula's denominator, item mass ** (1 - alpha)."""
        self.doc_masses = [doc.mass for doc in self.docs]
        self.refs = [doc.ref for doc in self.docs]
        self._sparse: sparse.Postings | None = None
        self.vocabulary = sorted({f[2:] for f in self.idf if f.startswith("w:") and is_thai(f[2:])})
        self.variants: dict[str, str | None] = {}
        """Unknown Thai word -> the framework word it is a spelling variant of (cached per framework)."""
        self.known: dict[str, tuple[int, float, bool]] = {}
        """Query feature -> what learn() says of it, for batches: worked out once per feature, not per batch."""

    def unscored(self) -> _Columns:
        """Scores and evidence of a query that shares nothing with any item, to be filled in where it does."""
        return [0.0] * len(self.docs), [()] * len(self.docs)

    def sparse_postings(self) -> sparse.Postings:
        """The postings as compressed rows, for batches (built on first use: it needs numpy)."""
        if self._sparse is None:
            from align import sparse

            self._sparse = sparse.postings(self.postings, self.idf)
        return self._sparse

    def learn(self, feature: str, cutoff: float) -> tuple[int, float, bool]:
        """What the framework makes of a query feature: its postings row (-1: none), its IDF, and whether it is
        an unknown word that reads as a spelling variant of a framework word. Kept in `known` for later batches."""
        rows = self.sparse_postings()
        varies = (feature.startswith("w:") and feature not in self.idf
                  and self.variant_of(feature[2:], cutoff) is not None)
        info = self.known[feature] = (rows.ids.get(feature, -1), self.idf.get(feature, self.unknown_idf), varies)
        return info

    def variant_of(self, word: str, cutoff: float) -> str | None:
        if word not in self.variants:
            self.variants[word] = _variant_of(word, self.vocabulary, cutoff)
        return self.variants[word]


class Matcher:
    """Scores objectives against every item of the given frameworks; build once, score many objectives."""

    def __init__(self, frameworks: Sequence[Framework], analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.frameworks = tuple(frameworks)
        self._indexes: dict[FrameworkId, _FrameworkIndex] = {fw.id: analyzer.index(fw) for fw in frameworks}
        self._targets = tuple(ref for index in self._indexes.values() for ref in index.refs)
        self._places = item_order(self._targets)

    def score(self, objective: Objective) -> list[LinkScore]:
        """Scores of the objective against every item of every framework, in framework order."""
        return list(self.score_all([objective])[objective.id])

    def score_all(self, objectives: Sequence[Objective]) -> dict[ObjectiveId, ScoredItems]:
        """Scores of each objective against every item of every framework, in framework order; each distinct
        text is scored once."""
        return self.score_plans([objectives])[0]

    def score_plans(self, plans: Sequence[Sequence[Objective]]) -> list[dict[ObjectiveId, ScoredItems]]:
        """score_all of each plan's objectives, with the distinct texts of all of them scored as one batch: array
        operations cost the same per call whatever their size, and plans of a few dozen objectives would each
        pay it (at 1,000 plans of 50, a third of scoring). Scores do not depend on what else is in the batch."""
        texts = list(dict.fromkeys(o.text for objectives in plans for o in objectives))
        by_text = dict(zip(texts, self._columns_of(texts), strict=True))
        # Objectives of one text get equal, distinct ScoredItems (a caller may keep one and not the other).
        return [{o.id: ScoredItems(s.targets, s.scores, s.evidence, s.units, s.order)
                 for o in objectives for s in [by_text[o.text]]} for objectives in plans]

    def _columns_of(self, texts: Sequence[str]) -> list[ScoredItems]:
        """Each distinct text's scores against every item of every framework. From SPARSE_FROM texts on, the batch
        meets each framework as array operations (sparse.py), with the same results as the text-by-text loop,
        which serves small batches (a plan of a handful of objectives does not pay for importing numpy)."""
        queries = [self.analyzer.features(text) for text in texts]
        no_digital = self.analyzer.weights.no_digital_factor
        factors = [1.0 if q.digital else no_digital for q in queries]
        if len(texts) >= SPARSE_FROM:
            return self._batch_columns(queries, factors)
        columns = []
        for query, factor in zip(queries, factors, strict=True):
            scores: list[float] = []
            evidence: list[tuple[str, ...]] = []
            for index in self._indexes.values():
                more_scores, more_evidence = self._links(query, index, factor)
                scores.extend(more_scores)
                evidence.extend(more_evidence)
            columns.append(ScoredItems(self._targets, scores, evidence))
        return columns

    def _batch_columns(self, queries: Sequence[Features], factors: Sequence[float]) -> list[ScoredItems]:
        """Each text's scores against every item of every framework, their score_units, and evidence made when a
        report reads it."""
        import numpy as np

        batch = _Batch(queries)
        parts = [self._batch_links(batch, index, factors) for index in self._indexes.values()]
        matrix = np.hstack([scores for scores, _ in parts]) if parts else np.zeros((len(queries), 0))
        units = score_units_of(matrix)
        order = ranked(units, self._places).tolist()
        # Each column's evidence source and its column there, shared by every text of the batch.
        columns = [(source, column) for _, source in parts for column in range(source.width)]
        return [ScoredItems(self._targets, row, _Evidence(columns, number), row_units, row_order)
                for number, (row, row_units, row_order)
                in enumerate(zip(matrix.tolist(), units.tolist(), order, strict=True))]

    def _links(self, query: Features, index: _FrameworkIndex, factor: float) -> _Columns:
        """The query against every item of one framework.

        Only items that share a feature with the query are computed; the others keep a zero score.
        Shared values are added left to right in the query's feature order, as the batch adds them, so
        scores are bit-for-bit those of a pair-by-pair loop and of _batch_links.
        """
        weights = self._with_variants(query, index)
        idf, postings, labels = index.idf, index.postings, query.labels
        mass = add_up(w * idf.get(f, index.unknown_idf) for f, w in weights.items())
        values: dict[int, list[float]] = {}
        names: dict[int, list[str]] = {}
        for feature, qw in weights.items():
            feature_idf = idf.get(feature)
            if feature_idf is None:
                continue
            label = labels.get(feature) or feature[2:]
            for doc_index, dw in postings[feature]:
                contribution = (qw if qw <= dw else dw) * feature_idf
                if doc_index in values:
                    values[doc_index].append(contribution)
                    names[doc_index].append(label)
                else:
                    values[doc_index] = [contribution]
                    names[doc_index] = [label]
        scores, evidence = index.unscored()
        alpha = self.analyzer.weights.alpha
        calibrate = self.analyzer.weights.calibrate
        query_scale = mass**alpha if mass else 0.0
        for doc_index, contributions in values.items():
            doc = index.docs[doc_index]
            denominator = query_scale * index.doc_scales[doc_index] if mass and doc.mass else 0.0
            raw = factor * add_up(contributions) / denominator if denominator else 0.0
            # Full precision: calibrated scores crowd towards 1, and rounding here would turn a ranking into ties.
            scores[doc_index] = calibrate(raw)
            evidence[doc_index] = _evidence(contributions, names[doc_index])
        return scores, evidence

    def _batch_links(
        self, batch: _Batch, index: _FrameworkIndex, factors: Sequence[float]
    ) -> tuple[npt.NDArray[np.float64], _BatchEvidence]:
        """_links for every text of the batch at once, as array operations (sparse.py): a texts x items matrix of
        scores, bit for bit those of _links, and the evidence of each pair, made when read."""
        import numpy as np

        from align import sparse

        rows = index.sparse_postings()
        # What the framework makes of each distinct (feature, label) of the batch.
        known = index.known
        infos = [known.get(f) or index.learn(f, self.analyzer.weights.fuzzy_cutoff) for f, _ in batch.keys]
        row_of = np.array([row for row, _, _ in infos], dtype=np.int64)
        idf_of = [idf for _, idf, _ in infos]
        has_variant = np.array([varies for _, _, varies in infos], dtype=bool)
        # Texts with a spelling variant of a framework word go through _with_variants, as in _links.
        varied = np.zeros(len(batch.queries), dtype=bool)
        varied[batch.text[has_variant[batch.key]]] = True
        keep = (row_of[batch.key] >= 0) & ~varied[batch.text]
        text, key, weight = batch.text[keep], batch.key[keep], batch.weight[keep]
        label = batch.label_of[key]
        # Each text's mass, weight x IDF added left to right in feature order, as _links adds it.
        masses = sparse.add_up_runs(batch.weight * np.array(idf_of, dtype=np.float64)[batch.key], batch.bounds).tolist()
        extra_text: list[int] = []
        extra_row: list[int] = []
        extra_weight: list[float] = []
        extra_label: list[int] = []
        for number in np.flatnonzero(varied).tolist():
            query = batch.queries[number]
            varied_weights = self._with_variants(query, index)
            masses[number] = add_up(w * index.idf.get(f, index.unknown_idf) for f, w in varied_weights.items())
            for feature, qw in varied_weights.items():
                row = rows.ids.get(feature)
                if row is not None:
                    extra_text.append(number)
                    extra_row.append(row)
                    extra_weight.append(qw)
                    extra_label.append(batch.label_id(query.labels.get(feature) or feature[2:]))
        shared = sparse.share(
            rows,
            np.concatenate((text, np.array(extra_text, dtype=np.int64))),
            np.concatenate((row_of[key], np.array(extra_row, dtype=np.int64))),
            np.concatenate((weight, np.array(extra_weight, dtype=np.float64))),
            np.concatenate((label, np.array(extra_label, dtype=np.int64))),
            batch.label_ranks(),
            len(index.docs),
            MAX_EVIDENCE,
        )
        # The formula's last steps for every pair at once: the same IEEE operations, in the same order, as _links.
        query_of, doc_of = np.divmod(shared.pairs, len(index.docs))
        alpha = self.analyzer.weights.alpha
        query_scales = np.array([mass**alpha if mass else 0.0 for mass in masses])
        both = (np.array(masses) != 0.0)[query_of] & (np.array(index.doc_masses) != 0.0)[doc_of]
        denominator = np.where(both, query_scales[query_of] * np.array(index.doc_scales)[doc_of], 0.0)
        raw = np.zeros(len(shared.pairs))
        np.divide(np.array(factors)[query_of] * shared.overlap, denominator, out=raw, where=denominator != 0.0)
        scores = np.zeros((len(batch.queries), len(index.docs)))
        scores[query_of, doc_of] = self.analyzer.weights.calibrate_all(raw)
        pair_at = np.full((len(batch.queries), len(index.docs)), -1, dtype=np.int64)
        pair_at[query_of, doc_of] = np.arange(len(shared.pairs))
        return scores, _BatchEvidence(pair_at, batch.labels, shared.labels, shared.label_bounds)

    def _with_variants(self, query: Features, index: _FrameworkIndex) -> dict[str, float]:
        """The query's features, with unknown Thai words read as spelling variants of the framework's words."""
        weights = query.weights
        extra = {}
        for feature, weight in weights.items():
            if feature.startswith("w:") and feature not in index.idf:
                variant = index.variant_of(feature[2:], self.analyzer.weights.fuzzy_cutoff)
                if variant is not None:
                    extra["w:" + variant] = weight
        if not extra:
            return weights
        return {**weights, **{f: w for f, w in extra.items() if f not in weights}}


def score_units_of(scores: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """score_units of every score of an array, as array operations: numpy's rint rounds half to even as round()
    does, and scores near a half unit take score_units itself."""
    import numpy as np

    scaled = scores * 10**SCORE_DIGITS
    nearest = np.rint(scaled)
    units: npt.NDArray[np.int64] = nearest.astype(np.int64)
    for at in zip(*np.nonzero(np.abs(np.abs(scaled - nearest) - 0.5) < 1e-6), strict=True):
        units[at] = score_units(float(scores[at]))
    return units


def ranked(units: npt.NDArray[np.int64], places: Sequence[int]) -> npt.NDArray[np.int64]:
    """Each row's columns best first, as assess ranks them one objective at a time (result.ranking_key): by
    descending score_units, then by the column's place in the tie-break order (result.item_order). The keys
    are distinct, so the order is the one sorted() gives."""
    import numpy as np

    keys = -units * len(places) + np.array(places, dtype=np.int64)
    ordered: npt.NDArray[np.int64] = np.argsort(keys, axis=1, kind="stable")
    return ordered


def add_up(values: Iterable[float]) -> float:
    """The values added left to right, as sparse.py adds them for a batch (sum() adds with compensation from
    Python 3.12 on, which would make the two differ in the last bit)."""
    return reduce(operator.add, values, 0.0)


class _BatchEvidence:
    """The evidence of each (text, item) pair of a batch against one framework, made when a report reads it:
    a check reads it for the handful of links it lists, of the dozens it scores per objective. Held as Python
    lists (made from the arrays in a few C calls), which read in a fraction of the time of numpy indexing."""

    __slots__ = ("width", "_pair_at", "_labels", "_label_ids", "_bounds")

    def __init__(self, pair_at: npt.NDArray[np.int64], labels: list[str], label_ids: npt.NDArray[np.int64],
                 bounds: npt.NDArray[np.int64]) -> None:
        self.width: int = pair_at.shape[1]
        self._pair_at: list[list[int]] = pair_at.tolist()
        self._labels = labels
        self._label_ids: list[int] = label_ids.tolist()
        self._bounds: list[int] = bounds.tolist()

    def get(self, text: int, item: int) -> tuple[str, ...]:
        pair = self._pair_at[text][item]
        if pair < 0:
            return ()
        bounds, labels = self._bounds, self._labels
        return tuple([labels[label] for label in self._label_ids[bounds[pair]:bounds[pair + 1]]])


class _Evidence(Sequence[tuple[str, ...]]):
    """One text's evidence against every item of the matcher's frameworks, in ScoredItems' column order."""

    __slots__ = ("_columns", "_text")

    def __init__(self, columns: list[tuple[_BatchEvidence, int]], text: int) -> None:
        self._columns = columns
        """Per column of ScoredItems: the framework's batch evidence, and the item's column in it."""
        self._text = text

    def __len__(self) -> int:
        return len(self._columns)

    @overload
    def __getitem__(self, index: int) -> tuple[str, ...]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[str, ...]]: ...

    def __getitem__(self, index: int | slice) -> tuple[str, ...] | list[tuple[str, ...]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self._columns) <= index < len(self._columns):
            raise IndexError("evidence index out of range")
        return self.at(index)

    def at(self, index: int) -> tuple[str, ...]:
        """self[index] for an index known to be in range, without Sequence indexing's checks: assess reads a
        dozen per objective."""
        source, column = self._columns[index]
        return source.get(self._text, column)


class _Batch:
    """Texts' features as flat arrays, for Matcher._batch_links: one entry per (text, feature), text by text."""

    def __init__(self, queries: Sequence[Features]) -> None:
        import numpy as np

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
        if label not in self._label_ids:
            self._label_ids[label] = len(self.labels)
            self.labels.append(label)
        return self._label_ids[label]

    def label_ranks(self) -> npt.NDArray[np.int64]:
        """Each label id's place when the labels are sorted as text."""
        import numpy as np

        ranks = np.empty(len(self.labels), dtype=np.int64)
        ranks[sorted(range(len(self.labels)), key=self.labels.__getitem__)] = np.arange(len(self.labels))
        return ranks


def _variant_of(word: str, vocabulary: Sequence[str], cutoff: float) -> str | None:
    # rapidfuzz on single Thai words only: on whole unsegmented strings it scores unrelated text high.
    if not is_thai(word) or len(word) < 5:
        return None
    match = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff)
    return match[0] if match else None


def _evidence(values: list[float], labels: list[str]) -> tuple[str, ...]:
    """The shared terms, most informative first: contributions summed per label, ties by label."""
    if len(labels) == 1:
        return (labels[0],)
    best: dict[str, float] = {}
    for contribution, label in zip(values, labels, strict=True):
        best[label] = best.get(label, 0.0) + contribution
    # (-sum, label) pairs sort in C; labels are distinct, so the order is that of key=(-sum, label).
    ordered = sorted([(-total, label) for label, total in best.items()])
    return tuple(label for _, label in ordered[:MAX_EVIDENCE])
