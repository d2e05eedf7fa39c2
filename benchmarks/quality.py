"""Matching quality on labelled plans: hit@1, recall@3 and MRR per set and framework, for align and its baselines.

    python benchmarks/quality.py                 # every figure and the target check
    python benchmarks/quality.py --misses dev    # also list align's misses on a set (dev, test, real)

Labelled data (plan files whose `aligns_with` lists the strategies, or dg-2566-2570 measures, that a planner
declares, primary first; a measure label counts for its strategy):
  benchmarks/devset/    two example agency plans and non-digital objectives; every third objective of each file
                        (index % 3 == 2) is held out as test, the rest is dev.
  benchmarks/agencies/  eight agency-style plans (ministry, department, provinces, local government, universities),
                        labelled without running align; split by whole plan in split.yaml, fixed before tuning.
  benchmarks/realset/   real labels from public sources: the DG 2566-2570 plan's own key projects, the
                        government's statements tying activities to DE strategies, the cyber-security policy's
                        declared link, ONDE roadmap measures. Never tuned on; reported per file.
  measures              each measure of a framework, taken out of it, should rank its own strategy (leave-one-out).

Splits: "dev" = devset dev + agencies dev (tuning looks only here); "test" = devset test + agencies test (the
targets); "real" = realset. A strategy's rank comes from the check itself: its figure (the best of the strategy and
its measures, as every report shows it), so the figures are what a reader of align's reports gets.
Baselines on the same data: TF-IDF cosine on newmm tokens (pythainlp's dictionary, no glossary), rapidfuzz
token_set_ratio on raw strings, and the majority strategy of the dev split per framework.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from align import bundled, pipeline
from align.assess import Policy, assess
from align.loading.frameworks import load_frameworks
from align.loading.plans import load_plan
from align.matching.features import item_text
from align.matching.scorer import Matcher
from align.matching.text import Tokenizer
from align.model import Framework, FrameworkId, FrameworkItem, ItemRef, Objective, ObjectiveId, Plan
from align.result import Status

HERE = Path(__file__).resolve().parent
TARGETS = {"hit@1": 0.85, "recall@3": 0.97, "margin": 0.20, "negatives unaligned": 0.90, "digital unaligned": 0.05}
"""What a planner should be able to rely on (docs/matching.md); a target not reached is reported, not hidden."""
FLOORS = {"hit@1": 0.74, "recall@3": 0.95, "margin": 0.20, "negatives unaligned": 0.90, "digital unaligned": 0.05}
"""What CI holds the matcher to: no fall below today's figures (hit@1 0.759, recall@3 0.968) less a few objectives
of slack, and every other target kept. The exit code is 1 when a floor is broken."""

Ranker = Callable[[Plan, Objective, Framework], list[str]]
Case = tuple[Plan, Objective]


@dataclass
class Tally:
    n: int = 0
    hit1: float = 0.0
    recall3: float = 0.0
    mrr: float = 0.0

    def add(self, ranking: Sequence[str], gold: set[str]) -> bool:
        self.n += 1
        hit = ranking[0] in gold
        self.hit1 += hit
        self.recall3 += len(gold & set(ranking[:3])) / len(gold)
        first = next((i for i, s in enumerate(ranking) if s in gold), None)
        self.mrr += 1 / (first + 1) if first is not None else 0.0
        return hit

    def figures(self) -> tuple[float, float, float]:
        return (self.hit1 / self.n, self.recall3 / self.n, self.mrr / self.n) if self.n else (0.0, 0.0, 0.0)

    def row(self) -> str:
        hit, recall, mrr = self.figures()
        return f"{hit:6.3f} {recall:8.3f} {mrr:6.3f} {self.n:5d}" if self.n else "     -        -      -     0"


@dataclass
class Report:
    by_framework: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    overall: Tally = field(default_factory=Tally)
    misses: list[str] = field(default_factory=list)


def gold(objective: Objective, framework: Framework) -> set[str]:
    """The declared strategies of one framework (a declared measure counts for its strategy)."""
    found = set()
    for link in objective.aligns_with:
        if link.framework == framework.id:
            strategy = framework.strategy_of(link.item)
            found.add(strategy.id if strategy else link.item)
    return found


def load_sets(frameworks: dict[FrameworkId, Framework]) -> dict[str, list[Case]]:
    """The labelled objectives of each split, every objective (digital or not), with its plan."""
    sets: dict[str, list[Case]] = {"dev": [], "test": []}
    for path in sorted((HERE / "devset").glob("*.yaml")):
        plan = load_plan(path)
        for index, objective in enumerate(plan.objectives):
            sets["test" if index % 3 == 2 else "dev"].append((plan, objective))
    split = yaml.safe_load((HERE / "agencies" / "split.yaml").read_text(encoding="utf-8"))
    for name in ("dev", "test"):
        for file in split[name]:
            plan = load_plan(HERE / "agencies" / file)
            sets[name].extend((plan, objective) for objective in plan.objectives)
    for path in sorted((HERE / "realset").glob("*.yaml")):
        plan = load_plan(path)
        sets[f"real:{plan.id}"] = [(plan, objective) for objective in plan.objectives]
    return sets


def evaluate(cases: Sequence[Case], frameworks: dict[FrameworkId, Framework], rank: Ranker) -> Report:
    report = Report()
    for plan, objective in cases:
        for fw_id in plan.frameworks:
            framework = frameworks[fw_id]
            expected = gold(objective, framework)
            if not expected:
                continue
            ranking = rank(plan, objective, framework)
            if not report.by_framework[fw_id].add(ranking, expected):
                report.misses.append(f"{plan.id} {objective.id} {fw_id}: declared {sorted(expected)}, "
                                     f"ranked {ranking[:3]} | {objective.title[:70]}")
            report.overall.add(ranking, expected)
    return report


class Checked:
    """align's check of every labelled plan, once: each objective's strategies ranked by their figure."""

    def __init__(self, frameworks: dict[FrameworkId, Framework]) -> None:
        self.frameworks = frameworks

    def result(self, plan: Plan, frameworks: dict[FrameworkId, Framework] | None = None) -> object:
        checked = frameworks or self.frameworks
        fws = tuple(checked[f] for f in plan.frameworks)
        matcher = Matcher(fws, pipeline.shared_indexes())
        return assess(plan, fws, matcher.score_plans([plan.objectives])[0], Policy(), every_link=True)

    def ranker(self, frameworks: dict[FrameworkId, Framework] | None = None) -> Ranker:
        cache: dict[str, dict[ObjectiveId, object]] = {}

        def rank(plan: Plan, objective: Objective, framework: Framework) -> list[str]:
            if plan.id not in cache:
                result = self.result(plan, frameworks)
                cache[plan.id] = {o.objective.id: o for o in result.objectives}  # type: ignore[attr-defined]
            outcome = cache[plan.id][objective.id]
            return [c.target.item for c in outcome.strategies  # type: ignore[attr-defined]
                    if c.target.framework == framework.id]

        return rank


def strategy_text(strategy: FrameworkItem) -> str:
    return "\n".join(item_text(item) for item in strategy.walk())


def fuzz_ranker() -> Ranker:
    def rank(plan: Plan, objective: Objective, framework: Framework) -> list[str]:
        scores = [(s.id, fuzz.token_set_ratio(objective.text, strategy_text(s))) for s in framework.items]
        return [item for item, _ in sorted(scores, key=lambda s: (-s[1], s[0]))]

    return rank


def tfidf_ranker(frameworks: dict[FrameworkId, Framework]) -> Ranker:
    tokenizer = Tokenizer()

    def words(text: str) -> list[str]:
        # newmm tokens of the normalised text, nothing removed: the baseline must not share align's word lists
        return [token.text for token in tokenizer.tokens(text)]

    docs = {(fw.id, s.id): Counter(words(strategy_text(s))) for fw in frameworks.values() for s in fw.items}
    df: Counter[str] = Counter(w for counts in docs.values() for w in counts)
    idf = {w: math.log((len(docs) + 1) / (c + 1)) + 1 for w, c in df.items()}
    default_idf = math.log(len(docs) + 1) + 1

    def vector(counts: Counter[str]) -> dict[str, float]:
        vec = {w: (1 + math.log(c)) * idf.get(w, default_idf) for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}

    vectors = {key: vector(counts) for key, counts in docs.items()}

    def rank(plan: Plan, objective: Objective, framework: Framework) -> list[str]:
        query = vector(Counter(words(objective.text)))
        scores = [(s.id, sum(w * vectors[(framework.id, s.id)].get(t, 0.0) for t, w in query.items()))
                  for s in framework.items]
        return [item for item, _ in sorted(scores, key=lambda s: (-s[1], s[0]))]

    return rank


def majority_ranker(dev: Sequence[Case], frameworks: dict[FrameworkId, Framework]) -> Ranker:
    """Always the strategies most often declared in the dev split, most common first."""
    counts: dict[FrameworkId, Counter[str]] = defaultdict(Counter)
    for _, objective in dev:
        for fw in frameworks.values():
            counts[fw.id].update(gold(objective, fw))

    def rank(plan: Plan, objective: Objective, framework: Framework) -> list[str]:
        common = [s for s, _ in counts[framework.id].most_common()]
        return common + [s.id for s in framework.items if s.id not in common]

    return rank


def measure_cases(framework: Framework) -> list[Case]:
    """Each measure as an objective, checked against the framework without that measure (leave-one-out)."""
    cases = []
    for strategy in framework.items:
        for measure in strategy.walk():
            if measure is strategy:
                continue
            reduced = replace(framework, items=tuple(_without(s, measure.id) for s in framework.items))
            objective = Objective(id=ObjectiveId(measure.id), title=measure.title,
                                  aligns_with=(ItemRef(framework.id, strategy.id),))
            plan = Plan(id=f"measures-{framework.id}-{measure.id}", title="measures", period=framework.period,
                        frameworks=(framework.id,), objectives=(objective,))
            cases.append((plan, objective, reduced))  # type: ignore[arg-type]
    return cases  # type: ignore[return-value]


def _without(item: FrameworkItem, removed: str) -> FrameworkItem:
    return replace(item, items=tuple(_without(c, removed) for c in item.items if c.id != removed))


def unaligned_shares(checked: Checked, cases: Sequence[Case]) -> tuple[tuple[int, int], tuple[int, int], list[str]]:
    """(non-digital unaligned, of n), (digital unaligned, of n), and the objectives on the wrong side."""
    negatives, positives, wrong = [0, 0], [0, 0], []
    wanted = {(plan.id, objective.id) for plan, objective in cases}
    plans = {plan.id: plan for plan, _ in cases}
    for plan in plans.values():
        for outcome in checked.result(plan).objectives:  # type: ignore[attr-defined]
            if (plan.id, outcome.objective.id) not in wanted:
                continue
            unaligned = outcome.status is Status.UNALIGNED
            digital = bool(outcome.objective.aligns_with)
            tally = positives if digital else negatives
            tally[0] += unaligned
            tally[1] += 1
            if digital == unaligned:
                best = outcome.candidates[0].score if outcome.candidates else 0.0
                wrong.append(f"{'digital, unaligned' if digital else 'non-digital, aligned'}: {plan.id} "
                             f"{outcome.objective.id} (best {best:.2f}) | {outcome.objective.title[:60]}")
    return (negatives[0], negatives[1]), (positives[0], positives[1]), wrong


def grade_figures(checked: Checked, cases: Sequence[Case], split: str) -> str:
    """Precision and recall of the grades against the declared strategies (digital objectives of the split), each
    strategy graded by its figure; and how many strategies per objective are graded at all."""
    pairs = []  # (grade, declared) per digital objective x strategy
    scored = []  # (figure, declared)
    wanted = {(plan.id, objective.id) for plan, objective in cases if objective.aligns_with}
    for plan in {plan.id: plan for plan, _ in cases}.values():
        result = checked.result(plan)
        for outcome in result.objectives:  # type: ignore[attr-defined]
            if (plan.id, outcome.objective.id) not in wanted:
                continue
            for link in outcome.strategies:
                fw = checked.frameworks[link.target.framework]
                pairs.append((link.grade.value, link.target.item in gold(outcome.objective, fw)))
                scored.append((link.score, pairs[-1][1]))
    lines = []
    total = sum(d for _, d in pairs)
    for label, grades in (("strong", {"strong"}), ("strong or weak", {"strong", "weak"})):
        chosen = [d for g, d in pairs if g in grades]
        precision = sum(chosen) / len(chosen) if chosen else 0.0
        recall = sum(chosen) / total if total else 0.0
        lines.append(f"{split:5} strategies graded {label}: precision {precision:.3f}, recall {recall:.3f} "
                     f"({len(chosen)} links, {total} declared)")
    # Calibration: a score should read as the share of such links planners declare.
    bands = []
    for low in (0.0, 0.2, 0.4, 0.6, 0.8):
        inside = [(s, d) for s, d in scored if low <= s < low + 0.2 or (low == 0.8 and s == 1.0)]
        if inside:
            bands.append(f"{low:.1f}-{low + 0.2:.1f}: {sum(s for s, _ in inside) / len(inside):.2f} predicted, "
                         f"{sum(d for _, d in inside) / len(inside):.2f} declared (n {len(inside)})")
    lines.append(f"{split:5} calibration: " + "; ".join(bands))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", help="list align's misses on this set (dev, test, real)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    frameworks = load_frameworks([bundled.frameworks_dir()])
    sets = load_sets(frameworks)
    checked = Checked(frameworks)
    rankers = {"align": checked.ranker(), "tf-idf (newmm)": tfidf_ranker(frameworks),
               "token_set_ratio (raw)": fuzz_ranker(), "majority of dev": majority_ranker(sets["dev"], frameworks)}
    print(f"{'set':34} {'method':22} {'framework':14} {'hit@1':>6} {'recall@3':>8} {'MRR':>6} {'n':>5}")
    headline: dict[str, dict[str, Tally]] = defaultdict(dict)
    for name, cases in sets.items():
        for method, rank in rankers.items():
            report = evaluate(cases, frameworks, rank)
            if name in ("dev", "test"):
                for fw_id, tally in sorted(report.by_framework.items()):
                    print(f"{name:34} {method:22} {fw_id:14} {tally.row()}")
            print(f"{name:34} {method:22} {'all':14} {report.overall.row()}")
            headline[name][method] = report.overall
            if method == "align" and args.misses and name.startswith(args.misses):
                print("\n".join("      miss: " + m for m in report.misses))

    for fw_id, framework in frameworks.items():
        measures = Tally()
        for plan, objective, reduced in measure_cases(framework):  # type: ignore[misc]
            ranking = checked.ranker({**frameworks, fw_id: reduced})(plan, objective, reduced)
            if not measures.add(ranking, {objective.aligns_with[0].item}) and args.misses == "measures":
                print(f"      miss: measure {fw_id}:{objective.id} ranked {ranking[:3]}")
        if measures.n:
            print(f"{'measures (leave-one-out)':34} {'align':22} {fw_id:14} {measures.row()}")

    for split in ("dev", "test"):
        print(grade_figures(checked, sets[split], split))
    shares = {}
    for split in ("dev", "test"):
        (neg, n_neg), (pos, n_pos), wrong = unaligned_shares(checked, sets[split])
        shares[split] = (neg / n_neg if n_neg else 0.0, pos / n_pos if n_pos else 0.0)
        print(f"{split:5} unaligned: non-digital {neg}/{n_neg} = {shares[split][0]:.3f}, "
              f"digital {pos}/{n_pos} = {shares[split][1]:.3f}")
        if args.misses == split:
            print("\n".join("      wrong side: " + w for w in wrong))

    test = headline["test"]
    hit, recall, _ = test["align"].figures()
    baseline = max(t.figures()[0] for m, t in test.items() if m != "align")
    checks = [
        ("hit@1 on held-out test split", hit, "hit@1", ">="),
        ("recall@3 on held-out test split", recall, "recall@3", ">="),
        ("hit@1 above the best baseline", hit - baseline, "margin", ">="),
        ("non-digital objectives unaligned (test)", shares["test"][0], "negatives unaligned", ">="),
        ("digital objectives unaligned (test)", shares["test"][1], "digital unaligned", "<="),
    ]
    print("\ntargets (MISSED: not reached yet; FAIL: below the floor CI holds)")
    failed = 0
    for label, value, key, op in checks:
        reached, kept = ((value >= TARGETS[key], value >= FLOORS[key]) if op == ">="
                         else (value <= TARGETS[key], value <= FLOORS[key]))
        failed += not kept
        verdict = "PASS" if reached else "MISSED" if kept else "FAIL"
        floor = f", floor {FLOORS[key]}" if FLOORS[key] != TARGETS[key] else ""
        print(f"  {verdict:6}  {label}: {value:.3f} (target {op} {TARGETS[key]}{floor})")
    print(f"time: {time.perf_counter() - started:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
