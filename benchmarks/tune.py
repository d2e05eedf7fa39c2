"""Fit the matcher's weights on the dev split of the labelled data, and only there (benchmarks/quality.py has the
splits): coordinate descent over each weight of matching.weights.Weights, a few candidate values at a time, by
dev hit@1 then MRR. Prints the best weights found; copy them into weights.py by hand, and then look at the test
split once, with quality.py.

    python benchmarks/tune.py                 # every weight, two rounds
    python benchmarks/tune.py role serves     # only these
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import quality

from align import bundled
from align.assess import Policy, assess
from align.loading.frameworks import load_frameworks
from align.matching.features import Analyzer
from align.matching.glossary import load
from align.matching.index import Indexes
from align.matching.scorer import Matcher
from align.matching.text import Tokenizer
from align.matching.weights import Weights

GRID = {
    "word": (0.5, 0.75, 1.0, 1.25),
    "concept": (1.5, 2.0, 2.5, 3.0),
    "role": (0.0, 0.5, 1.0, 1.5, 2.25, 3.0, 4.0),
    "serves": (0.0, 0.25, 0.5, 1.0, 1.5, 2.0),
    "broader_decay": (0.45, 0.55, 0.65, 0.75),
    "alpha": (0.5, 0.6, 0.7, 0.8),
    "keywords_field": (0.3, 0.5, 0.7, 0.9),
    "description_field": (0.2, 0.3, 0.4, 0.6),
    "unknown_idf": (0.05, 0.1, 0.2),
    "role_gate": (0.0, 0.3, 0.5, 0.7, 0.85, 0.95),
    "child_roles": (0.25, 0.5, 0.75, 1.0),
    "serves_conflict": (0.0, 0.15, 0.3, 0.5, 0.7),
}


def dev_figures(weights: Weights, tokenizer: Tokenizer, cases: Sequence[quality.Case],
                frameworks: dict) -> tuple[float, float]:  # type: ignore[type-arg]
    indexes = Indexes(Analyzer(load(), weights, tokenizer))
    tally = quality.Tally()
    for plan in {plan.id: plan for plan, _ in cases}.values():
        fws = tuple(frameworks[f] for f in plan.frameworks)
        result = assess(plan, fws, Matcher(fws, indexes).score_plans([plan.objectives])[0], Policy())
        by_id = {o.objective.id: o for o in result.objectives}
        for _, objective in (c for c in cases if c[0].id == plan.id):
            for fw in fws:
                gold = quality.gold(objective, fw)
                if gold:
                    ranking = [c.target.item for c in by_id[objective.id].strategies if c.target.framework == fw.id]
                    tally.add(ranking, gold)
    hit, _, mrr = tally.figures()
    return hit, mrr


def calibrate(weights: Weights, tokenizer: Tokenizer, cases: Sequence[quality.Case],
              frameworks: dict) -> tuple[float, float, float]:  # type: ignore[type-arg]
    """The half point and steepness that make a strategy's figure read as the chance a planner declares the link:
    the maximum likelihood over every (digital dev objective, strategy of its frameworks), declared or not."""
    indexes = Indexes(Analyzer(load(), weights, tokenizer))
    pairs: list[tuple[float, bool]] = []
    for plan in {plan.id: plan for plan, _ in cases}.values():
        fws = tuple(frameworks[f] for f in plan.frameworks)
        result = assess(plan, fws, Matcher(fws, indexes).score_plans([plan.objectives])[0], Policy())
        wanted = {o.id for p, o in cases if p.id == plan.id and o.aligns_with}
        for outcome in result.objectives:
            if outcome.objective.id not in wanted:
                continue
            for candidate in outcome.strategies:
                fw = result.framework(candidate.target.framework)
                declared = candidate.target.item in quality.gold(outcome.objective, fw)
                score = min(max(candidate.score, 1e-9), 1 - 1e-9)
                # The raw similarity behind the score: the calibration inverted.
                raw = weights.half_point * (score / (1 - score)) ** (1 / weights.steepness)
                pairs.append((raw, declared))
    best = (-math.inf, weights.half_point, weights.steepness)
    for half in [0.05 + 0.01 * i for i in range(46)]:
        for steep in [1.0 + 0.25 * i for i in range(29)]:
            likelihood = 0.0
            for raw, declared in pairs:
                p = raw**steep / (raw**steep + half**steep) if raw > 0 else 0.0
                p = min(max(p, 1e-6), 1 - 1e-6)
                likelihood += math.log(p if declared else 1 - p)
            best = max(best, (likelihood, half, steep))
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="weights to tune (default: every one in GRID)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--calibrate", action="store_true", help="only fit the calibration (half_point, steepness)")
    args = parser.parse_args(argv)
    frameworks = load_frameworks([bundled.frameworks_dir()])
    cases = quality.load_sets(frameworks)["dev"]
    tokenizer = Tokenizer(load().thai_words())
    weights = Weights()
    if args.calibrate:
        likelihood, half, steep = calibrate(weights, tokenizer, cases, frameworks)
        print(f"calibration on dev: half_point {half:.3f}, steepness {steep:.2f} (log-likelihood {likelihood:.1f})")
        return 0
    best = dev_figures(weights, tokenizer, cases, frameworks)
    print(f"start: hit@1 {best[0]:.3f} MRR {best[1]:.3f}")
    started = time.perf_counter()
    for _ in range(args.rounds):
        for name in args.names or GRID:
            for value in GRID[name]:
                trial = dataclasses.replace(weights, **{name: value})
                figures = dev_figures(trial, tokenizer, cases, frameworks)
                if figures > best:
                    best, weights = figures, trial
                    print(f"  {name} = {value}: hit@1 {best[0]:.3f} MRR {best[1]:.3f}")
    print(f"best on dev: hit@1 {best[0]:.3f} MRR {best[1]:.3f} ({time.perf_counter() - started:.0f} s)")
    print(weights)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
