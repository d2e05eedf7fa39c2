"""The waivers file (align-waivers.yaml): findings a team has accepted, each with a reason, checked strictly.

    waivers:
      - objective: "3.2"              # required (except for a gap): the objective's id, quoted
        target: dg-2566-2570:4        # optional: only findings about this link
        kind: unaligned               # optional: only findings of this kind
        reason: covered by the Bangkok 20-year plan, dimension 7   # required
        expires: 2027-09-30           # optional: the last day it holds
        plan: bma-digital             # optional: only this plan (when one repository holds several)

A gap concerns a strategy, not an objective: its waiver gives `kind: gap` and the strategy as `target`.
Every problem is an InputError `file:line: waivers[i] (objective X): what`, all of a file at once.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from difflib import get_close_matches
from pathlib import Path

from align import bundled, calendar
from align.errors import InputError, raise_collected
from align.kinds import WAIVABLE, FindingKind
from align.loading import yamlfile
from align.loading.yamlfile import Located
from align.model import ItemRef, ObjectiveId
from align.result import Waiver

DEFAULT_FILE = "align-waivers.yaml"
"""Read from the working directory when present and no other file is given."""
KEYS = ("objective", "target", "kind", "reason", "expires", "plan")


def load(path: Path) -> tuple[Waiver, ...]:
    """Read and check a waivers file; raises InputError or InputErrors."""
    shown = Path(bundled.display_path(path))
    try:
        root = yamlfile.read(path)
    except yamlfile.YamlProblem as exc:
        raise InputError(shown, "", exc.problem, exc.line) from None
    errors: list[InputError] = []
    entries = _entries(root, shown, errors)
    waivers = []
    for index, entry in enumerate(entries):
        waiver = _waiver(entry, f"waivers[{index}]", shown, errors)
        if waiver is not None:
            waivers.append(waiver)
    raise_collected(errors)
    return tuple(waivers)


def _entries(root: Located, path: Path, errors: list[InputError]) -> list[Located]:
    if not isinstance(root.value, dict) or "waivers" not in root.value:
        errors.append(InputError(path, "top level", "must be a mapping with one key, 'waivers': a list of waivers",
                                 root.line))
        return []
    for key, value in root.value.items():
        if key != "waivers":
            errors.append(InputError(path, "top level", f"unknown key '{key}'; the only key is 'waivers'", value.line))
    node = root.value["waivers"]
    if node.value is None:
        return []
    if not isinstance(node.value, list):
        errors.append(InputError(path, "waivers", "must be a list of waivers", node.line))
        return []
    return list(node.value)


class _Entry:
    """One waiver's fields, checked one by one; problems collect in the shared list."""

    def __init__(self, fields: dict[str, Located], where: str, path: Path, errors: list[InputError]) -> None:
        self.fields, self.where, self.path, self.errors = fields, where, path, errors

    def problem(self, what: str, line: int) -> None:
        self.errors.append(InputError(self.path, self.where, what, line))

    def text(self, key: str) -> str | None:
        node = self.fields.get(key)
        if node is None:
            return None
        if isinstance(node.value, int | float) and not isinstance(node.value, bool):
            # YAML reads an unquoted 3.10 as the number 3.1: ids must be quoted to survive.
            self.problem(f"{key} must be text, found the number {node.value!r}: quote it, e.g. \"{node.value}\"",
                         node.line)
            return None
        if not isinstance(node.value, str) or not node.value.strip():
            self.problem(f"{key} must be non-empty text", node.line)
            return None
        return node.value.strip()


def _waiver(node: Located, where: str, path: Path, errors: list[InputError]) -> Waiver | None:
    before = len(errors)
    if not isinstance(node.value, dict):
        errors.append(InputError(path, where, "must be a mapping with objective, reason and optional target, kind, "
                                 "expires, plan", node.line))
        return None
    entry = _Entry(node.value, where, path, errors)
    objective = entry.text("objective")
    if objective is not None:
        entry.where = f"{where} (objective {objective})"
    for key, value in entry.fields.items():
        if key not in KEYS:
            hint = get_close_matches(key, KEYS, n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            entry.problem(f"unknown key '{key}'{suggestion}; allowed: {', '.join(KEYS)}", value.line)
    reason = entry.text("reason")
    if "reason" not in entry.fields:
        entry.problem("missing required key 'reason': say why the finding is accepted", node.line)
    target = _target(entry)
    kind = _kind(entry)
    if kind is FindingKind.GAP:
        if "objective" in entry.fields:
            entry.problem("a gap concerns a strategy, not an objective: drop 'objective' and name the strategy "
                          "in 'target'", entry.fields["objective"].line)
        if "target" not in entry.fields:
            entry.problem("a waiver of a gap names the strategy in 'target', e.g. target: dg-2566-2570:4", node.line)
    elif "objective" not in entry.fields:
        entry.problem("missing required key 'objective' (only a waiver of a gap names none)", node.line)
    expires = _expires(entry)
    plan = entry.text("plan")
    if len(errors) > before or reason is None:
        return None
    return Waiver(ObjectiveId(objective) if objective is not None else None, reason, target, kind, expires, plan,
                  path, node.line)


def _target(entry: _Entry) -> ItemRef | None:
    text = entry.text("target")
    if text is None:
        return None
    try:
        return ItemRef.parse(text)
    except ValueError as exc:
        entry.problem(f"target: {exc}", entry.fields["target"].line)
        return None


def _kind(entry: _Entry) -> FindingKind | None:
    text = entry.text("kind")
    if text is None:
        return None
    allowed = ", ".join(sorted(k.value for k in WAIVABLE))
    line = entry.fields["kind"].line
    try:
        kind = FindingKind(text)
    except ValueError:
        hint = get_close_matches(text, [k.value for k in FindingKind], n=1)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        entry.problem(f"kind '{text}' is not a finding kind{suggestion}; waivable kinds: {allowed}", line)
        return None
    if kind is FindingKind.BROKEN_LINK:
        entry.problem("a broken link is an error in the plan, not a finding to accept: fix the link", line)
        return None
    if kind not in WAIVABLE:
        entry.problem(f"kind '{text}' cannot be waived; waivable kinds: {allowed}", line)
        return None
    return kind


def _expires(entry: _Entry) -> date | None:
    node = entry.fields.get("expires")
    if node is None:
        return None
    value = node.value
    if isinstance(value, datetime):  # before date: a datetime is a date too
        entry.problem(f"expires must be a day, written YYYY-MM-DD, without a time; found {node.raw or value}",
                      node.line)
        return None
    day: date | None = value if isinstance(value, date) else None
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            hint = " (no such day)" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()) else ""
            entry.problem(f"expires must be a date written YYYY-MM-DD, e.g. 2027-09-30; found {value!r}{hint}",
                          node.line)
            return None
    if day is None:
        entry.problem(f"expires must be a date written YYYY-MM-DD, e.g. 2027-09-30; found {value!r}", node.line)
        return None
    # 2999-12-31 is a common "no end"; a year such as 2570 is this decade in B.E., written by a Thai hand.
    if calendar.is_be(day.year) and calendar.to_ce(day.year) <= date.today().year + 100:
        entry.problem(f"expires {day.isoformat()} looks like a Buddhist Era year; write the Gregorian year "
                      f"({calendar.to_ce(day.year)})", node.line)
        return None
    return day
