"""The bilingual concept glossary: Thai and English surface forms of one idea, so that they match each other.

Matching goes through concepts: `open data`, `ข้อมูลเปิด` and `เปิดเผยข้อมูล` all become the concept
`open-data`, and a concept's `broader` concepts (open data -> transparency) count too, with less weight.
The glossary is data (src/align/data/glossary.yaml, documented in docs/glossary.md); this module loads and
checks it and finds its concepts in tokenised text.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from align.errors import InputError, raise_collected
from align.loading import yamlfile
from align.loading.yamlfile import Located
from align.matching.normalize import normalize
from align.matching.text import Token, fold, is_thai, key_part

MAX_TERM_TOKENS = 8
"""Longest surface form, in words, looked for in a text."""
_KEYS_LIMIT = 1 << 16

_CONCEPT_KEYS = {"id", "th", "en", "broader", "digital", "weight", "role", "serves", "note"}

ROLES: dict[str, tuple[str, ...]] = {
    "infrastructure": (),
    "economy": (),
    "society": (),
    "government": (),
    "service": ("government",),
    "internal": ("government",),
    "participation": ("government",),
    "workforce": (),
    "training": (),
    "trust": (),
}
"""The kinds of digital work planners file a link by (docs/matching.md), each with the kinds it also counts as: an
agency's online service, its back office and its channels for people's voice are all digital government.
`training` is resolved by whom it serves (features.py): civil servants' skills are the workforce's, citizens'
digital literacy is society's, traders' online selling the economy's."""
SERVES = ("citizens", "business", "staff")
"""Whom the work is for: people, businesses (entrepreneurs, traders, SMEs), or the government's own staff."""

_Problem = Callable[[str, str, int], None]


@dataclass(frozen=True, slots=True)
class Concept:
    """One idea with every way plans write it."""

    id: str
    label: str
    """How evidence shows it: its first Thai term as written, else its first English one."""
    terms: tuple[str, ...]
    broader: tuple[str, ...] = ()
    """Concepts this one is a kind of, or directly serves."""
    digital: bool = False
    """Naming it means the work is digital (a system, data, an online channel, ...)."""
    weight: float = 1.0
    """How much naming it says about a link, relative to other concepts (sectors say little)."""
    role: str | None = None
    """The kind of digital work naming it points to (ROLES), if any."""
    serves: str | None = None
    """Whom naming it says the work is for (SERVES), if anyone."""


@dataclass(frozen=True, slots=True)
class ConceptHit:
    """A concept found in a text, at tokens [first, last)."""

    concept: str
    first: int
    last: int


class Glossary:
    """Concepts by id, their surface forms by normalised spelling, and spelling variants."""

    def __init__(self, concepts: Sequence[Concept], spelling: dict[str, str]) -> None:
        self.concepts = {c.id: c for c in concepts}
        self.spelling = spelling
        """Variant spelling of a word -> the spelling the frameworks use (ดิจิตอล -> ดิจิทัล)."""
        self._by_form: dict[str, str] = {}
        for concept in concepts:
            for term in concept.terms:
                self._by_form[_key(term)] = concept.id
        # Every beginning of a surface form: a span whose key is none can be extended into no form either.
        self._starts = {form[:end] for form in self._by_form for end in range(len(form) + 1)}
        self._keys: dict[str, tuple[str, str, bool]] = {}
        """Token text -> what find() needs of it (_learn): texts use a few thousand words, over and over."""

    def thai_words(self) -> set[str]:
        """Thai surface forms and variants, offered to the tokenizer's dictionary (folded, so without spaces)."""
        return {form for form in self._by_form if is_thai(form)} | set(self.spelling) | set(self.spelling.values())

    def find(self, tokens: Sequence[Token]) -> list[ConceptHit]:
        """Concepts in the token sequence, longest match first, not overlapping.

        A span matches when its words, joined, spell a surface form as written or with variant spellings
        replaced (ดิจิตอล -> ดิจิทัล); as written wins. Spans grow from each token while they still begin a form.
        """
        known = self._keys
        if len(known) > _KEYS_LIMIT:
            known.clear()
        keys = [known.get(token.text) or self._learn(token) for token in tokens]
        starts, by_form = self._starts, self._by_form
        hits = []
        end = 0  # tokens before `end` belong to a hit already
        for i in [i for i, key in enumerate(keys) if key[2]]:  # most words begin no form
            if i < end:
                continue
            found = None
            written = respelled = ""
            for j in range(i, min(len(keys), i + MAX_TERM_TOKENS)):
                part, spelled, _ = keys[j]
                if written is respelled and part is spelled:  # no word respelled so far: the two spans are one
                    written = respelled = written + part
                    if written not in starts:
                        break
                    concept = by_form.get(written)
                else:
                    written = written + part if written in starts else written
                    respelled = respelled + spelled if respelled in starts else respelled
                    if written not in starts and respelled not in starts:
                        break
                    concept = by_form.get(written) or by_form.get(respelled)
                if concept is not None:
                    found = ConceptHit(concept, i, j + 1)
            if found:
                hits.append(found)
                end = found.last
        return hits

    def _learn(self, token: Token) -> tuple[str, str, bool]:
        """A token's part of a key as written and respelled, and whether either begins a surface form. The token's
        text says it all (key_part folds only the dashes of English words, and Thai words have none)."""
        part = key_part(token)
        spelled = self.spelling.get(part, part)
        key = self._keys[token.text] = (part, spelled, part in self._starts or spelled in self._starts)
        return key

    @cache  # noqa: B019  (one Glossary lives for the whole process)
    def ancestors(self, concept_id: str) -> dict[str, tuple[str, ...]]:
        """Every broader concept, transitively, with the shortest chain of broader steps that reaches it: the
        concepts from the first parent up to it (its length is the distance; 1 = a direct parent)."""
        result: dict[str, tuple[str, ...]] = {}
        frontier: list[tuple[str, tuple[str, ...]]] = [(parent, (parent,))
                                                       for parent in self.concepts[concept_id].broader]
        while frontier:
            current, path = frontier.pop(0)
            if current in result and len(result[current]) <= len(path):
                continue
            result[current] = path
            frontier.extend((parent, (*path, parent)) for parent in self.concepts[current].broader)
        return result


def _key(term: str) -> str:
    return fold(term)


def bundled_path() -> Path:
    """The glossary shipped with align."""
    return Path(str(resources.files("align") / "data" / "glossary.yaml"))


@cache
def load(path: Path | None = None) -> Glossary:
    """Load and check a glossary file (default: the bundled one); raises InputError(s)."""
    path = path or bundled_path()
    try:
        root = yamlfile.read(path)
    except yamlfile.YamlProblem as exc:
        raise InputError(path, "", exc.problem, exc.line) from None
    errors: list[InputError] = []

    def problem(where: str, what: str, line: int) -> None:
        errors.append(InputError(path, where, what, line))

    top = root.value if isinstance(root.value, dict) else {}
    if set(top) - {"spelling", "concepts"} or "concepts" not in top:
        problem("top level", "must have the keys 'concepts' and, optionally, 'spelling'", root.line)
        raise_collected(errors)
    spelling = _spelling(top.get("spelling"), problem)
    concepts = _concepts(top["concepts"], problem)
    _check_graph(concepts, problem)
    forms: dict[str, str] = {}
    for concept, line in concepts:
        for term in concept.terms:
            key = _key(term)
            if not key:
                problem(f"concept {concept.id}", f"term {term!r} is empty once normalised", line)
            elif forms.get(key, concept.id) != concept.id:
                problem(f"concept {concept.id}", f"term {term!r} also belongs to concept {forms[key]}", line)
            forms.setdefault(key, concept.id)
    raise_collected(errors)
    return Glossary([c for c, _ in concepts], spelling)


def _spelling(node: Located | None, problem: _Problem) -> dict[str, str]:
    result: dict[str, str] = {}
    if node is None:
        return result
    if not isinstance(node.value, dict):
        problem("spelling", "must map each canonical spelling to a list of variants", node.line)
        return result
    for canonical, variants in node.value.items():
        if not isinstance(variants.value, list) or not all(isinstance(v.value, str) for v in variants.value):
            problem(f"spelling {canonical}", "must be a list of variant spellings", variants.line)
            continue
        for variant in variants.value:
            result[normalize(variant.value)] = normalize(canonical)
    return result


def _concepts(node: Located, problem: _Problem) -> list[tuple[Concept, int]]:
    result: list[tuple[Concept, int]] = []
    if not isinstance(node.value, list):
        problem("concepts", "must be a list", node.line)
        return result
    seen: set[str] = set()
    for index, entry in enumerate(node.value):
        fields = entry.value if isinstance(entry.value, dict) else None
        where = f"concepts[{index}]"
        if fields is None or not isinstance(fields.get("id", Located(None, 0)).value, str):
            problem(where, "must be a mapping with a text 'id'", entry.line)
            continue
        cid = fields["id"].value
        where = f"concept {cid}"
        for key in set(fields) - _CONCEPT_KEYS:
            problem(where, f"unknown key '{key}'; allowed: {', '.join(sorted(_CONCEPT_KEYS))}", fields[key].line)
        if cid in seen:
            problem(where, "duplicate concept id", entry.line)
        seen.add(cid)
        th, en, broader = (_strings(fields.get(k), f"{where}: {k}", problem) for k in ("th", "en", "broader"))
        if not th and not en:
            problem(where, "needs at least one Thai (th) or English (en) term", entry.line)
            continue
        digital = fields.get("digital", Located(False, 0)).value
        if not isinstance(digital, bool):
            problem(where, "digital must be true or false", fields["digital"].line)
            digital = False
        weight = fields.get("weight", Located(1.0, 0)).value
        if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 < weight <= 1:
            problem(where, "weight must be a number in (0, 1]", fields["weight"].line)
            weight = 1.0
        role = _choice(fields.get("role"), ROLES, f"{where}: role", problem)
        serves = _choice(fields.get("serves"), SERVES, f"{where}: serves", problem)
        label = " ".join((th or en)[0].split())  # as the glossary writes it: evidence shows it to planners
        result.append((Concept(cid, label, tuple(th + en), tuple(broader), digital, float(weight), role, serves),
                       entry.line))
    return result


def _choice(node: Located | None, allowed: Collection[str], where: str, problem: _Problem) -> str | None:
    if node is None:
        return None
    if node.value not in allowed:
        problem(where, f"{node.value!r} is not one of {', '.join(allowed)}", node.line)
        return None
    return str(node.value)


def _strings(node: Located | None, where: str, problem: _Problem) -> list[str]:
    if node is None:
        return []
    if not isinstance(node.value, list) or not all(isinstance(v.value, str) for v in node.value):
        problem(where, "must be a list of text", node.line)
        return []
    return [v.value for v in node.value]


def _check_graph(concepts: list[tuple[Concept, int]], problem: _Problem) -> None:
    ids = {c.id for c, _ in concepts}
    parents = {c.id: c.broader for c, _ in concepts}
    for concept, line in concepts:
        for parent in concept.broader:
            if parent not in ids:
                problem(f"concept {concept.id}", f"broader names no concept '{parent}'", line)
    for concept, line in concepts:
        stack, seen = list(parents[concept.id]), set()
        while stack:
            current = stack.pop()
            if current == concept.id:
                problem(f"concept {concept.id}", "is its own broader concept (a cycle)", line)
                break
            if current in seen or current not in parents:
                continue
            seen.add(current)
            stack.extend(parents[current])

