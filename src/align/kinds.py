"""Every kind of finding in one table: its severity, whether a waiver can accept it, a line of help, its names and
its messages in English and Thai.

Adding a kind is one row here (and the code that finds it). A finding carries its kind, a message variant and
the values the templates name; `message()` renders it in either language, so English and Thai never drift.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class FindingKind(StrEnum):
    """What a finding is about; the values are the CLI and JSON spelling."""

    UNALIGNED = "unaligned"
    WEAK_LINK = "weak-link"
    UNSUPPORTED_LINK = "unsupported-link"
    UNDECLARED_LINK = "undeclared-link"
    GAP = "gap"
    BROKEN_LINK = "broken-link"
    PERIOD_MISMATCH = "period-mismatch"
    LOW_COVERAGE = "low-coverage"
    EXPIRED_WAIVER = "expired-waiver"
    STALE_WAIVER = "stale-waiver"


class Severity(StrEnum):
    """How serious a finding is, independent of whether the policy fails on it."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Kind:
    """One row of the table."""

    severity: Severity
    waivable: bool
    """A waiver can accept it. A broken link is an error in the file (fix it); coverage has its own minimum; a
    period mismatch concerns the plan, not an objective; waivers are not waived."""
    help: str
    """One line: SARIF rule descriptions and the kinds table of docs/ci.md."""
    name: tuple[str, str]
    """How people read the kind, in English and Thai (its JSON spelling is the FindingKind value)."""
    messages: Mapping[str, tuple[str, str]]
    """Message variant ("" for the usual one) -> English and Thai templates (str.format names)."""


KINDS: Mapping[FindingKind, Kind] = {
    FindingKind.UNALIGNED: Kind(
        Severity.ERROR, True,
        "An objective with no link at or above the weak threshold to any strategy.",
        ("unaligned", "ไม่สอดคล้องกับยุทธศาสตร์ใด"),
        {"": ("serves no strategy of {frameworks} (no link at or above weak)",
              "ไม่สอดคล้องกับยุทธศาสตร์ใดของ {frameworks} (ไม่มีความเชื่อมโยงใดถึงระดับสอดคล้องน้อย)")}),
    FindingKind.WEAK_LINK: Kind(
        Severity.WARNING, True,
        "A declared link with only weak textual support, or an objective whose best link is weak.",
        ("weak link", "ความสอดคล้องน้อย"),
        {"": ("its best link, {target} (score {score}), is only weak",
              "ความเชื่อมโยงที่ดีที่สุดคือ {target} (คะแนน {score}) ซึ่งยังสอดคล้องน้อย"),
         "via": ("its best link, {target} through its measure {via} (score {score}), is only weak",
                 "ความเชื่อมโยงที่ดีที่สุดคือ {target} ผ่านมาตรการ {via} (คะแนน {score}) ซึ่งยังสอดคล้องน้อย"),
         "declared": ("declares {target}, with only weak support (score {score})",
                      "แผนระบุว่าสอดคล้องกับ {target} แต่ข้อความสนับสนุนเพียงเล็กน้อย (คะแนน {score})"),
         "declared.via": ("declares {target}, with only weak support (score {score}, through its measure {via})",
                          "แผนระบุว่าสอดคล้องกับ {target} แต่ข้อความสนับสนุนเพียงเล็กน้อย (คะแนน {score} "
                          "ผ่านมาตรการ {via})")}),
    FindingKind.UNSUPPORTED_LINK: Kind(
        Severity.WARNING, True,
        "A declared link (aligns_with) with no textual support at all.",
        ("unsupported link", "ระบุไว้แต่ข้อความไม่สนับสนุน"),
        {"": ("declares {target}, but its text does not support it (score {score})",
              "แผนระบุว่าสอดคล้องกับ {target} แต่ข้อความไม่สนับสนุน (คะแนน {score})"),
         "measure": ("declares {target}, but its text does not support that measure (score {score}); it matches "
                     "{strategy} through {carrier} (score {carrier_score})",
                     "แผนระบุว่าสอดคล้องกับ {target} แต่ข้อความไม่สนับสนุนมาตรการนี้ (คะแนน {score}) "
                     "ข้อความสอดคล้องกับ {strategy} ผ่าน {carrier} (คะแนน {carrier_score})")}),
    FindingKind.UNDECLARED_LINK: Kind(
        Severity.NOTE, True,
        "A strong suggested link the plan does not declare (a hint).",
        ("undeclared link", "สอดคล้องแต่แผนไม่ได้ระบุ"),
        {"": ("strongly matches {target} (score {score}), which it does not declare",
              "สอดคล้องชัดเจนกับ {target} (คะแนน {score}) แต่แผนไม่ได้ระบุไว้"),
         "via": ("strongly matches {target} through its measure {via} (score {score}), which it does not declare",
                 "สอดคล้องชัดเจนกับ {target} ผ่านมาตรการ {via} (คะแนน {score}) แต่แผนไม่ได้ระบุไว้")}),
    FindingKind.GAP: Kind(
        Severity.WARNING, True,
        "A framework strategy that no objective covers.",
        ("gap", "ช่องว่าง"),
        {"": ("no objective serves {target} {title}", "ยังไม่มีวัตถุประสงค์ใดรองรับ {target} {title}")}),
    FindingKind.BROKEN_LINK: Kind(
        Severity.ERROR, False,
        "A declared link to a framework or item that does not exist.",
        ("broken link", "อ้างถึงรายการที่ไม่มีอยู่"),
        {"": ("aligns_with '{target}' {problem}",
              "ระบุความสอดคล้องกับ {target} ซึ่งไม่มีอยู่ในแผนระดับชาติที่ใช้ตรวจ")}),
    FindingKind.PERIOD_MISMATCH: Kind(
        Severity.WARNING, False,
        "The plan's period lies outside the framework edition's period.",
        ("period mismatch", "ระยะเวลาไม่ตรงกัน"),
        {"": ("plan period {period} lies outside {framework}'s period {framework_period}",
              "ระยะเวลาของแผน ({period_be}) ไม่ตรงกับช่วงเวลาของแผนระดับชาติ {framework} ({framework_period_be})")}),
    FindingKind.LOW_COVERAGE: Kind(
        Severity.ERROR, False,
        "A framework's coverage is below the minimum the policy sets (min-coverage).",
        ("low coverage", "ความครอบคลุมต่ำกว่าเกณฑ์"),
        {"": ("coverage of {framework} is {strong} of {total} strategies strongly served ({ratio}); the minimum "
              "{minimum} needs {needed}",
              "ความครอบคลุมของ {framework} ต่ำกว่าเกณฑ์ขั้นต่ำ: รองรับชัดเจน {strong} จาก {total} ยุทธศาสตร์ ({ratio})")}),
    FindingKind.EXPIRED_WAIVER: Kind(
        Severity.WARNING, False,
        "A waiver past its expiry date; it no longer waives anything.",
        ("expired waiver", "การยกเว้นหมดอายุ"),
        {"": ("the waiver of {waiver} expired on {expires}; it no longer waives {findings}: fix {them} or renew the "
              "waiver",
              "การยกเว้นของ {subject} หมดอายุแล้ว ให้แก้ไขข้อสังเกตที่เกี่ยวข้องหรือต่ออายุการยกเว้น"),
         "unused": ("the waiver of {waiver} expired on {expires}; it matches nothing any more: remove it",
                    "การยกเว้นของ {subject} หมดอายุแล้ว และไม่ตรงกับข้อสังเกตใดแล้ว ให้ลบออก")}),
    FindingKind.STALE_WAIVER: Kind(
        Severity.WARNING, False,
        "A waiver that matches no finding any more.",
        ("stale waiver", "การยกเว้นที่ไม่ใช้แล้ว"),
        {"": ("the waiver of {waiver} is stale: it matches no finding; remove it",
              "การยกเว้นของ {subject} ไม่ตรงกับข้อสังเกตใดแล้ว ให้ลบออก"),
         "no-objective": ("the waiver of {waiver} is stale: plan {plan} has no objective {objective}; remove it",
                          "การยกเว้นของ {subject} ไม่ตรงกับข้อสังเกตใดแล้ว (แผน {plan} ไม่มีวัตถุประสงค์ {objective}) "
                          "ให้ลบออก")}),
}

WAIVABLE = frozenset(kind for kind, row in KINDS.items() if row.waivable)
"""Kinds a waiver can accept."""


def message(kind: FindingKind, variant: str, values: Mapping[str, str], thai: bool = False) -> str:
    """A finding's message from its kind's template, in English or Thai."""
    return KINDS[kind].messages[variant][thai].format_map(values)


def placeholders(template: str) -> set[str]:
    """The names a template expects."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
