"""Scoring: what makes a link score high, what keeps it low, and properties the reports rely on."""

from __future__ import annotations

import random
from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align import bundled
from align.loading.frameworks import load_frameworks
from align.loading.plans import load_plan
from align.matching import scorer, sparse
from align.matching.features import Analyzer, Features
from align.matching.glossary import load
from align.matching.index import ROLE_KEYS, FrameworkIndex, Indexes
from align.matching.scorer import Matcher
from align.matching.weights import Weights
from align.model import Framework, FrameworkItem, ItemRef, Objective, Plan
from align.result import Term
from align.scores import LinkScore

from ..conftest import REPO, make_framework, make_item, make_objective

INDEXES = Indexes(Analyzer(load()))

FRAMEWORK = make_framework(
    "fw-a",
    make_item("1", "พัฒนาโครงสร้างพื้นฐานดิจิทัลและอินเทอร์เน็ตความเร็วสูงให้ครอบคลุมทั่วประเทศ"),
    make_item("2", "ยกระดับการให้บริการประชาชนผ่านบริการอิเล็กทรอนิกส์",
              make_item("2.1", "พัฒนาระบบนัดหมายและแจ้งเตือนรายบุคคล")),
    make_item("3", "พัฒนากำลังคนและทักษะดิจิทัลของบุคลากรภาครัฐ"),
    make_item("4", "เสริมสร้างความมั่นคงปลอดภัยไซเบอร์และคุ้มครองข้อมูลส่วนบุคคล"),
)
OTHER = make_framework("fw-b", make_item("1", "ส่งเสริมการเปิดเผยข้อมูลภาครัฐ"), make_item("2", "อำนวยความสะดวกภาคธุรกิจ"))


def scores(title: str, *frameworks: object, description: str | None = None) -> dict[str, float]:
    matcher = Matcher(frameworks or (FRAMEWORK,), INDEXES)  # type: ignore[arg-type]
    scored = matcher.score(make_objective("x", title, description=description))
    return {str(ref): score for ref, score in zip(scored.targets.refs, scored.scores, strict=True)}


def best(title: str, **kwargs: object) -> str:
    result = scores(title, **kwargs)  # type: ignore[arg-type]
    strategies = {k: v for k, v in result.items() if "." not in k.split(":")[1]}
    return max(strategies, key=strategies.__getitem__)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("ขยายโครงข่ายบรอดแบนด์ไปยังหมู่บ้าน", "fw-a:1"),
        ("Develop e-Service for citizens", "fw-a:2"),  # English meets Thai through the glossary
        ("อบรมข้าราชการให้ใช้เทคโนโลยีดิจิทัล", "fw-a:3"),  # ข้าราชการ meets บุคลากร through the workforce concept
        ("ป้องกันมัลแวร์เรียกค่าไถ่ในระบบของกรม", "fw-a:4"),  # ransomware is a kind of cyber threat
        ("พัฒนาระบบดิจิตอลให้ประชาชนจองคิวออนไลน์", "fw-a:2"),  # old spelling ดิจิตอล
    ],
)
def test_the_strategy_a_planner_would_pick_ranks_first(title: str, expected: str) -> None:
    assert best(title) == expected


def test_scores_are_in_unit_interval_and_cover_every_item() -> None:
    result = scores("พัฒนาระบบบริการอิเล็กทรอนิกส์")
    assert set(result) == {"fw-a:1", "fw-a:2", "fw-a:2.1", "fw-a:3", "fw-a:4"}
    assert all(0.0 <= v <= 1.0 for v in result.values())


def test_a_strategy_draws_on_its_measures() -> None:
    # นัดหมาย is only in measure 2.1; the strategy is read with its measures, so it inherits the word.
    with_measure = scores("จัดทำระบบนัดหมาย")
    framework = make_framework("fw-a", *(make_item(s.id, s.title) for s in FRAMEWORK.items))
    without = scores("จัดทำระบบนัดหมาย", framework)
    assert with_measure["fw-a:2"] > without["fw-a:2"]


def test_an_objective_that_names_nothing_digital_scores_low() -> None:
    digital = max(scores("พัฒนาบุคลากรด้วยหลักสูตรดิจิทัลออนไลน์").values())
    manual = max(scores("พัฒนาบุคลากรด้านการกู้ภัยและการปฐมพยาบาล").values())
    assert manual < 0.2 < digital


def test_unrelated_text_scores_zero() -> None:
    assert max(scores("ขุดลอกคูคลองป้องกันน้ำท่วม").values()) == 0.0


def test_one_frameworks_scores_do_not_depend_on_the_others_checked_alongside() -> None:
    alone = scores("จัดทำบริการอิเล็กทรอนิกส์และเปิดเผยข้อมูล", FRAMEWORK)
    together = scores("จัดทำบริการอิเล็กทรอนิกส์และเปิดเผยข้อมูล", FRAMEWORK, OTHER)
    assert {k: v for k, v in together.items() if k.startswith("fw-a")} == alone


def test_evidence_names_the_shared_terms_most_informative_first() -> None:
    matcher = Matcher((FRAMEWORK,), INDEXES)
    links = matcher.score(make_objective("x", "ป้องกันภัยคุกคามไซเบอร์")).ranked()
    link = next(s for s in links if s.target == ItemRef.parse("fw-a:4"))
    assert link.evidence[0].shared == "ความมั่นคงปลอดภัยไซเบอร์"
    assert "ดิจิทัล" not in [term.shared for term in link.evidence]


def test_an_unknown_misspelling_is_read_as_the_framework_word() -> None:
    # "ความมั่นคงปลอดภัย" mistyped: rapidfuzz at word level, never on whole unsegmented strings.
    framework = make_framework("fw-c", make_item("1", "พัฒนาระบบสารสนเทศภูมิศาสตร์"), make_item("2", "ส่งเสริมการท่องเที่ยว"))
    result = scores("ปรับปรุงระบบสารสนเทศภูมิศาตร์", framework)
    assert result["fw-c:1"] > result["fw-c:2"]


def test_scoring_is_deterministic() -> None:
    first = Matcher((FRAMEWORK, OTHER), INDEXES).score(make_objective("x", "บริการออนไลน์ของกรม"))
    second = Matcher((FRAMEWORK, OTHER), Indexes(Analyzer(load()))).score(make_objective("x", "บริการออนไลน์ของกรม"))
    assert first.ranked() == second.ranked()


def test_calibration_is_monotone_and_anchored() -> None:
    weights = Weights()
    values = weights.calibrate(np.array([0.0, 0.05, weights.half_point, 0.3, 1.0])).tolist()
    assert values[0] == 0.0 and values[2] == pytest.approx(0.5)
    assert values == sorted(values)


# The formula of scorer.py's docstring, written out pair by pair in plain Python: the reference the array
# implementation must equal to the last bit.
def _pair_by_pair(matcher: Matcher, objective: Objective) -> list[LinkScore]:
    query = matcher.analyzer.features(objective.text)
    factor = 1.0 if query.digital else matcher.analyzer.weights.no_digital_factor
    alpha = matcher.analyzer.weights.alpha
    result = []
    for framework in matcher.frameworks:
        index = INDEXES(framework)
        weights = scorer._with_variants(query, index)
        readings = _item_readings(matcher, framework)
        mass = 0.0
        for f, w in weights.items():  # left to right
            mass += w * index.idf.get(f, index.unknown_idf)
        shared: dict[int, list[tuple[float, str]]] = defaultdict(list)
        for feature, qw in weights.items():
            idf = index.idf.get(feature)
            if idf is None:
                continue
            for item, dw in _posting(index, feature):
                shared[item].append((min(qw, dw) * idf, feature))
        for item, (ref, item_mass) in enumerate(zip(index.refs, index.masses, strict=True)):
            contributions = shared.get(item, [])
            overlap = 0.0
            for contribution, _ in contributions:  # left to right, in the query's feature order
                overlap += contribution
            denominator = (mass**alpha) * (item_mass ** (1 - alpha)) if mass and item_mass else 0.0
            raw = factor * overlap / denominator if denominator else 0.0
            raw *= _planner_factor(matcher, query, readings[ref.item])
            calibrated = matcher.analyzer.weights.calibrate(np.array([raw])).tolist()[0]
            result.append(LinkScore(ref, calibrated, ()))
    return result


def _item_readings(matcher: Matcher, framework: Framework) -> dict[str, dict[str, float]]:
    """Each item's reading: its own wording's kinds of work and people, its measures' kinds at less weight."""
    analyzer = matcher.analyzer
    readings: dict[str, dict[str, float]] = {}

    def collect(item: FrameworkItem) -> Features:
        features = analyzer.item_features(item)
        for child in item.items:
            features.merge(collect(child), roles=analyzer.weights.child_roles)
        readings[item.id] = features.reading
        return features

    for strategy in framework.items:
        collect(strategy)
    return readings


def _planner_factor(matcher: Matcher, query: Features, item: dict[str, float]) -> float:
    """The share of the text's kinds of work the item names, gated; less again where they name different people."""
    weights = matcher.analyzer.weights
    named = covered = 0.0
    for key in ROLE_KEYS:
        named += query.reading.get(key, 0.0)
        covered += min(query.reading.get(key, 0.0), item.get(key, 0.0))
    share = covered / named if named > 0 else 1.0
    factor = 1.0 - weights.role_gate + weights.role_gate * share
    mine = {key for key, value in query.reading.items() if key.startswith("b:") and value >= 1.0}
    theirs = {key for key, value in item.items() if key.startswith("b:") and value >= 1.0}
    return factor * (1.0 - weights.serves_conflict) if mine and theirs and not mine & theirs else factor


def _posting(index: FrameworkIndex, feature: str) -> list[tuple[int, float]]:
    row = index.postings.ids[feature]
    start, end = index.postings.starts[row], index.postings.starts[row + 1]
    return list(zip(index.postings.items[start:end].tolist(), index.postings.weights[start:end].tolist(), strict=True))


def _labelled_and_bundled_plans() -> list[Plan]:
    return [load_plan(path) for d in ("plan", "benchmarks/devset", "benchmarks/realset")
            for path in sorted((REPO / d).glob("*.yaml"))]


def _mixed_objectives(plans: list[Plan], count: int) -> list[Objective]:
    """Objectives made of clauses of the labelled ones, recombined, some repeated: a batch of many texts."""
    clauses = sorted({c for plan in plans for o in plan.objectives for c in o.text.split() if len(c) > 3})
    rng = random.Random(8)
    texts = [" ".join(rng.sample(clauses, rng.randint(1, 4))) for _ in range(count)]
    texts += texts[: count // 10]  # the same text twice is scored once and given to both
    return [make_objective(str(number), text) for number, text in enumerate(texts)]


def test_scores_equal_the_formula_written_pair_by_pair_bit_for_bit() -> None:
    plans = _labelled_and_bundled_plans()
    frameworks = load_frameworks([bundled.frameworks_dir()])
    batches = [(plan.objectives, tuple(frameworks[f] for f in plan.frameworks)) for plan in plans]
    batches.append((_mixed_objectives(plans, 300), tuple(frameworks.values())))
    compared = 0
    for objectives, checked in batches:
        matcher = Matcher(checked, INDEXES)
        scored = matcher.score_plans([objectives])[0]
        for objective in objectives:
            # The same float scores (==, not approx) in the same item order.
            links = scored[objective.id]
            as_given = [LinkScore(ref, score, ()) for ref, score in zip(links.targets.refs, links.scores, strict=True)]
            assert as_given == _pair_by_pair(matcher, objective), objective.id
            compared += len(as_given)
    assert compared > 12_000


def test_an_objective_scores_alike_alone_and_in_a_batch() -> None:
    objectives = _mixed_objectives(_labelled_and_bundled_plans(), 100)
    matcher = Matcher((FRAMEWORK, OTHER), INDEXES)
    batch = matcher.score_plans([objectives])[0]
    assert all(matcher.score(o).ranked() == batch[o.id].ranked() for o in objectives[:20])
    twice = objectives[-1]
    first = next(o for o in objectives if o.text == twice.text and o is not twice)
    assert batch[first.id] is batch[twice.id]  # one text, scored once


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.sampled_from([0.5, 1.0, 1.5, 2.0 / 3.0]), st.integers(0, 30)),
                min_size=1, max_size=60, unique_by=lambda entry: (entry[0], entry[2])))
def test_pairs_are_ordered_by_sum_then_label_as_lexsort_orders_them(entries: list[tuple[int, float, int]]) -> None:
    pairs, totals, ranks = (np.array(column) for column in zip(*entries, strict=True))
    expected = np.lexsort((ranks, -totals, pairs)).tolist()  # (pair, rank) distinct: one order only
    assert sparse._by_pair_sum_label(pairs, totals, ranks, 31).tolist() == expected
    assert sparse._by_pair_sum_label(pairs, totals, ranks, 2**62).tolist() == expected  # too large: lexsort


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.floats(min_value=0, max_value=1e6), max_size=6), max_size=8))
def test_runs_are_added_left_to_right(runs: list[list[float]]) -> None:
    bounds = np.cumsum([0] + [len(run) for run in runs])
    values = np.array([value for run in runs for value in run], dtype=np.float64)
    assert sparse.add_up_runs(values, bounds).tolist() == [_left_to_right(run) for run in runs]


def _left_to_right(run: list[float]) -> float:
    total = 0.0
    for value in run:
        total += value
    return total


def _terms(title: str, framework: object, item: str) -> tuple[Term, ...]:
    matcher = Matcher((framework,), INDEXES)  # type: ignore[arg-type]
    scored = matcher.score(make_objective("x", title))
    return scored.evidence(scored.targets.refs.index(ItemRef.parse(item)))


def test_evidence_shows_the_words_of_both_texts_and_no_fragments_of_a_phrase() -> None:
    framework = make_framework("fw-e", make_item("1", "ศูนย์บริการแบบเบ็ดเสร็จสำหรับประชาชน"),
                               make_item("2", "พัฒนาโครงสร้างพื้นฐานดิจิทัล"))
    terms = _terms("เปิดศูนย์บริการเบ็ดเสร็จ ณ จุดเดียวด้านทะเบียนราษฎร", framework, "fw-e:1")
    one_stop = next(t for t in terms if t.kind == "concept" and t.shared == "เบ็ดเสร็จ ณ จุดเดียว")
    assert one_stop.objective == "เบ็ดเสร็จณจุดเดียว" and one_stop.target == "ศูนย์บริการแบบเบ็ดเสร็จ"
    assert one_stop.item == "1" and one_stop.field == "title"
    # จุด and เดียว are the phrase's words, not evidence of their own; ด้าน is filler.
    assert not {"จุด", "เดียว", "ด้าน"} & {t.shared for t in terms}


def test_a_broader_concept_step_is_shown_as_a_step() -> None:
    framework = make_framework("fw-e", make_item("1", "ขยายอินเทอร์เน็ตความเร็วสูงให้ครอบคลุม"),
                               make_item("2", "ส่งเสริมการค้าออนไลน์"))
    terms = _terms("ติดตั้ง Free Wi-Fi ในหมู่บ้าน", framework, "fw-e:1")
    step = next(t for t in terms if t.kind == "concept" and (t.objective_path or t.target_path))
    assert step.objective == "free wi-fi" and step.target == "อินเทอร์เน็ตความเร็วสูง"
    assert step.shared == step.objective_path[-1] == step.target_path[-1]  # both step up to what they share


def test_evidence_from_our_keywords_says_so_and_carries_the_score() -> None:
    framework = make_framework("fw-e", make_item("1", "ปรับเปลี่ยนภาครัฐ", keywords=("ระบบสารบรรณอิเล็กทรอนิกส์",)),
                               make_item("2", "ส่งเสริมการค้าออนไลน์"))
    terms = _terms("พัฒนาระบบสารบรรณอิเล็กทรอนิกส์ของสำนักงาน", framework, "fw-e:1")
    assert terms and terms[0].field == "keywords"
