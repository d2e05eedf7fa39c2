"""load -> score -> assess: the one entry point the CLI and the tests call.

Many plans are checked one after another with the frameworks, the glossary, the tokenizer's dictionary and
every framework index built once; `check_each` yields each plan's result (or what a caller makes of it) as
soon as its batch is ready, so a run over thousands of plans does not hold them all. Plans are checked in
small batches of consecutive files, whose objectives are scored together (one batch of array operations
instead of one per plan). With jobs > 1 the batches are spread over worker processes, and the results come
back in the order of the plans, equal to a single process's.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from align import bundled, links
from align.assess import Policy, assess
from align.errors import AlignError, InputError, WorkerDied, raise_collected
from align.loading import frameworks as framework_files
from align.loading import yamlfile
from align.loading.plans import load_plan
from align.model import Framework, FrameworkId, ObjectiveId, Plan, natural_key
from align.result import CheckResult
from align.scores import ObjectiveScores

if TYPE_CHECKING:  # the matcher (pythainlp, rapidfuzz, numpy) is imported when the first plan is checked
    from align.matching.index import Indexes
    from align.matching.scorer import Matcher

T = TypeVar("T")
PLAN_SUFFIXES = (".yaml", ".yml")


def run(plan_path: Path, framework_dirs: Sequence[Path] = (), policy: Policy | None = None,
        every_link: bool = False) -> CheckResult:
    """Check one plan against the frameworks it names; raises AlignError on bad input. With `every_link`, every
    objective's result lists every item graded (assess.assess)."""
    return run_many([plan_path], framework_dirs, policy, every_link=every_link)[0]


def run_many(
    plan_paths: Sequence[Path],
    framework_dirs: Sequence[Path] = (),
    policy: Policy | None = None,
    available: Mapping[FrameworkId, Framework] | None = None,
    every_link: bool = False,
) -> list[CheckResult]:
    """Check several plans; frameworks, glossary and indexes are loaded once for all of them.

    `available` is what load_frameworks(framework_dirs) returned, when the caller has loaded them already.
    """
    return list(check_each(plan_paths, framework_dirs, policy, available, each=_result, every_link=every_link))


def _result(result: CheckResult) -> CheckResult:
    return result


def check_each(
    plan_paths: Sequence[Path],
    framework_dirs: Sequence[Path] = (),
    policy: Policy | None = None,
    available: Mapping[FrameworkId, Framework] | None = None,
    *,
    each: Callable[[CheckResult], T],
    jobs: int = 1,
    every_link: bool = False,
) -> Iterator[T]:
    """Check plan files in order, yielding each(result) plan by plan (plan_files expands directories).

    Frameworks are loaded before this returns, so their errors come first. With jobs > 1, `each` runs in the
    worker that checked the plan and must be picklable (a module-level function or a functools.partial of
    one): send back what the caller needs rather than the whole result, which is large to pickle. The first
    plan that cannot be checked raises its AlignError when its turn comes, as in one process.
    """
    check = _Check(available if available is not None else load_frameworks(framework_dirs), policy or Policy(),
                   every_link)
    paths = list(plan_paths)
    if jobs <= 1 or len(paths) <= 1:
        return _in_turn(batches(paths, BATCH_PLANS), check, each)
    # Workers start from this process's state (fork): build everything they share first, once.
    indexes = shared_indexes()
    for framework in check.available.values():
        indexes(framework)
    # fork shares the built dictionary and indexes with the workers at no cost; elsewhere (macOS, Windows,
    # where fork is unsafe or absent) each worker builds its own when it checks its first plan.
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    workers = min(jobs, len(paths))
    # concurrent.futures, not multiprocessing.Pool: a worker killed by the OOM killer breaks the executor, which
    # says so at once (BrokenProcessPool); a Pool replaces the worker and waits for its lost task forever.
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(check, each))
    # A batch of a few plans per task: fewer round trips, and the plans still spread evenly over the workers.
    return _from_pool(pool, batches(paths, max(1, min(BATCH_PLANS, len(paths) // (8 * workers)))))


@dataclass(frozen=True, slots=True)
class _Check:
    """What checking a plan needs besides its file: the same for every plan of a run."""

    available: Mapping[FrameworkId, Framework]
    policy: Policy
    every_link: bool


BATCH_PLANS = 8
"""Most plans checked (and scored) together."""
BATCH_BYTES = 256 * 1024
"""Plan files of this size together (about 500 objectives) end a batch: large plans are checked one by one, so
that a batch holds little more in memory than one plan does."""


def batches(paths: list[Path], most: int) -> list[list[Path]]:
    """Consecutive plan files, at most `most` of them and about BATCH_BYTES per batch."""
    batches: list[list[Path]] = []
    size = 0
    for path in paths:
        if not batches or len(batches[-1]) >= most or size >= BATCH_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(path)
        size += _size(path)
    return batches


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # reading it will say what is wrong, in its turn
        return 0


def _in_turn(batches: list[list[Path]], check: _Check, each: Callable[[CheckResult], T]) -> Iterator[T]:
    for batch in batches:
        results, error = _check_batch(batch, check)
        yield from map(each, results)
        if error is not None:
            raise error


def _from_pool(pool: ProcessPoolExecutor, batches: list[list[Path]]) -> Iterator[T]:
    try:
        for outcomes, error in pool.map(_check_in_worker, batches):
            yield from outcomes
            if error is not None:
                raise error
    except BrokenProcessPool:
        raise WorkerDied("a worker process ended before its plans were checked (killed, or out of memory); "
                         "no report was written: run again, with fewer --jobs if memory is short") from None
    finally:
        # Unchecked plans are dropped at once; workers finish the batch they hold (they ignore Ctrl-C: the
        # parent alone says what happened).
        pool.shutdown(wait=False, cancel_futures=True)


_worker: dict[str, Any] = {}


def _start_worker(check: _Check, each: Callable[[CheckResult], T]) -> None:
    # Ctrl-C reaches the whole process group; the parent reports it, and a worker must not print a traceback.
    # SIGTERM ends a worker at once (the parent's handler, inherited through fork, would raise in it).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker.update(check=check, each=each)


def _check_in_worker(paths: list[Path]) -> tuple[list[Any], AlignError | None]:
    results, error = _check_batch(paths, _worker["check"])
    return list(map(_worker["each"], results)), error


def _check_batch(paths: list[Path], check: _Check) -> tuple[list[CheckResult], AlignError | None]:
    """The results of the plans in order, up to the first that cannot be read, and that plan's error (raised by
    the caller after the results before it, as when plans are checked one by one)."""
    plans: list[tuple[Path, Plan, tuple[Framework, ...]]] = []
    error = None
    for path in paths:
        try:
            plan = load_plan(path)
            plans.append((path, plan, frameworks_of(plan, check.available)))
        except AlignError as exc:
            error = exc
            break
    scores = score_together([(plan, frameworks) for _, plan, frameworks in plans])
    results = [assess(plan, frameworks, plan_scores, check.policy, bundled.display_path(path), check.every_link)
               for (path, plan, frameworks), plan_scores in zip(plans, scores, strict=True)]
    return results, error


def score_together(
    plans: Sequence[tuple[Plan, tuple[Framework, ...]]],
) -> list[Mapping[ObjectiveId, ObjectiveScores]]:
    """Each plan's scores against its frameworks, in order; plans that name the same frameworks share a matcher
    and their objectives are scored as one batch."""
    groups: dict[tuple[Framework, ...], list[int]] = {}
    for number, (_, frameworks) in enumerate(plans):
        groups.setdefault(frameworks, []).append(number)
    scores: list[Mapping[ObjectiveId, ObjectiveScores]] = [{} for _ in plans]
    for frameworks, members in groups.items():
        scored = _matcher(frameworks).score_plans([plans[n][0].objectives for n in members])
        for number, plan_scores in zip(members, scored, strict=True):
            scores[number] = plan_scores
    return scores


def plan_files(paths: Sequence[Path | str]) -> list[Path]:
    """The plan files to check, in the order given: a file as it is; `-` for standard input; a directory's
    .yaml/.yml files at any depth, in natural order, leaving out hidden files and folders (.pre-commit-config.yaml,
    .git/); a pattern the shell did not expand (quoted, or a Windows shell) as the files it matches."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path == yamlfile.STDIN:
            files.append(path)
        elif path.is_dir():
            files.extend(_folder(path))
        elif not path.exists() and any(char in str(given) for char in "*?["):
            matches = sorted(_glob(str(given)), key=lambda p: [natural_key(part) for part in p.parts])
            if not matches:
                raise InputError(path, "", "matches no plan file")
            files.extend(matches)
        else:
            files.append(path)
    return files


def _folder(path: Path) -> list[Path]:
    """A folder's plan files at any depth (.yaml/.yml in any case), hidden files and folders left out. A plan name
    that is not a readable regular file (a dangling link, a pipe) is listed, so that reading it says what is
    wrong, rather than being skipped in silence; a folder that cannot be searched is an input error."""
    try:
        found = sorted((p for p in path.rglob("*") if p.suffix.lower() in PLAN_SUFFIXES and not _hidden(p, path)
                        and not p.is_dir()), key=lambda p: [natural_key(part) for part in p.parts])
    except OSError as exc:
        raise InputError(path, "", f"cannot be searched: {exc.strerror or exc}") from None
    if not found:
        raise InputError(path, "", "is a directory with no plan files (*.yaml, *.yml) in it")
    return found


def _hidden(path: Path, top: Path) -> bool:
    """A file or folder beneath `top` whose name starts with a dot."""
    return any(part.startswith(".") for part in path.relative_to(top).parts)


def _glob(pattern: str) -> list[Path]:
    """The plan files a pattern matches, relative or absolute, `**` for any depth; hidden ones left out."""
    anchor = Path(pattern).anchor
    root = Path(anchor) if anchor else Path()
    relative = pattern[len(anchor):] if anchor else pattern
    return [p for p in root.glob(relative) if p.is_file() and p.suffix in PLAN_SUFFIXES and not _hidden(p, root)]


def default_jobs() -> int:
    """What --jobs 0 means: one worker per CPU this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def load_frameworks(framework_dirs: Sequence[Path] = ()) -> dict[FrameworkId, Framework]:
    """The bundled frameworks, then those in the given directories (which replace bundled ones of one id)."""
    return framework_files.load_frameworks([bundled.frameworks_dir(), *framework_dirs])


def frameworks_of(plan: Plan, available: Mapping[FrameworkId, Framework]) -> tuple[Framework, ...]:
    """The frameworks the plan names, in its order; an unknown one is an input error."""
    missing = []
    for fw_id, line in zip(plan.frameworks, plan.framework_lines or (None,) * len(plan.frameworks), strict=False):
        unknown = links.check_framework(fw_id, available)
        if unknown is not None:
            missing.append(InputError(plan.path or "plan", "plan.frameworks", unknown.describe(), line))
    raise_collected(missing)
    return tuple(available[fw_id] for fw_id in plan.frameworks)


@cache
def shared_indexes() -> Indexes:
    # Building the tokenizer's dictionary is the expensive step (~0.2-0.5 s): once per process.
    from align.matching import glossary
    from align.matching.features import Analyzer
    from align.matching.index import Indexes

    return Indexes(Analyzer(glossary.load()))


@cache
def _matcher(frameworks: tuple[Framework, ...]) -> Matcher:
    from align.matching.scorer import Matcher

    return Matcher(frameworks, shared_indexes())
