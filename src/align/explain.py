"""Why align links an objective to a strategy: its graded links, and where their shared terms stand in both texts.

Pure: takes a finished CheckResult. Evidence terms are normalised (NFKC, lower case, Thai digits as Arabic,
see text.normalize); they are found again in the original wording one grapheme cluster at a time, so a
highlight never splits a consonant from its vowels and tone marks, and never starts inside a syllable
(after เ แ โ ใ ไ) or ends before one of its vowels (ะ า ๅ).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache

from align.errors import InputError
from align.labels import Labels
from align.matching.normalize import normalize
from align.model import Framework, FrameworkItem
from align.result import Candidate, CheckResult, Finding, ObjectiveResult

_LEADING_VOWELS = frozenset("เแโใไ")
_FOLLOWING_VOWELS = frozenset("ะาๅ")
_SARA_AM = "\u0e33"
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted stretch [start, end) of an original text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ExplainedLink:
    """One graded link with the item's wording and where each shared term was found."""

    candidate: Candidate
    framework: Framework
    item: FrameworkItem
    strategy: FrameworkItem
    title_marks: tuple[Mark, ...]
    title_en_marks: tuple[Mark, ...]
    places: tuple[tuple[str, str], ...]
    """(term, where): "" = in the title shown, "description", "keywords", "measure <id>", or "glossary"."""

    @property
    def is_strategy(self) -> bool:
        """True for a strategy, False for a measure (or goal) beneath one."""
        return self.item.id == self.strategy.id


@dataclass(frozen=True, slots=True)
class Explanation:
    """One objective, explained."""

    result: CheckResult
    objective: ObjectiveResult
    title_marks: tuple[Mark, ...]
    description_marks: tuple[Mark, ...]
    links: tuple[ExplainedLink, ...]
    findings: tuple[Finding, ...]
    total: int
    """How many items the objective was scored against (all frameworks)."""
    every: bool
    """True when every item is shown, not only the reported candidates."""


def explain(result: CheckResult, objective_id: str, every: bool = False, labels: Labels | None = None) -> Explanation:
    """The explanation of one objective; raises InputError naming the plan when there is no such objective."""
    t = labels or Labels()
    objective = next((o for o in result.objectives if o.objective.id == objective_id), None)
    if objective is None:
        ids = [o.objective.id for o in result.objectives]
        close = get_close_matches(objective_id, ids, n=1, cutoff=0.5)
        hint = t("explain.did_you_mean", id=close[0]) if close else ""
        raise InputError(result.plan_file or "plan", "explain",
                         t("explain.no_objective", id=objective_id, hint=hint, ids=", ".join(ids)))
    candidates = objective.links if every and objective.links else objective.candidates
    links = tuple(_link(result, c) for c in candidates)
    terms = [term for link in links for term in link.candidate.evidence]
    own = objective.objective
    return Explanation(
        result=result,
        objective=objective,
        title_marks=find_terms(own.title, terms),
        description_marks=find_terms(own.description or "", terms),
        links=links,
        findings=tuple(f for f in result.findings if f.objective == own.id),
        total=len(objective.links) or len(objective.candidates),
        every=every,
    )


def _link(result: CheckResult, candidate: Candidate) -> ExplainedLink:
    framework = result.framework(candidate.target.framework)
    item = framework.find(candidate.target.item)
    strategy = framework.find(candidate.strategy)
    assert item is not None and strategy is not None, candidate.target
    places = []
    for term in candidate.evidence:
        places.append((term, _place(term, item, strategy)))
    return ExplainedLink(
        candidate=candidate,
        framework=framework,
        item=item,
        strategy=strategy,
        title_marks=find_terms(item.title, candidate.evidence),
        title_en_marks=find_terms(item.title_en or "", candidate.evidence),
        places=tuple(places),
    )


def _place(term: str, item: FrameworkItem, strategy: FrameworkItem) -> str:
    if find_terms(item.title, [term]) or find_terms(item.title_en or "", [term]):
        return ""
    if find_terms(item.description or "", [term]):
        return "description"
    if find_terms(" ; ".join(item.keywords), [term]):
        return "keywords"
    if item is strategy or item.id == strategy.id:
        for measure in list(strategy.walk())[1:]:
            texts = (measure.title, measure.title_en or "", measure.description or "", " ; ".join(measure.keywords))
            if any(find_terms(text, [term]) for text in texts):
                return f"measure {measure.id}"
    return "glossary"


# --- finding normalised terms in original text ----------------------------------------------------------------


def clusters(text: str) -> list[str]:
    """The text cut into grapheme clusters: a base character with its combining marks (and ำ)."""
    result: list[str] = []
    for char in text:
        if result and (unicodedata.category(char) in {"Mn", "Mc", "Me"} or char == _SARA_AM):
            result[-1] += char
        else:
            result.append(char)
    return result


def find_terms(text: str, terms: list[str] | tuple[str, ...]) -> tuple[Mark, ...]:
    """Where the normalised terms occur in the original text, as merged marks on whole clusters."""
    if not text or not terms:
        return ()
    prepared = _prepare(text)
    spans: list[tuple[int, int]] = []
    for term in dict.fromkeys(terms):
        pattern = _pattern(term)
        found = prepared.spans(pattern) if pattern is not None else []
        if not found and " " in term.strip():
            # A word pair skips function words between them ("services for citizens"): mark its words.
            for word in term.split():
                word_pattern = _pattern(word)
                found.extend(prepared.spans(word_pattern) if word_pattern is not None else [])
        spans.extend(found)
    return _merge(spans)


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A text as clusters, and its normal form with, per normal character, the cluster it came from."""

    pieces: tuple[str, ...]
    starts: tuple[int, ...]
    """Offset of each cluster in the original text, and the text's length last."""
    flat: str
    owner: tuple[int, ...]
    first: tuple[bool, ...]
    """True where a normal character is the first of its cluster's normal form."""

    def spans(self, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        pieces, owner, flat = self.pieces, self.owner, self.flat
        found = []
        for match in pattern.finditer(flat):
            i, j = match.start(), match.end()
            if i == j:
                continue
            begin, last = owner[i], owner[j - 1]
            if not self.first[i] or (j < len(flat) and owner[j] == last):
                continue  # the term starts or ends inside a cluster: not this word
            if begin > 0 and pieces[begin - 1][:1] in _LEADING_VOWELS:
                continue
            if last + 1 < len(pieces) and pieces[last + 1][:1] in _FOLLOWING_VOWELS:
                continue
            found.append((self.starts[begin], self.starts[last + 1]))
        return found


@lru_cache(maxsize=4096)
def _prepare(text: str) -> _Prepared:
    pieces = clusters(text)
    starts = [0]
    for piece in pieces:
        starts.append(starts[-1] + len(piece))
    parts: list[str] = []
    owner: list[int] = []
    first: list[bool] = []
    for index, piece in enumerate(pieces):
        normal = normalize(piece)
        if not normal:
            normal = "" if all(c in _ZERO_WIDTH for c in piece) else " "
        parts.append(normal)
        owner.extend([index] * len(normal))
        first.extend([True] + [False] * (len(normal) - 1))
    return _Prepared(tuple(pieces), tuple(starts), "".join(parts), tuple(owner), tuple(first))


@lru_cache(maxsize=4096)
def _pattern(term: str) -> re.Pattern[str] | None:
    # Punctuation inside a term (e-service, 1.4) is a space in the cluster-wise normal form.
    words = [w for w in re.split(r"[\s\-.]+", normalize(term)) if w]
    if not words:
        return None
    body = r"\s*".join(re.escape(w) for w in words)
    before = r"(?<![a-z0-9])" if re.match(r"[a-z0-9]", words[0]) else ""
    after = r"(?![a-z0-9])" if re.search(r"[a-z0-9]$", words[-1]) else ""
    return re.compile(before + body + after)


def _merge(spans: list[tuple[int, int]]) -> tuple[Mark, ...]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple(Mark(start, end) for start, end in merged)
