"""Shared fixtures: tiny model builders, a YAML writer, and the CLI runner."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from align.kinds import FindingKind
from align.matching.text import Tokenizer  # noqa: E402
from align.model import Framework, FrameworkId, FrameworkItem, ItemId, ItemRef, Objective, ObjectiveId, Plan
from align.report import thai_wrap  # noqa: E402
from align.result import (
    Candidate,
    CheckResult,
    Coverage,
    Finding,
    Grade,
    ObjectiveResult,
    Outcome,
    Status,
    StrategyCoverage,
    Term,
    Waiver,
)
from align.scores import LinkScore, ObjectiveScores

# Every report a test renders wraps Thai at the words align's segmenter finds, as the command line makes them do;
# set once here so that no expected output depends on which test ran first.
thai_wrap.use_segmenter(Tokenizer().thai_words)

if TYPE_CHECKING:
    from .browser import Browser

REPO = Path(__file__).resolve().parents[1]
BUNDLED_IDS = ", ".join(sorted(path.stem for path in (REPO / "frameworks").glob("*.yaml")))
"""The bundled framework ids as messages list them, read from the directory (the bundled set grows)."""


def make_item(item_id: str, title: str, *children: FrameworkItem, **fields: object) -> FrameworkItem:
    return FrameworkItem(id=ItemId(item_id), title=title, items=tuple(children), **fields)  # type: ignore[arg-type]


def make_framework(fw_id: str, *items: FrameworkItem, period: tuple[int, int] = (2023, 2027)) -> Framework:
    return Framework(id=FrameworkId(fw_id), family="dg", title=f"แผน {fw_id}", period=period, items=tuple(items))


def make_objective(obj_id: str, title: str, *links: str, description: str | None = None, line: int = 10) -> Objective:
    return Objective(id=ObjectiveId(obj_id), title=title, description=description,
                     aligns_with=tuple(ItemRef.parse(link) for link in links), line=line)


def make_plan(*objectives: Objective, frameworks: tuple[str, ...] = ("fw-a",),
              period: tuple[int, int] = (2023, 2027), plan_id: str = "test-plan",
              framework_lines: tuple[int | None, ...] = ()) -> Plan:
    return Plan(id=plan_id, title="แผนทดสอบ", period=period,
                frameworks=tuple(FrameworkId(f) for f in frameworks), objectives=objectives,
                path=Path("plan/test.yaml"), framework_lines=framework_lines)


def make_scores(plan: Plan, frameworks: Sequence[Framework],
                given: Mapping[str, Mapping[str, float]]) -> dict[ObjectiveId, ObjectiveScores]:
    """Scores for assess(): every item of every framework, 0.0 unless `given[objective id]["fw:item"]` says."""
    scores = {}
    for objective in plan.objectives:
        mine = given.get(objective.id, {})
        scores[objective.id] = ObjectiveScores.of([
            LinkScore(ref, mine.get(str(ref), 0.0), terms(item.id, "หลักฐาน") if mine.get(str(ref)) else ())
            for fw in frameworks for item in fw.walk() for ref in [ItemRef(fw.id, item.id)]
        ])
    return scores


def make_result() -> CheckResult:
    """A fixed, hand-built result with one of everything reporters show; independent of the matcher and thresholds.

    Objective 1.1 is aligned (declared), 1.2 weak, 2.1 unaligned and failing, 2.2 unaligned but waived; strategy
    fw-a:1 is a gap, coverage is below a minimum, and one waiver is stale. Titles carry Thai, a comma, quotes,
    a pipe and markup-like brackets, which every format must keep intact.
    """
    fw = make_framework(
        "fw-a",
        make_item("1", "โครงสร้างพื้นฐานดิจิทัล", line=3),
        make_item("2", "บริการภาครัฐดิจิทัล", make_item("2.1", "บริการออนไลน์", line=8), line=6),
        make_item("3", "กำลังคนดิจิทัล", line=11),
    )
    o11 = make_objective("1.1", "พัฒนาระบบบริการออนไลน์ให้ประชาชน", "fw-a:2", line=10)
    o12 = make_objective("1.2", "อบรมเจ้าหน้าที่ [ด้านข้อมูล]", line=14)
    o21 = make_objective("2.1", 'ขุดลอกคูคลอง, "ป้องกัน" น้ำท่วม | ฤดูฝน', line=18)
    o22 = make_objective("2.2", "ปลูกต้นไม้ริมถนน", line=22)
    plan = make_plan(o11, o12, o21, o22, framework_lines=(5,))
    path = Path("plan/test.yaml")
    ref = ItemRef.parse

    def cand(target: str, score: float, grade: Grade, declared: bool = False, *evidence: str) -> Candidate:
        r = ref(target)
        return Candidate(r, ItemId(r.item.split(".")[0]), score, grade, declared, terms(r.item, *evidence))

    def result(objective: Objective, status: Status, *candidates: Candidate) -> ObjectiveResult:
        strategies = tuple(c for c in candidates if c.target.item == c.strategy)  # every strategy is listed
        return ObjectiveResult(objective, status, candidates, strategies)

    r11 = result(o11, Status.ALIGNED,
                 cand("fw-a:2", 0.82, Grade.STRONG, True, "บริการ", "ออนไลน์"),
                 cand("fw-a:2.1", 0.64, Grade.STRONG, True, "ออนไลน์"),
                 cand("fw-a:3", 0.05, Grade.NONE),
                 cand("fw-a:1", 0.0, Grade.NONE))
    r12 = result(o12, Status.WEAK,
                 cand("fw-a:3", 0.21, Grade.WEAK, False, "เจ้าหน้าที่"),
                 cand("fw-a:1", 0.03, Grade.NONE),
                 cand("fw-a:2", 0.0, Grade.NONE))
    r21 = result(o21, Status.UNALIGNED,
                 cand("fw-a:1", 0.04, Grade.NONE), cand("fw-a:2", 0.0, Grade.NONE), cand("fw-a:3", 0.0, Grade.NONE))
    r22 = result(o22, Status.UNALIGNED,
                 cand("fw-a:1", 0.0, Grade.NONE), cand("fw-a:2", 0.0, Grade.NONE), cand("fw-a:3", 0.0, Grade.NONE))
    coverage = Coverage(fw, (
        StrategyCoverage(fw.items[0], Grade.NONE, ()),
        StrategyCoverage(fw.items[1], Grade.STRONG, (ObjectiveId("1.1"),)),
        StrategyCoverage(fw.items[2], Grade.WEAK, (ObjectiveId("1.2"),)),
    ))
    waivers = Path("align-waivers.yaml")
    accepted = Waiver(ObjectiveId("2.2"), "ดูแลโดยแผนพัฒนากรุงเทพมหานคร 20 ปี", kind=FindingKind.UNALIGNED,
                      path=waivers, line=2)
    findings = (
        Finding(FindingKind.WEAK_LINK, "1.2", values(target="fw-a:3", score="0.21"), path, 14, ObjectiveId("1.2"),
                ref("fw-a:3")),
        Finding(FindingKind.UNALIGNED, "2.1", values(frameworks="fw-a"), path, 18, ObjectiveId("2.1"), fails=True),
        Finding(FindingKind.UNALIGNED, "2.2", values(frameworks="fw-a"), path, 22, ObjectiveId("2.2"),
                waived_by=accepted),
        Finding(FindingKind.GAP, "fw-a:1", values(target="fw-a:1", title="โครงสร้างพื้นฐานดิจิทัล"), path, 5,
                target=ref("fw-a:1")),
        Finding(FindingKind.LOW_COVERAGE, "fw-a", values(framework="fw-a", strong="1", total="3", ratio="33%",
                                                         minimum="0.5", needed="2"), path, 5, fails=True),
        Finding(FindingKind.STALE_WAIVER, "9.9", values(waiver="objective 9.9", subject="9.9", plan="test-plan",
                                                        objective="9.9"), waivers, 6, ObjectiveId("9.9"),
                variant="no-objective"),
    )
    return CheckResult(plan, (fw,), (r11, r12, r21, r22), (coverage,), findings, Outcome.FAILED, "plan/test.yaml")


def values(**named: str) -> tuple[tuple[str, str], ...]:
    """A finding's template values, as Finding holds them."""
    return tuple(named.items())


def make_passing_result() -> CheckResult:
    """make_result() with nothing failing: the failing findings removed, the outcome passed."""
    result = make_result()
    kept = tuple(f for f in result.findings if not f.fails)
    return CheckResult(result.plan, result.frameworks, result.objectives, result.coverage, kept, Outcome.PASSED,
                       result.plan_file)


FIXED_DAY = date(2025, 6, 1)
"""The day waiver expiry is judged against in tests."""


def build_result(
    plan: Plan,
    frameworks: tuple[Framework, ...],
    scores: dict[tuple[str, str], tuple[float, tuple[str, ...]]],
    findings: tuple[Finding, ...] = (),
    outcome: Outcome = Outcome.FAILED,
    strong: float = 0.30,
    weak: float = 0.15,
    readings: dict[str, tuple[tuple[str, str], ...]] | None = None,
) -> CheckResult:
    """A CheckResult built by hand from (objective id, "fw:item") -> (score, evidence); unlisted items score 0.

    Independent of score.py and assess.py on purpose: reporter tests must not move when the matcher or the
    thresholds are recalibrated. Grades, candidates, status and coverage follow output-json.md.
    """

    def grade(score: float) -> Grade:
        return Grade.STRONG if score >= strong else Grade.WEAK if score >= weak else Grade.NONE

    rank = {Grade.STRONG: 2, Grade.WEAK: 1, Grade.NONE: 0}
    results = []
    for objective in plan.objectives:
        declared = {str(link) for link in objective.aligns_with}
        links = []
        for fw in frameworks:
            for strategy in fw.items:
                for item in strategy.walk():
                    ref = ItemRef(fw.id, item.id)
                    score, evidence = scores.get((objective.id, str(ref)), (0.0, ()))
                    strategy_ref = f"{fw.id}:{strategy.id}"
                    if item is strategy:
                        is_declared = any(d == strategy_ref or d.startswith(strategy_ref + ".") for d in declared)
                    else:
                        is_declared = str(ref) in declared or strategy_ref in declared
                    links.append(Candidate(ref, strategy.id, score, grade(score), is_declared,
                                           terms(item.id, *evidence)))
        # A strategy's figure: the best of the strategy and its measures (the strategy's own on a tie).
        strategies = []
        for fw in frameworks:
            for strategy in fw.items:
                group = [c for c in links if c.target.framework == fw.id and c.strategy == strategy.id]
                own = group[0]
                top = max(group, key=lambda c: c.score)
                strategies.append(own._replace(score=top.score, grade=top.grade, evidence=top.evidence,
                                               via=None if top is own else top.target))
        measures = [c for c in links if c.target.item != c.strategy]
        order = lambda c: (-c.score, c.target.framework, c.target.item)  # noqa: E731
        strategies.sort(key=order)
        links = sorted([*strategies, *measures], key=order)
        shown: dict[str, int] = {}
        candidates = []
        for link in links:
            is_strategy = link.target.item == link.strategy
            top_three = is_strategy and shown.get(link.target.framework, 0) < 3
            if top_three or link.declared or link.grade is not Grade.NONE:
                candidates.append(link)
                if is_strategy:
                    shown[link.target.framework] = shown.get(link.target.framework, 0) + 1
        best = max((c.grade for c in strategies), key=rank.__getitem__, default=Grade.NONE)
        status = {Grade.STRONG: Status.ALIGNED, Grade.WEAK: Status.WEAK, Grade.NONE: Status.UNALIGNED}[best]
        results.append(ObjectiveResult(objective, status, tuple(candidates), tuple(strategies), tuple(links),
                                       (readings or {}).get(objective.id, ())))
    coverage = []
    for fw in frameworks:
        items = []
        for strategy in fw.items:
            on_strategy = [c for r in results for c in r.strategies if c.target == ItemRef(fw.id, strategy.id)]
            best = max((c.grade for c in on_strategy), key=rank.__getitem__, default=Grade.NONE)
            covering = sorted({r.objective.id for r in results for c in r.links
                               if c.target.framework == fw.id and c.strategy == strategy.id
                               and c.grade is not Grade.NONE})
            items.append(StrategyCoverage(strategy, best, tuple(covering)))
        coverage.append(Coverage(fw, tuple(items)))
    return CheckResult(plan, frameworks, tuple(results), tuple(coverage), findings, outcome,
                       plan_file="plan/test.yaml")


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[..., Path]:
    """Write dedented YAML text to tmp_path/name and return the path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


class CliResult:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run `align ARGS` in-process through typer's runner; stdout and stderr apart."""
    from align.cli import app

    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str) -> CliResult:
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


def link(target: str, score: float, *evidence: str) -> LinkScore:
    ref = ItemRef.parse(target)
    return LinkScore(ref, score, terms(ref.item, *evidence))


def terms(item: str, *words: str) -> tuple[Term, ...]:
    """Evidence of words both texts use as they are, in the item's title (a word "A>B" stands as A in the objective
    and B in the item, a broader concept both name; "A@1.1" stands in the title of measure 1.1 beneath the item)."""
    result = []
    for word in words:
        word, _, where = word.partition("@")
        mine, _, theirs = word.partition(">")
        result.append(Term(mine, "word", mine, theirs or mine, where or item, "title"))
    return tuple(result)


FW_A = make_framework(
    "fw-a",
    make_item("1", "พัฒนาโครงสร้างพื้นฐานดิจิทัล", make_item("1.1", "ขยายบรอดแบนด์")),
    make_item("2", "พัฒนาบริการประชาชน"),
    make_item("3", "พัฒนากำลังคนดิจิทัล"),
    make_item("4", "สร้างความเชื่อมั่น"),
)
FW_B = make_framework("fw-b", make_item("1", "เปิดเผยข้อมูล"), make_item("2", "อำนวยความสะดวกภาคธุรกิจ"))


def sample_scores() -> dict[str, ObjectiveScores]:
    """Hand-set scores of three objectives against FW_A and FW_B (every item)."""
    return {objective: ObjectiveScores.of(links) for objective, links in {
        "1": [link("fw-a:1", 0.82, "บรอดแบนด์", "โครงสร้างพื้นฐานดิจิทัล"), link("fw-a:1.1", 0.71, "บรอดแบนด์"),
              link("fw-a:2", 0.30, "บริการ"), link("fw-a:3", 0.05), link("fw-a:4", 0.0),
              link("fw-b:1", 0.10, "ข้อมูล"), link("fw-b:2", 0.65, "ธุรกิจ")],
        "2": [link("fw-a:1", 0.0), link("fw-a:1.1", 0.0), link("fw-a:2", 0.35, "บริการ"), link("fw-a:3", 0.12),
              link("fw-a:4", 0.0), link("fw-b:1", 0.02), link("fw-b:2", 0.0)],
        "3": [link("fw-a:1", 0.01), link("fw-a:1.1", 0.0), link("fw-a:2", 0.0), link("fw-a:3", 0.0),
              link("fw-a:4", 0.0), link("fw-b:1", 0.0), link("fw-b:2", 0.0)],
    }.items()}


def sample_plan() -> Plan:
    return make_plan(
        make_objective("1", "ขยายบรอดแบนด์ทุกตำบล", "fw-a:1", "fw-b:1"),
        make_objective("2", "พัฒนาบริการออนไลน์", "fw-a:3"),
        make_objective("3", "ขุดลอกคูคลอง"),
        frameworks=("fw-a", "fw-b"),
    )


def sample_result(policy: object = None, every_link: bool = False) -> CheckResult:
    from align.assess import Policy, assess

    return assess(sample_plan(), (FW_A, FW_B), sample_scores(), policy or Policy(),  # type: ignore[arg-type]
                  "plan/test.yaml", every_link)


ARTIFACTS = REPO / "test-artifacts"
"""Screenshots and files written for a person to look at after a test run (gitignored)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # With pytest-xdist, the browser tests all go to one worker: one chromium for the run, not one per worker.
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Browser]:
    """Headless chromium for the whole run; installed with apt-get first if missing (tests/browser.py)."""
    from .browser import Browser, ensure_chromium

    def announce(line: str) -> None:
        # Past pytest's capture (and xdist's), so the person waiting sees why the run pauses.
        capture = request.config.pluginmanager.getplugin("capturemanager")
        with capture.global_and_fixture_disabled():
            sys.stderr.write(f"\n{line}\n")
            sys.stderr.flush()

    chromium, driver = ensure_chromium(announce)
    session = Browser(chromium, driver, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield session
    finally:
        session.quit()
