"""The input domain: national frameworks, their items, and the plans checked against them.

Plain frozen dataclasses with no I/O and no YAML: loading/ builds them, everything else reads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NewType

FrameworkId = NewType("FrameworkId", str)
ItemId = NewType("ItemId", str)
ObjectiveId = NewType("ObjectiveId", str)

FRAMEWORK_ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ITEM_ID_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]*")

# \d in a str pattern is any Unicode decimal digit (category Nd: 0-9, ๐-๙, ...), exactly what int() reads;
# superscripts such as ² are digits to str.isdigit() but not decimal, so they stay text.
_DIGIT_RUNS = re.compile(r"(\d+)")


@lru_cache(maxsize=1 << 16)  # ids repeat from plan to plan ("1", "1.1", ...) and every link is ranked by one
def natural_key(text: str) -> tuple[tuple[tuple[int, int, str], ...], str]:
    """The order of ids as people read them: "1.2" < "1.10" < "2" < "A", numbers by value in any script (๑.๓
    sorts with 1.3).

    Total over any text: each run of digits is (0, value, "") and each other run (1, 0, text), so a number is
    never compared with text and numbers sort before letters at the same place; the text itself breaks ties
    ("01" and "1", "๑" and "1"), so two different ids never get equal keys.
    """
    runs = tuple((0, int(part), "") if index % 2 else (1, 0, part)
                 for index, part in enumerate(_DIGIT_RUNS.split(text)) if part)
    return runs, text


@dataclass(frozen=True, slots=True)
class ItemRef:
    """A link to a framework item, written `<framework id>:<item id>` (e.g. `dg-2566-2570:1.4`)."""

    framework: FrameworkId
    item: ItemId

    @classmethod
    def parse(cls, text: str) -> ItemRef:
        """Parse `fw:item`; raises ValueError with a message fit for the user."""
        framework, sep, item = text.strip().partition(":")
        if not sep:
            raise ValueError(f"'{text}' is not a link: write '<framework id>:<item id>', e.g. 'dg-2566-2570:2'")
        if not FRAMEWORK_ID_PATTERN.fullmatch(framework):
            raise ValueError(f"'{text}' has no valid framework id before ':' (lowercase letters, digits, dashes)")
        if not ITEM_ID_PATTERN.fullmatch(item):
            raise ValueError(f"'{text}' has no valid item id after ':' (e.g. '2' or '1.4')")
        return cls(FrameworkId(framework), ItemId(item))

    def __str__(self) -> str:
        return f"{self.framework}:{self.item}"


@dataclass(frozen=True, slots=True)
class FrameworkLink:
    """A plan this framework says it serves, as its own text or an official source states it (never inferred)."""

    to: str
    """A loaded framework or item ("de-2561-2580", "de-2561-2580:4"), or the name of a plan that is not bundled,
    as the source prints it ("แผนแม่บทภายใต้ยุทธศาสตร์ชาติ / ประเด็นการบริการประชาชนและประสิทธิภาพภาครัฐ")."""
    source: str
    """Where the link is stated: document, page, table or section."""
    kind: str | None = None
    """direct or indirect, only where the source grades the link."""
    from_item: str | None = None
    """The item of this framework the link starts from, only where the source pairs items."""
    line: int | None = field(default=None, compare=False)

    @property
    def is_reference(self) -> bool:
        """True when `to` names a framework (and item) by id, not a plan by its name."""
        return LINK_REFERENCE.fullmatch(self.to) is not None


LINK_REFERENCE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?::[0-9A-Za-z][0-9A-Za-z._-]*)?")
"""What a link's `to` looks like when it refers to a framework by id: names of plans are Thai with spaces."""
LEVELS = (1, 2, 3)
"""The levels of Thailand's planning system (cabinet resolution of 4 Dec 2560; NESDP 13, pp. 2-3)."""


@dataclass(frozen=True, slots=True)
class FrameworkItem:
    """A strategy of a framework, or a goal or measure beneath one (`items`)."""

    id: ItemId
    title: str
    title_en: str | None = None
    description: str | None = None
    keywords: tuple[str, ...] = ()
    items: tuple[FrameworkItem, ...] = ()
    line: int | None = field(default=None, compare=False)
    """Line of the item in its YAML file, for messages."""

    def walk(self) -> Iterator[FrameworkItem]:
        """This item and all beneath it, depth first in official order."""
        yield self
        for child in self.items:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Framework:
    """One edition of a national plan (e.g. the Digital Government Development Plan 2566-2570)."""

    id: FrameworkId
    family: str
    """Plan line: `de` (digital economy and society) or `dg` (digital government)."""
    title: str
    period: tuple[int, int]
    """First and last year, Gregorian."""
    items: tuple[FrameworkItem, ...]
    """The strategies, in official order."""
    title_en: str | None = None
    issuer: str | None = None
    sources: tuple[str, ...] = ()
    path: Path | None = field(default=None, compare=False)
    level: int | None = None
    """Its level in Thailand's planning system (1 the National Strategy, 2 the plans under it, 3 operational plans),
    where a source states it; None otherwise."""
    level_source: str | None = None
    """Where the level is stated."""
    links: tuple[FrameworkLink, ...] = ()
    """The plans it says it serves, as stated (docs/data-format.md)."""

    def walk(self) -> Iterator[FrameworkItem]:
        """Every item, strategies and all beneath them."""
        for item in self.items:
            yield from item.walk()

    def find(self, item_id: str) -> FrameworkItem | None:
        """The item with this id at any depth, or None."""
        return next((item for item in self.walk() if item.id == item_id), None)

    def strategy_of(self, item_id: str) -> FrameworkItem | None:
        """The top-level strategy that holds the item (the strategy itself for a strategy)."""
        for strategy in self.items:
            if any(item.id == item_id for item in strategy.walk()):
                return strategy
        return None


@dataclass(frozen=True, slots=True)
class Objective:
    """One objective (or goal, target, strategy) of the plan being checked."""

    id: ObjectiveId
    title: str
    description: str | None = None
    source: str | None = None
    aligns_with: tuple[ItemRef, ...] = ()
    """Links the plan itself declares."""
    line: int | None = field(default=None, compare=False)
    aligns_with_lines: tuple[int | None, ...] = field(default=(), compare=False)
    """Line of each declared link, for messages."""

    @property
    def text(self) -> str:
        """All the objective's wording that matching reads."""
        return "\n".join(part for part in (self.title, self.description) if part)


@dataclass(frozen=True, slots=True)
class Plan:
    """A plan to check: its objectives and the frameworks it must be consistent with."""

    id: str
    title: str
    period: tuple[int, int]
    frameworks: tuple[FrameworkId, ...]
    objectives: tuple[Objective, ...]
    owner: str | None = None
    source: str | None = None
    path: Path | None = field(default=None, compare=False)
    framework_lines: tuple[int | None, ...] = field(default=(), compare=False)
