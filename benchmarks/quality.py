"""Matching quality on labelled plans: hit@1, recall@3 and MRR per framework, for align and two baselines.

    python benchmarks/quality.py              # every figure, both splits
    python benchmarks/quality.py --errors dev # also list the misses of the dev split

Data: labelled plans in benchmarks/devset/ (and benchmarks/realset/ when present): `aligns_with` lists the
strategies an experienced planner declares, primary first; plans whose objectives all have `aligns_with: []`
are negatives (non-digital objectives that must come out unaligned). Objectives are split once, by position:
every third objective of each file (index % 3 == 2) is the held-out test split, never looked at while tuning.
A second test: each measure of dg-2566-2570, taken out of its framework, should rank its own strategy first.

Metrics, per objective and framework of its plan (strategy level):
  hit@1     the top-ranked strategy is one the plan declares
  recall@3  share of the declared strategies found in the top 3
  MRR       1 / rank of the first declared strategy
Baselines run on the same data: rapidfuzz token_set_ratio on the raw strings, and TF-IDF cosine on newmm
tokens (pythainlp's own dictionary, no glossary).
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

from rapidfuzz import fuzz

from align import bundled, glossary, loader
from align.assess import Policy
from align.model import Framework, FrameworkId, Objective, Plan
from align.score import Analyzer, Matcher, item_text
from align.text import base_tokenizer

HERE = Path(__file__).resolve().parent
Ranker = Callable[[Objective, Framework], list[tuple[str, float]]]


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

    def row(self) -> str:
        if not self.n:
            return "   -      -      -      0"
        return f"{self.hit1 / self.n:6.3f} {self.recall3 / self.n:6.3f} {self.mrr / self.n:6.3f} {self.n:6d}"


@dataclass
class Report:
    by_framework: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    overall: Tally = field(default_factory=Tally)
    misses: list[str] = field(default_factory=list)


def split_of(index: int) -> str:
    return "test" if index % 3 == 2 else "dev"


def labelled_plans(directories: Sequence[Path]) -> list[Plan]:
    return [loader.load_plan(p) for d in directories if d.is_dir() for p in sorted(d.glob("*.yaml"))]


def evaluate(plans: Sequence[Plan], frameworks: dict[FrameworkId, Framework], rank: Callable[[Plan], Ranker],
             split: str) -> Report:
    report = Report()
    for plan in plans:
        ranker = rank(plan)
        for index, objective in enumerate(plan.objectives):
            if not objective.aligns_with or (split != "all" and split_of(index) != split):
                continue
            for fw_id in plan.frameworks:
                gold = {link.item for link in objective.aligns_with if link.framework == fw_id}
                if not gold:
                    continue
                ranking = [item for item, _ in ranker(objective, frameworks[fw_id])]
                hit = report.by_framework[fw_id].add(ranking, gold)
                report.overall.add(ranking, gold)
                if not hit:
                    report.misses.append(f"{plan.id} {objective.id} {fw_id}: gold {sorted(gold)} got "
                                         f"{ranking[:3]}  | {objective.title[:70]}")
    return report


def align_ranker(analyzer: Analyzer, frameworks: dict[FrameworkId, Framework]) -> Callable[[Plan], Ranker]:
    def for_plan(plan: Plan) -> Ranker:
        matcher = Matcher(tuple(frameworks[f] for f in plan.frameworks), analyzer)
        cache: dict[str, dict[str, list[tuple[str, float]]]] = {}

        def rank(objective: Objective, framework: Framework) -> list[tuple[str, float]]:
            if objective.id not in cache:
                per_fw: dict[str, list[tuple[str, float]]] = defaultdict(list)
                for link in matcher.score(objective):
                    fw = frameworks[link.target.framework]
                    if fw.find(link.target.item) in fw.items:
                        per_fw[fw.id].append((link.target.item, link.score))
                cache[objective.id] = per_fw
            return sorted(cache[objective.id][framework.id], key=lambda s: (-s[1], s[0]))
        return rank
    return for_plan


def strategy_text(strategy) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(item_text(item) for item in strategy.walk())


def fuzz_ranker(frameworks: dict[FrameworkId, Framework]) -> Callable[[Plan], Ranker]:
    def rank(objective: Objective, framework: Framework) -> list[tuple[str, float]]:
        scores = [(s.id, fuzz.token_set_ratio(objective.text, strategy_text(s))) for s in framework.items]
        return sorted(scores, key=lambda s: (-s[1], s[0]))
    return lambda plan: rank


def tfidf_ranker(frameworks: dict[FrameworkId, Framework]) -> Callable[[Plan], Ranker]:
    tokenizer = base_tokenizer()
    docs = {(fw.id, s.id): Counter(tokenizer.words(strategy_text(s))) for fw in frameworks.values() for s in fw.items}
    df: Counter[str] = Counter(w for counts in docs.values() for w in counts)
    idf = {w: math.log((len(docs) + 1) / (c + 1)) + 1 for w, c in df.items()}

    def vector(counts: Counter[str]) -> dict[str, float]:
        vec = {w: (1 + math.log(c)) * idf.get(w, math.log(len(docs) + 1) + 1) for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}

    vectors = {key: vector(counts) for key, counts in docs.items()}

    def rank(objective: Objective, framework: Framework) -> list[tuple[str, float]]:
        query = vector(Counter(tokenizer.words(objective.text)))
        scores = [(s.id, sum(w * vectors[(framework.id, s.id)].get(t, 0.0) for t, w in query.items()))
                  for s in framework.items]
        return sorted(scores, key=lambda s: (-s[1], s[0]))
    return lambda plan: rank


def measures_as_objectives(framework: Framework) -> list[tuple[Objective, Framework]]:
    """Each measure becomes an objective, checked against the framework without that measure."""
    cases = []
    for strategy in framework.items:
        for measure in strategy.items:
            reduced = replace(framework, items=tuple(
                replace(s, items=tuple(m for m in s.items if m.id != measure.id)) for s in framework.items))
            text = "\n".join(p for p in (measure.title, measure.description) if p)
            cases.append((Objective(id=measure.id, title=text,  # type: ignore[arg-type]
                                    aligns_with=(loader.ItemRef(framework.id, strategy.id),)), reduced))
    return cases


def unaligned_rates(plans: Sequence[Plan], frameworks: dict[FrameworkId, Framework], analyzer: Analyzer,
                    policy: Policy, split: str) -> tuple[tuple[int, int], tuple[int, int], list[str]]:
    neg = [0, 0]
    pos = [0, 0]
    notes = []
    for plan in plans:
        matcher = Matcher(tuple(frameworks[f] for f in plan.frameworks), analyzer)
        negative_plan = all(not o.aligns_with for o in plan.objectives)
        for index, objective in enumerate(plan.objectives):
            if split != "all" and split_of(index) != split:
                continue
            strategies = {(fw.id, s.id) for fw in (frameworks[f] for f in plan.frameworks) for s in fw.items}
            best = max(s.score for s in matcher.score(objective)
                       if (s.target.framework, s.target.item) in strategies)
            unaligned = best < policy.weak
            tally = neg if negative_plan else pos
            tally[0] += unaligned
            tally[1] += 1
            if negative_plan != unaligned:
                notes.append(f"{'negative aligned' if negative_plan else 'digital unaligned'}: "
                             f"{plan.id} {objective.id} best {best:.3f} | {objective.title[:70]}")
    return (neg[0], neg[1]), (pos[0], pos[1]), notes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, action="append", help="directories of labelled plans")
    parser.add_argument("--errors", choices=["dev", "test", "all"], help="list the misses of this split")
    args = parser.parse_args(argv)
    directories = args.data or [HERE / "devset", HERE / "realset"]
    frameworks = loader.load_frameworks([bundled.frameworks_dir()])
    plans = labelled_plans(directories)
    started = time.perf_counter()
    analyzer = Analyzer(glossary.load())
    policy = Policy()
    rankers = {"align": align_ranker(analyzer, frameworks), "token_set_ratio (raw)": fuzz_ranker(frameworks),
               "tf-idf (newmm)": tfidf_ranker(frameworks)}
    print(f"labelled plans: {', '.join(p.id for p in plans)}")
    print(f"{'split':5} {'method':22} {'framework':14} {'hit@1':>6} {'rec@3':>6} {'MRR':>6} {'n':>6}")
    best_baseline: dict[str, float] = {}
    align_hit: dict[str, float] = {}
    for split in ("dev", "test", "all"):
        for name, ranker in rankers.items():
            report = evaluate(plans, frameworks, ranker, split)
            for fw_id, tally in sorted(report.by_framework.items()):
                print(f"{split:5} {name:22} {fw_id:14} {tally.row()}")
            print(f"{split:5} {name:22} {'OVERALL':14} {report.overall.row()}")
            hit = report.overall.hit1 / max(report.overall.n, 1)
            if name == "align":
                align_hit[split] = hit
                if args.errors == split:
                    print("\n".join("  miss " + m for m in report.misses))
            else:
                best_baseline[split] = max(best_baseline.get(split, 0.0), hit)
    for split in ("dev", "test", "all"):
        print(f"{split:5} align hit@1 minus best baseline: {100 * (align_hit[split] - best_baseline[split]):+.1f} points")

    dg = frameworks[FrameworkId("dg-2566-2570")]
    tally = Tally()
    for objective, reduced in measures_as_objectives(dg):
        matcher = Matcher((reduced,), analyzer)
        scores = [(s.target.item, s.score) for s in matcher.score(objective) if reduced.find(s.target.item) in reduced.items]
        ranking = [i for i, _ in sorted(scores, key=lambda s: (-s[1], s[0]))]
        if not tally.add(ranking, {objective.aligns_with[0].item}) and args.errors:
            print(f"  miss measure {objective.id}: got {ranking[:3]}")
    print(f"test  align measures of dg-2566-2570 ranked under their own strategy: {tally.row()}")

    for split in ("dev", "test", "all"):
        (neg_un, neg_n), (pos_un, pos_n), notes = unaligned_rates(plans, frameworks, analyzer, policy, split)
        print(f"{split:5} non-digital objectives unaligned: {neg_un}/{neg_n} = {neg_un / max(neg_n, 1):.3f}; "
              f"digital objectives unaligned: {pos_un}/{pos_n} = {pos_un / max(pos_n, 1):.3f}")
        if args.errors == split:
            print("\n".join("  " + n for n in notes))
    print(f"time: {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
