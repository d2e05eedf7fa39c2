"""Whether a plan's references hold: the frameworks it names, the links it declares, its period against theirs.

One home for these rules, used by `align check` (findings), `align validate` (errors and warnings) and
`align import` (errors located in the sheet). Each caller says where the problem is; the wording of what is
wrong comes from here, in English or Thai.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum

from align.model import Framework, FrameworkId, ItemRef


class Problem(StrEnum):
    """What is wrong with a reference."""

    UNKNOWN_FRAMEWORK = "unknown-framework"
    """The framework is neither bundled nor in a --frameworks directory."""
    NOT_LISTED = "not-listed"
    """A declared link into a framework the plan does not list under plan.frameworks."""
    NO_ITEM = "no-item"
    """The framework has no item of that id."""


_WORDING: Mapping[Problem, tuple[str, str]] = {
    Problem.UNKNOWN_FRAMEWORK: ("names unknown framework '{framework}' (available: {available})",
                                "อ้างถึงแผนระดับชาติ '{framework}' ซึ่งไม่รู้จัก (ที่มี: {available})"),
    Problem.NOT_LISTED: ("names framework '{framework}', which the plan does not list under plan.frameworks",
                         "อ้างถึงแผนระดับชาติ '{framework}' ซึ่งไม่อยู่ในรายการแผนระดับชาติของแผนนี้ (plan.frameworks)"),
    Problem.NO_ITEM: ("names no item '{item}' in {framework}", "อ้างถึงรายการ '{item}' ซึ่งไม่มีใน {framework}"),
}


@dataclass(frozen=True, slots=True)
class Broken:
    """A reference that does not hold, and why."""

    problem: Problem
    framework: FrameworkId
    item: str = ""
    available: tuple[str, ...] = ()
    """The frameworks that do exist, for UNKNOWN_FRAMEWORK."""

    def describe(self, thai: bool = False) -> str:
        """What is wrong, as the rest of a sentence whose subject the caller gives ("aligns_with 'x:1' ...")."""
        template = _WORDING[self.problem][thai]
        return template.format(framework=self.framework, item=self.item,
                               available=", ".join(self.available) or "none")


def check_framework(framework: FrameworkId, available: Mapping[FrameworkId, Framework]) -> Broken | None:
    """A framework a plan names: it must exist."""
    if framework in available:
        return None
    return Broken(Problem.UNKNOWN_FRAMEWORK, framework, available=tuple(sorted(available)))


def check_link(link: ItemRef, listed: Collection[FrameworkId],
               available: Mapping[FrameworkId, Framework]) -> Broken | None:
    """A declared link: its framework must be listed by the plan and exist, and hold the item. (A listed framework
    that does not exist is reported where the plan lists it: callers that report that may skip UNKNOWN_FRAMEWORK.)"""
    if link.framework not in listed:
        return Broken(Problem.NOT_LISTED, link.framework)
    unknown = check_framework(link.framework, available)
    if unknown is not None:
        return unknown
    if available[link.framework].find(link.item) is None:
        return Broken(Problem.NO_ITEM, link.framework, link.item)
    return None


def outside(period: tuple[int, int], framework: Framework) -> bool:
    """True when a plan's period shares no year with the framework's."""
    start, end = period
    return end < framework.period[0] or start > framework.period[1]
