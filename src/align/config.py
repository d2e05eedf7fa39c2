"""Settings for `align check`: [tool.align] in pyproject.toml or the same keys in align.toml, and the command line.

The file is found from the working directory upward (stopping at the repository root); the command line wins
over it. Keys are the long option names. Every mistake, in the file or on the command line, is an InputError
`file:line: where: what`; an unknown key is one, so a typo never silently drops a rule.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from align import waivers
from align.assess import DEFAULT_FAIL_ON, Policy
from align.configfile import ConfigFile, Origin, find, shown
from align.kinds import FindingKind
from align.model import FRAMEWORK_ID_PATTERN, FrameworkId
from align.report import Format

COMMAND_LINE = "command line"
"""The `file` part of messages about options."""


@dataclass(frozen=True, slots=True)
class Options:
    """What the command line gave; None where an option was not given."""

    fail_on: Sequence[str] | None = None
    min_coverage: Sequence[str] | None = None
    frameworks: Sequence[Path] | None = None
    waivers: Path | None = None
    format: Format | None = None
    reports: Sequence[str] = ()
    config: Path | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """The resolved settings of one run."""

    fail_on: frozenset[FindingKind] = DEFAULT_FAIL_ON
    min_coverage: Mapping[FrameworkId, float] = field(default_factory=dict)
    frameworks: tuple[Path, ...] = ()
    waivers: Path | None = None
    format: Format = Format.TABLE
    reports: tuple[tuple[Format, Path], ...] = ()
    """Extra reports, each written to its file once the check has run (--report FORMAT=FILE)."""
    config: Path | None = None
    """The configuration file read, if any."""
    origins: Mapping[FrameworkId, Origin] = field(default_factory=dict)
    """Where each min-coverage entry was set."""

    def check_frameworks(self, known: Iterable[str]) -> None:
        """Refuse a min-coverage for a framework align does not know (a typo would silently gate nothing)."""
        known = sorted(known)
        for fw_id in self.min_coverage:
            if fw_id not in known:
                hint = get_close_matches(fw_id, known, n=1)
                suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
                raise self.origins[fw_id].error(
                    f"names unknown framework '{fw_id}'{suggestion}; known: {', '.join(known)}")

    def policy(self, today: date) -> Policy:
        """The Policy these settings describe, with the waivers file read."""
        accepted = waivers.load(self.waivers) if self.waivers is not None else ()
        return Policy(fail_on=self.fail_on, min_coverage=dict(self.min_coverage), waivers=accepted, today=today)


def resolve(options: Options, cwd: Path) -> Settings:
    """Settings from the configuration file (given, or found from `cwd` upward) overridden by the command line."""
    path = options.config if options.config is not None else find(cwd)
    file = ConfigFile.read(path, explicit=options.config is not None) if path is not None else None
    values = file.values if file else {}

    fail_on = DEFAULT_FAIL_ON
    if options.fail_on is not None:
        fail_on = parse_kinds(options.fail_on, Origin(COMMAND_LINE, "--fail-on"))
    elif file and "fail-on" in values:
        raw = values["fail-on"]
        if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
            raise file.origin("fail-on").error(f'must be a list of finding kinds, e.g. ["unaligned"]; found {raw!r}')
        fail_on = parse_kinds(raw, file.origin("fail-on"), split=False)

    min_coverage: dict[FrameworkId, float] = {}
    origins: dict[FrameworkId, Origin] = {}
    if file and "min-coverage" in values:
        raw = values["min-coverage"]
        if not isinstance(raw, dict):
            raise file.origin("min-coverage").error(f'must be a table, e.g. {{"dg-2566-2570" = 0.5}}; found {raw!r}')
        for fw_id, ratio in raw.items():
            origin = file.origin("min-coverage", fw_id)
            if isinstance(ratio, str):  # "50%", as on the command line (docs/ci.md: 0.5 or 50%)
                min_coverage[_framework_id(fw_id, origin)] = _percentage(ratio, origin)
            else:
                min_coverage[_framework_id(fw_id, origin)] = _ratio(ratio, origin)
            origins[FrameworkId(fw_id)] = origin
    for text in options.min_coverage or ():
        origin = Origin(COMMAND_LINE, "--min-coverage")
        fw_id, ratio = parse_min_coverage(text, origin)
        min_coverage[fw_id] = ratio
        origins[fw_id] = origin

    frameworks: tuple[Path, ...] = ()
    if options.frameworks is not None:
        frameworks = tuple(options.frameworks)
    elif file and "frameworks" in values:
        raw = values["frameworks"]
        entries = [raw] if isinstance(raw, str) else raw
        if not isinstance(entries, list) or not all(isinstance(v, str) and v for v in entries):
            raise file.origin("frameworks").error(f'must be a list of directories, e.g. ["frameworks"]; found {raw!r}')
        frameworks = tuple(file.relative(v) for v in entries)

    waivers_path = _waivers(options, file, cwd)

    fmt = Format.TABLE
    if options.format is not None:
        fmt = options.format
    elif file and "format" in values:
        fmt = _format(values["format"], file.origin("format"))

    reports = tuple(parse_report(text, Origin(COMMAND_LINE, "--report")) for text in options.reports)
    return Settings(fail_on, min_coverage, frameworks, waivers_path, fmt, reports, path, origins)


def parse_kinds(values: Iterable[str], origin: Origin, *, split: bool = True) -> frozenset[FindingKind]:
    """Finding kinds from `--fail-on a,b` (repeatable) or a list in the file; `none` alone means none."""
    names = [part.strip() for value in values for part in (value.split(",") if split else [value])]
    if names == ["none"]:
        return frozenset()
    kinds = set()
    known = [k.value for k in FindingKind]
    for name in names:
        try:
            kinds.add(FindingKind(name))
        except ValueError:
            hint = get_close_matches(name, known, n=1)
            suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
            shown = f"'{name}'" if name else "an empty name"
            raise origin.error(f"{shown} is not a finding kind{suggestion}; kinds: {', '.join(known)}, "
                               "or none") from None
    return frozenset(kinds)


def parse_min_coverage(text: str, origin: Origin) -> tuple[FrameworkId, float]:
    """`FRAMEWORK=RATIO` from the command line; RATIO is 0..1 or a percentage (`0.5`, `50%`)."""
    fw_id, sep, value = text.partition("=")
    if not sep:
        raise origin.error(f"'{text}' must be FRAMEWORK=RATIO, e.g. dg-2566-2570=0.5")
    value = value.strip()
    try:
        ratio = float(value[:-1]) / 100 if value.endswith("%") else float(value)
    except ValueError:
        raise origin.error(f"'{text}': the ratio '{value}' is not a number (write 0.5 or 50%)") from None
    return _framework_id(fw_id.strip(), origin), _ratio(ratio, origin, text)


def _percentage(text: str, origin: Origin) -> float:
    """A ratio written as text in the file: "50%" (or "0.5")."""
    value = text.strip()
    try:
        ratio = float(value[:-1]) / 100 if value.endswith("%") else float(value)
    except ValueError:
        raise origin.error(f"the ratio {text!r} is not a number (write 0.5 or \"50%\")") from None
    return _ratio(ratio, origin, text)


def parse_report(text: str, origin: Origin) -> tuple[Format, Path]:
    """`FORMAT=FILE` from --report."""
    name, sep, file = text.partition("=")
    if not sep or not file:
        raise origin.error(f"'{text}' must be FORMAT=FILE, e.g. sarif=align.sarif")
    return _format(name.strip(), origin), Path(file)


def _framework_id(text: str, origin: Origin) -> FrameworkId:
    if not FRAMEWORK_ID_PATTERN.fullmatch(text):
        raise origin.error(f"'{text}' is not a framework id (lowercase letters, digits, dashes, e.g. dg-2566-2570)")
    return FrameworkId(text)


def _ratio(value: Any, origin: Origin, text: str | None = None) -> float:
    shown = f"'{text}': the ratio" if text else "the ratio"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise origin.error(f"{shown} must be a number from 0 to 1, found {value!r}")
    if not (math.isfinite(value) and 0 <= value <= 1):
        raise origin.error(f"{shown} {value:g} is outside 0..1 (0.5 means half the strategies)")
    return float(value)


def _format(value: Any, origin: Origin) -> Format:
    names = [f.value for f in Format]
    if not isinstance(value, str) or value not in names:
        raise origin.error(f"{value!r} is not a format; formats: {', '.join(names)}")
    return Format(value)


def _waivers(options: Options, file: ConfigFile | None, cwd: Path) -> Path | None:
    if options.waivers is not None:
        path, origin = options.waivers, Origin(COMMAND_LINE, "--waivers")
    elif file and "waivers" in file.values:
        raw = file.values["waivers"]
        origin = file.origin("waivers")
        if not isinstance(raw, str) or not raw:
            raise origin.error(f'must be the path of a waivers file, e.g. "align-waivers.yaml"; found {raw!r}')
        path = file.relative(raw)
    else:
        default = cwd / waivers.DEFAULT_FILE
        return default if default.is_file() else None
    if not path.is_file():
        raise origin.error(f"names {shown(path)}, which is not a file")
    return path
