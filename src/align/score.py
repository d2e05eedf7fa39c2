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
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from align.glossary import Glossary
from align.model import Framework, FrameworkId, FrameworkItem, ItemRef, Objective
from align.result import LinkScore
from align.text import Tokenizer, content_words, is_thai

MAX_EVIDENCE = 8


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
        self.features = lru_cache(maxsize=1 << 16)(self._features)
        self.tokens = lru_cache(maxsize=1 << 16)(self.tokenizer.tokens)

    def _features(self, text: str) -> Features:
        weights = self.weights
        tokens = self.tokens(text)
        result = Features()
        words = [self.glossary.spelling.get(w, w) for w in content_words(tokens)]
        for word in words:
            result.add("w:" + word, weights.word, word)
        for hit in self.glossary.find(tokens):
            concept = self.glossary.concepts[hit.concept]
            result.add("c:" + concept.id, weights.concept * concept.weight, concept.label)
            result.digital |= concept.digital
            # Only what the text names makes it digital: elderly -> inclusion -> digital society must not.
            for parent, distance in self.glossary.ancestors(concept.id).items():
                broader = self.glossary.concepts[parent]
                result.add("c:" + parent, weights.concept * weights.broader_decay**distance, broader.label)
        return result

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
        self.vocabulary = sorted({f[2:] for f in self.idf if f.startswith("w:") and is_thai(f[2:])})
        self.variants: dict[str, str | None] = {}
        """Unknown Thai word -> the framework word it is a spelling variant of (cached per framework)."""

    def variant_of(self, word: str, cutoff: float) -> str | None:
        if word not in self.variants:
            self.variants[word] = _variant_of(word, self.vocabulary, cutoff)
        return self.variants[word]


class Matcher:
    """Scores objectives against every item of the given frameworks; build once, score many objectives."""

    def __init__(self, frameworks: Sequence[Framework], analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.frameworks = tuple(frameworks)
        self._indexes: dict[FrameworkId, _FrameworkIndex] = {fw.id: _FrameworkIndex(fw, analyzer) for fw in frameworks}

    def score(self, objective: Objective) -> list[LinkScore]:
        """Scores of the objective against every item of every framework, in framework order."""
        query = self.analyzer.features(objective.text)
        factor = 1.0 if query.digital else self.analyzer.weights.no_digital_factor
        alpha = self.analyzer.weights.alpha
        result = []
        for index in self._indexes.values():
            weights = self._with_variants(query, index)
            mass = sum(w * index.idf.get(f, index.unknown_idf) for f, w in weights.items())
            shared: dict[int, list[tuple[float, str]]] = defaultdict(list)
            for feature, qw in weights.items():
                idf = index.idf.get(feature)
                if idf is None:
                    continue
                for doc_index, dw in index.postings[feature]:
                    shared[doc_index].append((min(qw, dw) * idf, query.labels.get(feature) or feature[2:]))
            links = []
            for doc_index, doc in enumerate(index.docs):
                contributions = shared.get(doc_index, [])
                overlap = sum(c for c, _ in contributions)
                denominator = (mass**alpha) * (doc.mass ** (1 - alpha)) if mass and doc.mass else 0.0
                raw = factor * overlap / denominator if denominator else 0.0
                score = self.analyzer.weights.calibrate(raw)
                # Full precision: calibrated scores crowd towards 1, and rounding here would turn a ranking into ties.
                links.append(LinkScore(doc.ref, score, _evidence(contributions)))
            result.extend(links)
        return result

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


def _variant_of(word: str, vocabulary: Sequence[str], cutoff: float) -> str | None:
    # rapidfuzz on single Thai words only: on whole unsegmented strings it scores unrelated text high.
    if not is_thai(word) or len(word) < 5:
        return None
    match = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff)
    return match[0] if match else None


def _evidence(shared: list[tuple[float, str]]) -> tuple[str, ...]:
    best: dict[str, float] = {}
    for contribution, label in shared:
        best[label] = best.get(label, 0.0) + contribution
    ordered = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(label for label, _ in ordered[:MAX_EVIDENCE])
