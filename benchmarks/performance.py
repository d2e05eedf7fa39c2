"""Speed and memory of `align check`, each figure next to a floor measured in the same run.

    python benchmarks/performance.py                  # every scenario, 3 runs each, medians
    python benchmarks/performance.py --quick          # bundled plan, 1,000 and 10,000 objectives, 1 run each
    python benchmarks/performance.py --repeat 5 --scales 1000,10000

Every figure is the wall time and peak memory of a fresh process running `python -m align check`, as a user
would, with its report written to a pipe. Next to it, the floor: a fresh process that starts Python, imports
pythainlp, builds pythainlp's dictionary and tokenises the same texts once (the objectives' and the
frameworks' wording), which is the least any Thai word matcher built on pythainlp must do. Figures are read
as ratios to that floor, so they mean the same on a fast laptop and on a loaded 2-core CI runner.

Scenarios (issue 8):
  bundled      the bundled Bangkok plan, default command              target: within 1.5x the floor
  N objectives synthetic plans of 1,000 / 10,000 / 100,000 objectives   target at 10,000: within 2x the floor
               against all bundled frameworks; the fitted slope      and under 500 MB; time linear in N
  1,000 plans  a directory of 1,000 plans x 50 objectives, --jobs 2  target: within 1.5x half the floor

Synthetic objectives are built from real wording: clauses of the bundled frameworks, the bundled plans and
the labelled plans, combined at random with a fixed seed. They are written to a temporary directory that is
removed afterwards (nothing generated is kept). A plan file holds at most 1,000 objectives, so every file
stays far below the loader's size limit; the larger scales are directories of such files, checked in one run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from align import bundled
from align.loading.frameworks import load_frameworks
from align.loading.plans import load_plan
from align.model import Framework, Plan

HERE = Path(__file__).resolve().parent
ALL_FRAMEWORKS = ("de-2561-2580", "dg-2563-2565", "dg-2566-2570")
PER_FILE = 1_000
"""Most objectives written to one synthetic plan file."""
SEED = 8

# A fresh process that does the least a pythainlp-based matcher must do: start, import pythainlp, build the
# dictionary, tokenise every text once. Texts come as a JSON list in the file named by argv[1].
FLOOR = textwrap.dedent("""
    import json, os, sys
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    from pythainlp.tokenize import word_tokenize
    with open(sys.argv[1], encoding="utf-8") as handle:
        texts = json.load(handle)
    for text in texts:
        word_tokenize(text, engine="newmm")
""")


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_mb: float


@dataclass(frozen=True)
class Scenario:
    name: str
    command: list[str]
    texts: list[str]
    objectives: int


def run(command: Sequence[str], cwd: Path | None = None) -> Measure:
    """Wall time and peak RSS of a fresh process (the largest process of its tree, from wait4)."""
    env = {**os.environ, "COLUMNS": "120", "PYTHAINLP_READ_ONLY": "1", "PYTHAINLP_OFFLINE": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env)
    assert process.stderr is not None
    error = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{error.decode(errors='replace')}")
    return Measure(seconds, usage.ru_maxrss / 1024)


def floor_command(texts: list[str], workdir: Path, name: str) -> list[str]:
    path = workdir / f"floor-{name}.json"
    path.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return [sys.executable, "-c", FLOOR, str(path)]


def framework_texts(frameworks: Sequence[Framework]) -> list[str]:
    """The wording of every item, as align reads it: title, keywords, description."""
    texts = []
    for framework in frameworks:
        for item in framework.walk():
            texts.append("\n".join(filter(None, (item.title, item.title_en))))
            texts.append(" ; ".join(item.keywords))
            texts.append(item.description or "")
    return [t for t in dict.fromkeys(texts) if t]


def objective_texts(plans: Sequence[Plan]) -> list[str]:
    return list(dict.fromkeys(o.text for plan in plans for o in plan.objectives))


# Synthetic plans -------------------------------------------------------------------------------------------


def vocabulary(frameworks: Sequence[Framework]) -> tuple[list[str], list[str]]:
    """Thai clauses and English phrases of the bundled frameworks and of the bundled and labelled plans."""
    texts = [t for fw in frameworks for item in fw.walk() for t in (item.title, item.title_en, item.description) if t]
    for directory in (bundled.plans_dir(), HERE / "devset", HERE / "realset"):
        for path in sorted(directory.glob("*.yaml")):
            texts.extend(t for o in load_plan(path).objectives for t in (o.title, o.description) if t)
    thai = sorted({p for t in texts for p in t.split() if re.search("[\u0e00-\u0e7f]", p) and len(p) >= 6})
    english = sorted({p.strip() for t in texts for p in re.split(r"[.;:()]", t)
                      if p.strip().isascii() and len(p.split()) >= 3})
    return thai, english


def synthetic_objectives(
    count: int, thai: Sequence[str], english: Sequence[str], rng: random.Random
) -> list[dict[str, str]]:
    """Objectives as planners write them: a title of 2-4 Thai clauses (one in eight in English), a description
    on four in ten."""
    objectives = []
    for _ in range(count):
        if rng.random() < 0.125:
            title = ", ".join(rng.sample(english, rng.randint(1, 2))).strip(" ,")
        else:
            title = " ".join(rng.sample(thai, rng.randint(2, 4)))
        objective = {"title": title}
        if rng.random() < 0.4:
            objective["description"] = " ".join(rng.sample(thai, rng.randint(1, 3)))
        objectives.append(objective)
    return objectives


def write_plan(path: Path, plan_id: str, objectives: Sequence[dict[str, str]]) -> None:
    lines = ["plan:", f"  id: {plan_id}", f"  title: แผนสังเคราะห์ {plan_id}", "  period: [2020, 2027]",
             f"  frameworks: [{', '.join(ALL_FRAMEWORKS)}]", "objectives:"]
    for index, objective in enumerate(objectives, 1):
        lines.append(f'  - id: "{index}"')
        for key, value in objective.items():
            lines.append(f"    {key}: {json.dumps(value, ensure_ascii=False)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_plans(directory: Path, total: int, per_file: int, vocab: tuple[list[str], list[str]]) -> list[Path]:
    directory.mkdir(parents=True)
    rng = random.Random(f"{SEED}-{total}-{per_file}")
    paths = []
    for number in range(0, total, per_file):
        path = directory / f"plan-{number // per_file:05d}.yaml"
        write_plan(path, f"synthetic-{total}-{number // per_file:05d}",
                   synthetic_objectives(min(per_file, total - number), *vocab, rng))
        paths.append(path)
    return paths


# Reporting -------------------------------------------------------------------------------------------------


def compare(command: list[str], floor: list[str], repeat: int) -> tuple[Measure, Measure, float]:
    """Median of each, runs interleaved (align, floor, align, floor, ...) so that both meet the same load, and
    the median of the run-by-run ratios; peak memory is the largest seen."""
    pairs = [(run(command), run(floor)) for _ in range(repeat)]
    ratios = [a.seconds / f.seconds for a, f in pairs]
    return (Measure(statistics.median(a.seconds for a, _ in pairs), max(a.peak_mb for a, _ in pairs)),
            Measure(statistics.median(f.seconds for _, f in pairs), max(f.peak_mb for _, f in pairs)),
            statistics.median(ratios))


def fit(points: Sequence[tuple[int, float]]) -> tuple[float, float, float]:
    """Least-squares line through (objectives, seconds): slope (s per 1,000 objectives), intercept (s), R^2."""
    xs = [x / 1000 for x, _ in points]
    ys = [y for _, y in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = mean_y - slope * mean_x
    total = sum((y - mean_y) ** 2 for y in ys)
    residual = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return slope, intercept, 1 - residual / total if total else 1.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="fresh-process runs per figure (median reported)")
    parser.add_argument("--scales", default="1000,10000,100000", help="synthetic plan sizes, in objectives")
    parser.add_argument("--plans", type=int, default=1000, help="plans in the many-plans directory (0: skip)")
    parser.add_argument("--plan-objectives", type=int, default=50, help="objectives per plan in that directory")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs for the many-plans directory")
    parser.add_argument("--quick", action="store_true", help="bundled plan, 1,000 and 10,000 objectives, one run")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat, args.scales, args.plans = 1, "1000,10000", 0
    scales = [int(s) for s in args.scales.split(",") if s]
    align = [sys.executable, "-m", "align", "check"]
    frameworks = load_frameworks([bundled.frameworks_dir()])
    every = [frameworks[f] for f in ALL_FRAMEWORKS]  # type: ignore[index]
    vocab = vocabulary(every)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpus, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; {args.repeat} run(s) per figure, align and floor "
          f"interleaved; times are medians, ratios the median of run-by-run ratios; "
          f"vocabulary: {len(vocab[0])} Thai clauses, {len(vocab[1])} English phrases")
    print(f"{'scenario':38} {'align s':>8} {'floor s':>8} {'ratio':>6} {'target':>10} {'align MB':>9} {'floor MB':>9}")

    def report(name: str, measured: Measure, floor: Measure, ratio: float, target: float | None) -> None:
        verdict = "" if target is None else f"<={target:.1f}x " + ("ok" if ratio <= target else "MISSED")
        print(f"{name:38} {measured.seconds:8.2f} {floor.seconds:8.2f} {ratio:5.2f}x {verdict:>10} "
              f"{measured.peak_mb:9.0f} {floor.peak_mb:9.0f}", flush=True)

    with tempfile.TemporaryDirectory(prefix="align-bench-") as temporary:
        work = Path(temporary)
        plan = load_plan(bundled.default_plan())
        texts = objective_texts([plan]) + framework_texts([frameworks[f] for f in plan.frameworks])
        report("bundled plan (5 objectives)", *compare(align, floor_command(texts, work, "bundled"), args.repeat),
               1.5)

        points, floor_points = [], []
        for scale in scales:
            directory = work / f"objectives-{scale}"
            paths = write_plans(directory, scale, PER_FILE, vocab)
            plans = [load_plan(p) for p in paths]
            texts = objective_texts(plans) + framework_texts(every)
            measured, floor, ratio = compare([*align, str(directory), "-f", "json"],
                                             floor_command(texts, work, str(scale)), args.repeat)
            report(f"{scale:,} objectives ({len(paths)} file(s))", measured, floor, ratio,
                   2.0 if scale == 10_000 else None)
            if scale == 10_000:
                print(f"{'':38} peak memory {measured.peak_mb:.0f} MB (target < 500 MB): "
                      f"{'ok' if measured.peak_mb < 500 else 'MISSED'}")
            points.append((scale, measured.seconds))
            floor_points.append((scale, floor.seconds))
        if len(points) >= 2:
            slope, intercept, r2 = fit(points)
            floor_slope, floor_intercept, floor_r2 = fit(floor_points)
            print(f"fitted: align {intercept:.2f} s + {slope:.3f} s per 1,000 objectives (R^2 {r2:.4f}); floor "
                  f"{floor_intercept:.2f} s + {floor_slope:.3f} s per 1,000 (R^2 {floor_r2:.4f}); "
                  f"slope ratio {slope / floor_slope:.2f}x")

        if args.plans:
            directory = work / "plans"
            rng = random.Random(f"{SEED}-plans")
            directory.mkdir()
            for number in range(args.plans):
                write_plan(directory / f"agency-{number:05d}.yaml", f"agency-{number:05d}",
                           synthetic_objectives(args.plan_objectives, *vocab, rng))
            plans = [load_plan(p) for p in sorted(directory.glob("*.yaml"))]
            texts = objective_texts(plans) + framework_texts(every)
            floor_run = floor_command(texts, work, "plans")
            name = f"{args.plans:,} plans x {args.plan_objectives}"
            report(f"{name}, one process", *compare([*align, str(directory), "-f", "json"], floor_run, args.repeat),
                   None)
            # The target compares with half the single-process floor: what two cores could do at best.
            jobs, floor, ratio = compare([*align, str(directory), "-f", "json", "--jobs", str(args.jobs)], floor_run,
                                         args.repeat)
            half = Measure(floor.seconds / args.jobs, floor.peak_mb)
            report(f"{name}, --jobs {args.jobs} (floor / {args.jobs})", jobs, half, ratio * args.jobs, 1.5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
