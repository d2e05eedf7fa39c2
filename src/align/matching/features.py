"""A text as weighted features: its content words (w:) and the glossary concepts it names (c:), with the broader
concepts those belong to at less weight, whether it names anything digital, and where each feature stands in the
text (for evidence a planner can check)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from align.matching.glossary import ROLES, Glossary
from align.matching.text import Token, Tokenizer, content_word
from align.matching.weights import Weights
from align.model import FrameworkItem


class Origin(NamedTuple):
    """Where a feature stands in a text."""

    surface: str
    """The words that carry it, as they stand (normalised: lower case, Thai words joined, English ones spaced)."""
    path: tuple[str, ...] = ()
    """For a broader concept or kind of work: the steps from what the words name up to it (features); ()
    otherwise."""
    item: str = ""
    """For a framework item's features: the item whose wording holds it (the item itself or one beneath it)."""
    field: str = ""
    """And which of its texts: title, title_en, keywords or description."""


@dataclass(slots=True)
class Features:
    """A text as weighted features, with where each stands."""

    weights: dict[str, float] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    digital: bool = False
    reading: dict[str, float] = field(default_factory=dict)
    """The planner's reading: each kind of digital work (r:) and group of people served (b:) the text names, with
    how much it counts (1 for the text's own words, less through a measure or a broader kind)."""
    said: dict[str, str] = field(default_factory=dict)
    """The words that say each reading."""

    def add(self, feature: str, weight: float, origin: Origin) -> None:
        if weight > self.weights.get(feature, 0.0):
            self.weights[feature] = weight
            self.origins[feature] = origin

    def merge(self, other: Features, scale: float = 1.0, item: str = "", field: str = "",
              roles: float = 1.0) -> None:
        """Add another text's features at `scale`; `item` and `field` say where they come from, if not yet said;
        the kinds of work and people it names at `roles` times that (0: left out)."""
        for feature, weight in other.weights.items():
            if feature[:2] in ("r:", "b:"):
                if not roles:
                    continue
                weight *= roles
            origin = other.origins[feature]
            if item and not origin.item:
                origin = origin._replace(item=item, field=field)
            self.add(feature, weight * scale, origin)
        self.digital |= other.digital
        for code, share in other.reading.items():
            if share * roles > self.reading.get(code, 0.0):
                self.reading[code] = share * roles
                self.said[code] = other.said[code]


class Analyzer:
    """Turns text into features; caches every distinct text (texts repeat across plans and items)."""

    def __init__(self, glossary: Glossary, weights: Weights | None = None, tokenizer: Tokenizer | None = None) -> None:
        self.glossary = glossary
        self.weights = weights or Weights()
        self.tokenizer = tokenizer or Tokenizer(glossary.thai_words())
        # Each distinct text's features once: within a batch the scorer sees to it; across batches (templates
        # copied by many agencies) this cache does. 8,192 texts of features are ~40 MB; 65,536 were ~450 MB.
        self.features = lru_cache(maxsize=1 << 13)(self._features)
        self._concepts: dict[str, tuple[bool, tuple[tuple[str, float, tuple[str, ...]], ...]]] = {}
        self._roles: dict[str, tuple[str, str]] = {}
        self._labels: dict[str, str] = {}

    def _features(self, text: str) -> Features:
        weights = self.weights
        tokens = self.tokenizer.tokens(text)
        result = Features()
        found, origins = result.weights, result.origins
        hits = self.glossary.find(tokens)
        covered: set[int] = set()
        roles: dict[str, str] = {}
        serves: dict[str, str] = {}
        for hit in hits:
            digital, concept_features = self._concepts.get(hit.concept) or self._concept_features(hit.concept)
            result.digital |= digital
            surface = _surface(tokens[hit.first:hit.last])
            covered.update(range(hit.first, hit.last))
            for feature, weight, path in concept_features:  # Features.add, inline: ~8 concepts per text
                if weight > found.get(feature, 0.0):
                    found[feature] = weight
                    # tuple.__new__: Origin's own __new__ parses keywords; ~25 origins per text, at 10,000s of texts.
                    origins[feature] = tuple.__new__(Origin, (surface, path, "", ""))
            role, who = self._roles.get(hit.concept) or self._role_of(hit.concept)
            if role:
                roles.setdefault(role, surface)
            if who:
                serves.setdefault(who, surface)
        # Kinds of *digital* work: training rescuers names a kind of work and people, but no digital work to file.
        if (roles or serves) and result.digital:
            self._add_roles(result, roles, serves)
        if weights.word > 0:
            spelling = self.glossary.spelling
            for index, token in enumerate(tokens):
                # The words of a glossary phrase are the concept's, not features of their own: จุด and เดียว of
                # จุดเดียว, or บริการ of บริการอิเล็กทรอนิกส์, are not evidence of anything by themselves.
                if index in covered:
                    continue
                word = content_word(token)
                if word is not None:
                    feature = "w:" + spelling.get(word, word)
                    if feature not in found:
                        found[feature] = weights.word
                        origins[feature] = tuple.__new__(Origin, (token.text, (), "", ""))
        return result

    def _concept_features(self, concept_id: str) -> tuple[bool, tuple[tuple[str, float, tuple[str, ...]], ...]]:
        """What naming a concept adds to a text's features, worked out once per concept: whether it makes the text
        digital, and its feature with those of its broader concepts, at less weight, each with its path."""
        weights, glossary = self.weights, self.glossary
        concept = glossary.concepts[concept_id]
        features: list[tuple[str, float, tuple[str, ...]]] = [("c:" + concept.id, weights.concept * concept.weight, ())]
        # Only what the text names makes it digital: elderly -> inclusion -> digital society must not.
        for parent, path in glossary.ancestors(concept.id).items():
            features.append(("c:" + parent, weights.concept * weights.broader_decay ** len(path),
                             tuple("c:" + step for step in path)))
        self._concepts[concept_id] = (concept.digital, tuple(features))
        return self._concepts[concept_id]

    def _role_of(self, concept_id: str) -> tuple[str, str]:
        """The kind of work and the people a concept names: its own, never a broader concept's (staff is whom work
        is for, not workforce development; a broader theme would make every mention of people a kind of work)."""
        concept = self.glossary.concepts[concept_id]
        self._roles[concept_id] = (concept.role or "", concept.serves or "")
        return self._roles[concept_id]

    def _add_roles(self, result: Features, roles: dict[str, str], serves: dict[str, str]) -> None:
        """The planner's reading of a text, as features: the kinds of digital work it names (r:) and whom it serves
        (b:). Training belongs to whom it is for: civil servants' skills are the workforce's, people's digital
        literacy is society's, traders' skills the economy's (docs/matching.md)."""
        weights = self.weights
        if "training" in roles:
            surface = roles.pop("training")
            learner = "workforce" if "staff" in serves else "economy" if "business" in serves else \
                "society" if "citizens" in serves else "workforce"
            roles.setdefault(learner, surface)
        if "service" in roles and not serves:
            # A service that names nobody serves the people who use it: planners file a tax payment or a permit
            # under services to citizens unless it says businesses.
            serves["citizens"] = roles["service"]
        reading, said = result.reading, result.said
        for role, surface in roles.items():
            reading["r:" + role], said["r:" + role] = 1.0, surface
            for also in ROLES[role]:
                if reading.get("r:" + also, 0.0) < weights.broader_decay:
                    reading["r:" + also], said["r:" + also] = weights.broader_decay, surface
        for who, surface in serves.items():
            reading["b:" + who], said["b:" + who] = 1.0, surface
        # The reading also joins the shared features, at its own weights (0: the gate alone weighs it).
        for code, share in reading.items():
            weight = (weights.role if code.startswith("r:") else weights.serves) * share
            if weight > 0:
                # A broader kind (digital government, for an online service) shows its step in evidence.
                result.add(code, weight, Origin(said[code], (code,) if share < 1.0 else ()))

    def item_features(self, item: FrameworkItem) -> Features:
        """One framework item's own wording as features (not its children's): the official title counts fully,
        our keywords and summary less, since the title defines the item."""
        features = Features()
        features.merge(self.features(item.title), item=item.id, field="title")
        if item.title_en:
            features.merge(self.features(item.title_en), item=item.id, field="title_en")
        # What kind of work an item is, and for whom, is read from its official wording only: our keywords and
        # summaries name examples of every kind (a summary of the e-government strategy mentions business too).
        features.merge(self.features(" ; ".join(item.keywords)), self.weights.keywords_field, item.id, "keywords",
                       roles=0.0)
        features.merge(self.features(item.description or ""), self.weights.description_field, item.id, "description",
                       roles=0.0)
        return features

    def label(self, feature: str) -> str:
        """What a feature is called in evidence: the word, the concept's label as the glossary writes it, or the
        kind of work (r:) or people (b:) as a code that reports word for readers."""
        label = self._labels.get(feature)
        if label is None:
            label = self._labels[feature] = (self.glossary.concepts[feature[2:]].label if feature.startswith("c:")
                                             else feature)
        return label


def _surface(tokens: tuple[Token, ...]) -> str:
    """Tokens as they stand: Thai words joined, a space where either side is not Thai."""
    text = ""
    for token in tokens:
        if text and not (token.thai and _last_is_thai(text)):
            text += " "
        text += token.text
    return text


def _last_is_thai(text: str) -> bool:
    return "\u0e00" <= text[-1] <= "\u0e7f"


def item_text(item: FrameworkItem) -> str:
    """The wording of one item that matching reads (not its children)."""
    parts = [item.title, item.title_en or "", item.description or "", " ; ".join(item.keywords)]
    return "\n".join(p for p in parts if p)
