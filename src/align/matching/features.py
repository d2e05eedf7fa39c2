"""A text as weighted features: its content words (w:) and the glossary concepts it names (c:), with the broader
concepts those belong to at less weight, and whether it names anything digital."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from align.matching.glossary import Glossary
from align.matching.text import Tokenizer, content_words
from align.matching.weights import Weights
from align.model import FrameworkItem


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
        # Each distinct text's features once: within a batch the scorer sees to it; across batches (templates
        # copied by many agencies) this cache does. 8,192 texts of features are ~40 MB; 65,536 were ~450 MB.
        self.features = lru_cache(maxsize=1 << 13)(self._features)
        self._concepts: dict[str, tuple[bool, tuple[tuple[str, float, str], ...]]] = {}

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

    def item_features(self, item: FrameworkItem) -> Features:
        """One framework item's own wording as features (not its children's): the official title counts fully,
        our keywords and summary less, since the title defines the item."""
        features = Features()
        features.merge(self.features("\n".join(filter(None, (item.title, item.title_en)))))
        features.merge(self.features(" ; ".join(item.keywords)), self.weights.keywords_field)
        features.merge(self.features(item.description or ""), self.weights.description_field)
        return features


def item_text(item: FrameworkItem) -> str:
    """The wording of one item that matching reads (not its children)."""
    parts = [item.title, item.title_en or "", item.description or "", " ; ".join(item.keywords)]
    return "\n".join(p for p in parts if p)
