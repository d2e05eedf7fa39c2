"""Where a check's time goes, stage by stage, in one process, each stage next to the floor's own work.

    python benchmarks/stages.py                                  # 200 synthetic plans of 50 objectives
    python benchmarks/stages.py --plans 10 --plan-objectives 1000
    python benchmarks/stages.py path/to/plans/                   # plan files of your own

performance.py times whole runs; this says which part of a run to work on. The plans are checked as the
pipeline checks them (the same batches of files, the same matcher per framework set), and each stage is timed
on its own: reading the YAML, tokenising, features beyond tokens (content words, glossary concepts), scoring,
grading (`assess`) and the JSON report. Every figure is also given as a ratio to pythainlp's newmm tokenising
the same objective texts in the same process, the per-text part of performance.py's floor, so the ratios add
up to what a run costs beyond start-up. Synthetic plans are made as performance.py makes them (same
vocabulary and seed) in a temporary directory that is removed afterwards. Figures, not a timed test.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import performance
from pythainlp.tokenize import word_tokenize

from align import bundled, pipeline
from align.assess import Policy, assess
from align.loading.frameworks import load_frameworks
from align.loading.plans import load_plan
from align.report import json as json_report

FLOOR = "pythainlp newmm (floor)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", nargs="?", type=Path, help="plan files to check (default: synthetic plans)")
    parser.add_argument("--plans", type=int, default=200, help="synthetic plans to make")
    parser.add_argument("--plan-objectives", type=int, default=50, help="objectives per synthetic plan")
    args = parser.parse_args(argv)
    if args.directory is not None:
        return report(pipeline.plan_files([args.directory]))
    with tempfile.TemporaryDirectory(prefix="align-stages-") as work:
        frameworks = load_frameworks([bundled.frameworks_dir()])
        vocab = performance.vocabulary([frameworks[f] for f in performance.ALL_FRAMEWORKS])  # type: ignore[index]
        rng = random.Random(f"{performance.SEED}-plans")
        paths = []
        for number in range(args.plans):
            paths.append(Path(work) / f"agency-{number:05d}.yaml")
            performance.write_plan(paths[-1], f"agency-{number:05d}",
                                   performance.synthetic_objectives(args.plan_objectives, *vocab, rng))
        return report(paths)


def report(paths: list[Path]) -> int:
    gc.disable()  # as align check runs
    available = pipeline.load_frameworks()
    analyzer = pipeline.shared_indexes().analyzer
    word_tokenize("ทดสอบ", engine="newmm")  # pythainlp's dictionary, built before timing, as align's is
    seconds: dict[str, float] = {}

    @contextmanager
    def stage(name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start

    objectives = 0
    for batch in pipeline.batches(paths, pipeline.BATCH_PLANS):
        with stage("YAML"):
            plans = [load_plan(path) for path in batch]
        objectives += sum(len(plan.objectives) for plan in plans)
        texts = list(dict.fromkeys(o.text for plan in plans for o in plan.objectives))
        with stage(FLOOR):
            for text in texts:
                word_tokenize(text, engine="newmm")
        with stage("tokenising"):
            tokens = [analyzer.tokenizer.tokens(text) for text in texts]
        # Features from the tokens just made, so that this stage holds only what comes after tokenising.
        tokenize, known = analyzer.tokenizer.tokens, dict(zip(texts, tokens, strict=True))
        analyzer.tokenizer.tokens = known.__getitem__  # type: ignore[method-assign]
        with stage("features beyond tokens"):
            for text in texts:
                analyzer.features(text)
        analyzer.tokenizer.tokens = tokenize  # type: ignore[method-assign]
        framed = [(plan, pipeline.frameworks_of(plan, available)) for plan in plans]
        with stage("scoring"):
            scores = pipeline.score_together(framed)
        with stage("grading (assess)"):
            results = [assess(plan, frameworks, plan_scores, Policy(), str(path))
                       for (plan, frameworks), plan_scores, path in zip(framed, scores, batch, strict=True)]
        with stage("JSON report"):
            for result in results:
                json_report.line(result)
    floor = seconds.pop(FLOOR)
    print(f"{len(paths):,} plan file(s), {objectives:,} objectives; one process, gc off, "
          f"every stage relative to pythainlp newmm tokenising the same objective texts ({floor:.2f} s)")
    for name, spent in seconds.items():
        print(f"  {name:24} {spent:7.2f} s {spent / floor:6.2f}x")
    total = sum(seconds.values())
    print(f"  {'all stages':24} {total:7.2f} s {total / floor:6.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
