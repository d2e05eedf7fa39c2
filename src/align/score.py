"""Objective x framework item similarity: weighted overlap of words, word pairs and glossary concepts.

Each text becomes a sparse vector of features: content words (w:), adjacent word pairs (b:), glossary
concepts (c:) and, with less weight, the broader concepts they belong to. Weights are IDF over the framework
items, so words every strategy uses (ดิจิทัล, พัฒนา) count for little. A strategy's score also draws on its
measures. No thresholds here (assess.py grades), no I/O.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from align.glossary import Glossary
from align.model import Framework, FrameworkItem, ItemRef, Objective
from align.result import LinkScore
from align.text import Token, Tokenizer, content_words, is_thai

MAX_EVIDENCE = 8


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each kind of feature counts; fitted on the labelled devset (docs/matching.md)."""

    word: float = 1.0
    pair: float = 0.5
    concept: float = 2.0
    broader_decay: float = 0.5
    """A broader concept at distance d counts decay**d of the concept itself."""
    measure_share: float = 0.5
    """How much a strategy's best measure adds to the strategy's own score."""
    no_digital_factor: float = 0.4
    """Scale for objectives that name nothing digital: national digital plans are served by digital work."""
    fuzzy_cutoff: float = 88.0
    """rapidfuzz ratio above which an unknown Thai word is read as a spelling variant of a framework word."""


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


class Analyzer:
    """Turns text into features; caches every distinct text (texts repeat across plans and views)."""

    def __init__(self, glossary: Glossary, weights: Weights | None = None) -> None:
        self.glossary = glossary
        self.weights = weights or Weights()
        self.tokenizer = Tokenizer(glossary.thai_words())
        self.features = lru_cache(maxsize=65536)(self._features)
        self.variants: dict[str, str] = {}
        """Unknown words read as spelling variants of framework words (set by Matcher)."""

    def _features(self, text: str) -> Features:
        weights = self.weights
        tokens = self.tokenizer.tokens(text)
        result = Features()
        words = [self._canonical(w) for w in content_words(tokens)]
        for word in words:
            result.add("w:" + word, weights.word, word)
        for first, second in zip(words, words[1:], strict=False):
            result.add(f"b:{first}_{second}", weights.pair, f"{first} {second}")
        for hit in self.glossary.find(tokens):
            concept = self.glossary.concepts[hit.concept]
            result.add("c:" + concept.id, weights.concept, concept.label)
            result.digital |= concept.digital
            for parent, distance in self.glossary.ancestors(concept.id).items():
                broader = self.glossary.concepts[parent]
                result.add("c:" + parent, weights.concept * weights.broader_decay**distance, broader.label)
                result.digital |= broader.digital
        return result

    def _canonical(self, word: str) -> str:
        word = self.glossary.spelling.get(word, word)
        return self.variants.get(word, word)

    def words(self, text: str) -> tuple[str, ...]:
        """The text's content words, as features see them."""
        return content_words(self.tokenizer.tokens(text))

    def tokens(self, text: str) -> tuple[Token, ...]:
        return self.tokenizer.tokens(text)


def item_text(item: FrameworkItem) -> str:
    """The wording of one item that matching reads (not its children)."""
    parts = [item.title, item.title_en or "", item.description or "", " ; ".join(item.keywords)]
    return "\n".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class _Doc:
    ref: ItemRef
    strategy: FrameworkItem
    is_strategy: bool
    features: Features


class Matcher:
    """Scores objectives against every item of the given frameworks; build once, score many objectives."""

    def __init__(self, frameworks: Sequence[Framework], analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.frameworks = tuple(frameworks)
        items = [(fw, strategy, item) for fw in frameworks for strategy in fw.items for item in strategy.walk()]
        self._learn_variants(item_text(item) for _, _, item in items)
        self.docs = [
            _Doc(ItemRef(fw.id, item.id), strategy, item is strategy, analyzer.features(item_text(item)))
            for fw, strategy, item in items
        ]
        df: Counter[str] = Counter()
        for doc in self.docs:
            df.update(doc.features.weights)
        n = len(self.docs)
        self.idf = {f: math.log((n + 1) / (count + 0.5)) for f, count in df.items()}
        self._norms = [self._norm(doc.features) for doc in self.docs]

    def _learn_variants(self, texts: Iterable[str]) -> None:
        vocabulary = {w for text in texts for w in self.analyzer.words(text) if is_thai(w) and len(w) >= 4}
        self._vocabulary = sorted(vocabulary)

    def _variant_of(self, word: str) -> str | None:
        # rapidfuzz on single Thai words only: on whole unsegmented strings it scores unrelated text high.
        if not is_thai(word) or len(word) < 5 or word in self._vocabulary:
            return None
        match = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio,
                                   score_cutoff=self.analyzer.weights.fuzzy_cutoff)
        return match[0] if match else None

    def _norm(self, features: Features) -> float:
        return math.sqrt(sum((w * self.idf.get(f, 0.0)) ** 2 for f, w in features.weights.items())) or 1.0

    def score(self, objective: Objective) -> list[LinkScore]:
        """Scores of the objective against every item of every framework, in framework order."""
        query = self._query(objective.text)
        qnorm = self._norm(query)
        raw: list[tuple[float, list[tuple[float, str]]]] = []
        for doc, dnorm in zip(self.docs, self._norms, strict=True):
            shared = []
            total = 0.0
            for feature, qw in query.weights.items():
                dw = doc.features.weights.get(feature)
                if dw:
                    contribution = qw * dw * self.idf[feature] ** 2
                    total += contribution
                    shared.append((contribution, query.labels[feature]))
            raw.append((total / (qnorm * dnorm), shared))
        factor = 1.0 if query.digital else self.analyzer.weights.no_digital_factor
        return self._combine(raw, factor)

    def _query(self, text: str) -> Features:
        features = self.analyzer.features(text)
        unknown = {w for w in self.analyzer.words(text) if "w:" + w not in self.idf}
        learned = {w: v for w in unknown if (v := self._variant_of(w))}
        if not learned:
            return features
        copy = Features(dict(features.weights), dict(features.labels), features.digital)
        for variant in learned.values():
            copy.add("w:" + variant, self.analyzer.weights.word, variant)
        return copy

    def _combine(self, raw: list[tuple[float, list[tuple[float, str]]]], factor: float) -> list[LinkScore]:
        share = self.analyzer.weights.measure_share
        best_child: dict[ItemRef, tuple[float, list[tuple[float, str]]]] = {}
        for doc, (value, shared) in zip(self.docs, raw, strict=True):
            if not doc.is_strategy:
                key = ItemRef(doc.ref.framework, doc.strategy.id)
                if value > best_child.get(key, (-1.0, []))[0]:
                    best_child[key] = (value, shared)
        result = []
        for doc, (value, shared) in zip(self.docs, raw, strict=True):
            if doc.is_strategy and doc.ref in best_child:
                child_value, child_shared = best_child[doc.ref]
                value = max(value, child_value) + share * min(value, child_value)
                shared = shared + child_shared
            score = min(1.0, value * factor)
            result.append(LinkScore(doc.ref, round(score, 4), _evidence(shared)))
        return result


def _evidence(shared: list[tuple[float, str]]) -> tuple[str, ...]:
    best: dict[str, float] = {}
    for contribution, label in shared:
        best[label] = best.get(label, 0.0) + contribution
    ordered = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(label for label, _ in ordered[:MAX_EVIDENCE])
