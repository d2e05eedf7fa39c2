"""Check plan and framework files against the schema and against each other, reporting every problem of every file.

Beyond what loading a file checks (unknown keys, types, duplicate ids, ...), a plan must name frameworks that
exist and link only to items they have; a plan whose period lies outside the period of a framework it names
gets a warning (as `align check` reports it). Frameworks come from the bundled set and the extra directories,
and framework files being validated replace those of the same id, as `align check --frameworks` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from align import bundled, links
from align.errors import InputError
from align.loading.frameworks import (
    collect_framework,
    collect_frameworks,
    duplicate_framework,
    resolve_links,
    yaml_files,
)
from align.loading.plans import collect_plan
from align.loading.schema import read_yaml
from align.loading.yamlfile import Located
from align.model import Framework, FrameworkId, Plan


class Level(StrEnum):
    """How serious a problem is; the value is the prefix of its line."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem, rendered as `file:line: where: what` by its error."""

    level: Level
    error: InputError


@dataclass(frozen=True, slots=True)
class Validation:
    """What `validate` found: the files read and their problems, in file order, then line order."""

    files: tuple[Path, ...]
    problems: tuple[Problem, ...]

    @property
    def valid(self) -> bool:
        """No errors (warnings allowed)."""
        return not any(p.level is Level.ERROR for p in self.problems)

    def count(self, level: Level) -> int:
        """How many problems of this level."""
        return sum(1 for p in self.problems if p.level is level)


def bundled_files() -> list[Path]:
    """Every bundled framework and plan file: what `align validate` checks when given none."""
    return _expand([bundled.frameworks_dir(), bundled.plans_dir()], [])


def validate(paths: Sequence[Path] = (), framework_dirs: Sequence[Path] = ()) -> Validation:
    """Validate the files (directories: their YAML files; none: every bundled file). Never raises InputError."""
    found: list[Problem] = []
    targets = _expand(paths, found) if paths else bundled_files()
    plans: list[tuple[Plan, Located]] = []
    own: dict[FrameworkId, Framework] = {}
    broken: set[FrameworkId] = set()
    """Frameworks being validated that have problems: they exist, but links into them are not checked."""
    for path in targets:
        try:
            root = read_yaml(path)
            if _kind(path, root) == "plan":
                plan, errors = collect_plan(path, root)
                plans.append((plan, root))
            else:
                framework, errors = collect_framework(path, root)
                if framework.id and framework.id in own:
                    errors.append(duplicate_framework(path, root, own[framework.id].path or path))
                elif framework.id:
                    own[framework.id] = framework
                    if errors:
                        broken.add(framework.id)
            found.extend(Problem(Level.ERROR, e) for e in errors)
        except InputError as exc:
            found.append(Problem(Level.ERROR, exc))
    available = _reference_frameworks(framework_dirs, targets, found)
    available.update(own)
    found.extend(Problem(Level.ERROR, e) for e in resolve_links(
        (fw for fw in own.values() if fw.id not in broken), available))
    for plan, root in plans:
        found.extend(_cross_check(plan, root, available, broken))
    order = {path.resolve(): index for index, path in enumerate(targets)}
    found.sort(key=lambda p: (order.get(p.error.path.resolve(), len(order)), p.error.line or 0))
    shown = tuple(Problem(p.level, _shown(p.error)) for p in found)
    return Validation(tuple(Path(bundled.display_path(path)) for path in targets), shown)


def _expand(paths: Iterable[Path], found: list[Problem]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            try:
                listed = yaml_files(path)
            except InputError as exc:
                found.append(Problem(Level.ERROR, exc))
                continue
            if not listed:  # validating nothing must not read as valid
                found.append(Problem(Level.ERROR, InputError(path, "", "is a directory with no .yaml or .yml files")))
            files.extend(listed)
        else:
            files.append(path)  # a missing or unreadable file is reported when it is read
    return files


def _kind(path: Path, root: Located) -> str:
    keys = set(root.value) if isinstance(root.value, dict) else set()
    if keys & {"plan", "objectives"}:
        return "plan"
    if keys & {"framework", "items"}:
        return "framework"
    if not isinstance(root.value, dict):
        raise InputError(path, "top level", "must be a mapping with the key 'plan' or 'framework'", root.line)
    raise InputError(path, "top level", "is neither a plan (key 'plan') nor a framework (key 'framework')", root.line)


def _reference_frameworks(
    framework_dirs: Sequence[Path], targets: Sequence[Path], found: list[Problem]
) -> dict[FrameworkId, Framework]:
    """The bundled and extra frameworks; problems of files that are not being validated are reported too."""
    frameworks, errors = collect_frameworks([bundled.frameworks_dir(), *framework_dirs])
    validated = {path.resolve() for path in targets}
    found.extend(Problem(Level.ERROR, e) for e in errors if e.path.resolve() not in validated)
    return frameworks


def _cross_check(
    plan: Plan, root: Located, available: dict[FrameworkId, Framework], broken: set[FrameworkId]
) -> list[Problem]:
    path = plan.path or Path("plan")
    problems = []
    lines = plan.framework_lines or (None,) * len(plan.frameworks)
    for fw_id, line in zip(plan.frameworks, lines, strict=True):
        unknown = links.check_framework(fw_id, available)
        if unknown is not None:
            problems.append(Problem(Level.ERROR, InputError(path, "plan.frameworks", unknown.describe(), line)))
    for objective in plan.objectives:
        link_lines = objective.aligns_with_lines or (objective.line,) * len(objective.aligns_with)
        for link, line in zip(objective.aligns_with, link_lines, strict=True):
            found = links.check_link(link, plan.frameworks, available)
            if found is None or found.problem is links.Problem.UNKNOWN_FRAMEWORK or (
                    found.problem is links.Problem.NO_ITEM and link.framework in broken):
                continue  # reported once: at plan.frameworks, or in the framework's own file
            problems.append(Problem(Level.ERROR, InputError(path, f"objective {objective.id}",
                                                            f"aligns_with '{link}' {found.describe()}", line)))
    start, end = plan.period
    if not start:
        return problems  # the period itself is wrong, and reported
    period_line = root.value["plan"].value["period"].line
    for fw_id in plan.frameworks:
        framework = available.get(fw_id)
        if framework is not None and links.outside(plan.period, framework):
            first, last = framework.period
            problems.append(Problem(Level.WARNING, InputError(
                path, "plan.period", f"{start}-{end} lies outside {fw_id}'s period {first}-{last}", period_line)))
    return problems


def _shown(error: InputError) -> InputError:
    """The error with its file as reports show it (bundled files by their repository path)."""
    shown = bundled.display_path(error.path)
    if shown == str(error.path):
        return error
    return InputError(shown, error.where, error.problem, error.line)
