"""load -> score -> assess: the one entry point the CLI and the tests call."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from align import bundled, glossary, loader
from align.assess import Policy, assess
from align.errors import InputError, raise_collected
from align.model import Framework, FrameworkId, Plan
from align.result import CheckResult
from align.score import Analyzer, Matcher


def run(plan_path: Path, framework_dirs: Sequence[Path] = (), policy: Policy | None = None) -> CheckResult:
    """Check one plan against the frameworks it names; raises AlignError on bad input."""
    return run_many([plan_path], framework_dirs, policy)[0]


def run_many(
    plan_paths: Sequence[Path],
    framework_dirs: Sequence[Path] = (),
    policy: Policy | None = None,
    available: Mapping[FrameworkId, Framework] | None = None,
) -> list[CheckResult]:
    """Check several plans; frameworks, glossary and indexes are loaded once for all of them.

    `available` is what load_frameworks(framework_dirs) returned, when the caller has loaded them already.
    """
    policy = policy or Policy()
    if available is None:
        available = load_frameworks(framework_dirs)
    results = []
    for path in plan_paths:
        plan = loader.load_plan(path)
        frameworks = frameworks_of(plan, available)
        matcher = _matcher(frameworks)
        scores = matcher.score_all(plan.objectives)
        results.append(assess(plan, frameworks, scores, policy, bundled.display_path(path)))
    return results


def load_frameworks(framework_dirs: Sequence[Path] = ()) -> dict[FrameworkId, Framework]:
    """The bundled frameworks, then those in the given directories (which replace bundled ones of one id)."""
    return loader.load_frameworks([bundled.frameworks_dir(), *framework_dirs])


def frameworks_of(plan: Plan, available: Mapping[FrameworkId, Framework]) -> tuple[Framework, ...]:
    """The frameworks the plan names, in its order; an unknown one is an input error."""
    missing = []
    for fw_id, line in zip(plan.frameworks, plan.framework_lines or (None,) * len(plan.frameworks), strict=False):
        if fw_id not in available:
            known = ", ".join(sorted(available))
            missing.append(InputError(plan.path or "plan", "plan.frameworks",
                                      f"names unknown framework '{fw_id}' (available: {known})", line))
    raise_collected(missing)
    return tuple(available[fw_id] for fw_id in plan.frameworks)


@cache
def _analyzer() -> Analyzer:
    # Building the tokenizer's dictionary is the expensive step (~0.5-1 s): once per process.
    return Analyzer(glossary.load())


@cache
def _matcher(frameworks: tuple[Framework, ...]) -> Matcher:
    return Matcher(frameworks, _analyzer())
