"""Property tests (hypothesis): arbitrary Unicode never makes align fail with anything but an InputError,
and tokenising is deterministic.

Example counts are bounded so that the whole module runs in a few seconds on CI's two cores.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from align import pipeline
from align.errors import AlignError
from align.loading import yamlfile
from align.loading.frameworks import load_framework
from align.loading.plans import load_plan
from align.matching.normalize import normalize
from align.matching.text import Tokenizer

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DOCUMENTS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(document: Any) -> str:
    return yaml.dump(document, Dumper=DUMPER, allow_unicode=True)

# Characters that break text pipelines: Thai letters, vowels and tone marks (alone they are combining marks),
# Thai digits, zero-width and bidi controls, soft hyphen, combining accents, emoji with ZWJ, control characters.
TRICKY = list("กขคงดตทนบปมยรลวสหอฮะาำิีึืุูเแโใไ่้๊๋็์ํฯๆ๐๑๙") + [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u202e", "\u0301", "\u0308",
    "👩\u200d💻", "🇹🇭", "\x00", "\x07", "\x1b", "\t", "\n", "\r", "\u2028", "\u0085", " ", "\u00a0", "ﬁ", "Ａ",
    "ดิจิตอล", "ดิจิทัล", "e-Service", "Smart City", "AI", "5G", "พ.ศ.", "-", ".", ":", "'", '"', "[", "]",
]
CHARACTERS = st.characters(exclude_categories=["Cs"])  # lone surrogates cannot come out of a decoded file
TEXT = st.lists(st.one_of(CHARACTERS, st.sampled_from(TRICKY)), max_size=40).map("".join)
YAML_PIECES = TRICKY + ["plan:", "objectives:", "framework:", "items:", "id:", "title:", "aligns_with:", "- ",
                        "\n  ", "\n    ", "&a ", "*a", "!!str ", "!!python/object ", "? ", "{", "}", ",", "|", ">",
                        "#", "---\n", "...\n", "%YAML 1.1\n", "<<: ", "1.10", "2023", "~", "yes", "2023-02-30"]
YAML_ISH = st.lists(st.one_of(st.sampled_from(YAML_PIECES), TEXT), max_size=30).map("".join)

SCALAR = st.one_of(TEXT, st.integers(), st.floats(allow_nan=False), st.booleans(), st.none())
VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                     max_leaves=8)
LINK = st.one_of(TEXT, st.sampled_from(["fw-test:1", "fw-test:9", "other:1", "fw-test:", ":1", "fw-test:1.1"]))


DELETE = object()
EDGE_VALUES: list[Any] = [DELETE, None, "", "  ", "\u200b", [], {}, [None], 0, -1, 1.10, True, "2023-02-30", "x" * 3000,
                          "fw-test:1", ["fw-test:9"], [2027, 2023], [2566, 2570], {"th": "x"}]


def mutate(document: Any, path: tuple[str | int, ...], value: Any) -> None:
    """Set (or, for DELETE, remove) the value at path, if the containers on the way are still there."""
    *parents, last = path
    for key in parents:
        if isinstance(document, dict) and key in document or isinstance(document, list) and isinstance(key, int) \
                and key < len(document):
            document = document[key]  # type: ignore[index]
        else:
            return
    if isinstance(document, dict):
        if value is DELETE:
            document.pop(last, None)
        else:
            document[last] = value
    elif isinstance(document, list) and isinstance(last, int) and last < len(document):
        if value is DELETE:
            del document[last]
        else:
            document[last] = value


def one_broken_field(valid: Any, paths: list[tuple[str | int, ...]]) -> st.SearchStrategy[Any]:
    """A valid document with one or two fields replaced by arbitrary values or removed: each problem stands alone,
    so code after the first check is reached too (a document broken everywhere stops at the first check)."""

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        document = draw(valid)
        for _ in range(draw(st.integers(1, 2))):
            value = draw(st.one_of(st.sampled_from(EDGE_VALUES), VALUE, LINK))
            mutate(document, draw(st.sampled_from(paths)), value)
        return document

    return build()


def plan_with(titles: list[str], links: list[str]) -> dict[str, Any]:
    return {
        "plan": {"id": "p", "title": "แผน", "owner": "กทม.", "period": [2023, 2027], "frameworks": ["fw-test"],
                 "source": "https://example.org"},
        "objectives": [{"id": str(n), "title": t, "description": t, "aligns_with": links}
                       for n, t in enumerate(titles)],
    }


BASE_PLAN = plan_with(["พัฒนาระบบบริการออนไลน์", "อบรมบุคลากร"], ["fw-test:1"])
VALID_PLAN = st.builds(plan_with, st.lists(TEXT, min_size=1, max_size=3), st.lists(LINK, max_size=2))
PLAN_PATHS: list[tuple[str | int, ...]] = [
    ("plan",), ("objectives",), ("extra",), ("plan", "id"), ("plan", "title"), ("plan", "owner"), ("plan", "period"),
    ("plan", "frameworks"), ("plan", "source"), ("plan", "period", 0), ("plan", "frameworks", 0), ("plan", "x"),
    ("objectives", 0), ("objectives", 1), ("objectives", 0, "id"), ("objectives", 1, "id"), ("objectives", 0, "title"),
    ("objectives", 0, "description"), ("objectives", 0, "aligns_with"), ("objectives", 0, "aligns_with", 0),
    ("objectives", 0, "source"), ("objectives", 0, "x"),
]
PLAN_DOCUMENT = one_broken_field(VALID_PLAN, PLAN_PATHS)

def framework_with(titles: list[str]) -> dict[str, Any]:
    return {
        "framework": {"id": "fw-test", "family": "dg", "title": "แผน", "title_en": "Plan", "issuer": "DGA",
                      "period": [2023, 2027], "source": ["a", "b"]},
        "items": [{"id": str(n + 1), "title": t, "title_en": t, "keywords": [t],
                   "items": [{"id": f"{n + 1}.1", "title": t}]} for n, t in enumerate(titles)],
    }


BASE_FRAMEWORK = framework_with(["บริการดิจิทัล", "กำลังคนดิจิทัล"])
VALID_FRAMEWORK = st.builds(framework_with, st.lists(TEXT, min_size=1, max_size=3))
FRAMEWORK_PATHS: list[tuple[str | int, ...]] = [
    ("framework",), ("items",), ("framework", "id"), ("framework", "family"), ("framework", "title"),
    ("framework", "title_en"), ("framework", "issuer"), ("framework", "period"), ("framework", "source"),
    ("framework", "source", 0), ("items", 0), ("items", 1), ("items", 0, "id"), ("items", 1, "id"),
    ("items", 0, "title"), ("items", 0, "keywords"), ("items", 0, "items"), ("items", 0, "items", 0),
    ("items", 0, "items", 0, "id"), ("items", 0, "items", 0, "title"), ("items", 0, "x"),
]
FRAMEWORK_DOCUMENT = one_broken_field(VALID_FRAMEWORK, FRAMEWORK_PATHS)


def documents_with_one_edge_value(valid: dict[str, Any], paths: list[tuple[str | int, ...]]) -> Iterator[str]:
    for path in paths:
        for value in EDGE_VALUES:
            document = json.loads(json.dumps(valid))
            mutate(document, path, value)
            yield dump(document)


def test_every_field_replaced_by_an_edge_value_loads_or_raises_input_errors(tmp_path: Path) -> None:
    # Exhaustive where hypothesis would be lucky: every field x every awkward value (None, "", [], ...).
    plan, framework = tmp_path / "plan.yaml", tmp_path / "fw-test.yaml"
    for text in documents_with_one_edge_value(BASE_PLAN, PLAN_PATHS):
        plan.write_text(text, encoding="utf-8")
        assert_only_input_errors(plan, load_plan)
    for text in documents_with_one_edge_value(BASE_FRAMEWORK, FRAMEWORK_PATHS):
        framework.write_text(text, encoding="utf-8")
        assert_only_input_errors(framework, load_framework)


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    # hypothesis reruns the test body in one test call: a module-wide directory, one file rewritten each time.
    with tempfile.TemporaryDirectory() as directory:
        yield Path(directory)


def assert_only_input_errors(path: Path, load: Any) -> None:
    try:
        load(path)
    except AlignError as exc:
        for line in exc.lines():
            assert line.startswith(str(path)), line
            assert not [c for c in line if unicodedata.category(c) in ("Cc", "Zl", "Zp")], line


@FAST
@given(st.binary(max_size=200))
def test_any_bytes_are_read_or_refused_with_a_yaml_problem(data: bytes) -> None:
    try:
        yamlfile.parse(yamlfile.decode(data))
    except yamlfile.YamlProblem as problem:
        assert "\n" not in problem.problem


@FAST
@given(YAML_ISH)
def test_yaml_like_text_is_read_or_refused_with_a_yaml_problem(text: str) -> None:
    try:
        yamlfile.parse(text)
    except yamlfile.YamlProblem as problem:
        assert "\n" not in problem.problem


@FAST
@given(YAML_ISH)
def test_loader_on_arbitrary_text_raises_only_input_errors(workdir: Path, text: str) -> None:
    path = workdir / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    assert_only_input_errors(path, load_plan)
    assert_only_input_errors(path, load_framework)


@DOCUMENTS
@given(PLAN_DOCUMENT)
def test_plan_shaped_documents_load_or_raise_input_errors(workdir: Path, document: dict[str, Any]) -> None:
    path = workdir / "plan.yaml"
    path.write_text(dump(document), encoding="utf-8")
    assert_only_input_errors(path, load_plan)


@DOCUMENTS
@given(FRAMEWORK_DOCUMENT)
def test_framework_shaped_documents_load_or_raise_input_errors(workdir: Path, document: dict[str, Any]) -> None:
    path = workdir / "fw-test.yaml"
    path.write_text(dump(document), encoding="utf-8")
    assert_only_input_errors(path, load_framework)


@FAST
@given(TEXT)
def test_loaded_text_is_normalised_and_stays_text(workdir: Path, title: str) -> None:
    path = workdir / "plan.yaml"
    document = {"plan": {"id": "p", "title": "แผน", "period": [2023, 2027], "frameworks": ["fw-test"]},
                "objectives": [{"id": "1", "title": title}]}
    path.write_text(dump(document), encoding="utf-8")
    try:
        plan = load_plan(path)
    except AlignError as error:
        # Refused only when there is nothing left to read, or for a control character (docs/input.md).
        assert not yamlfile.clean_text(title).strip() or (
            re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", title) and "control character" in str(error))
        return
    loaded = plan.objectives[0].title
    assert loaded == yamlfile.clean_text(loaded) == loaded.strip()
    assert "\u200b" not in loaded and "\ufeff" not in loaded


FRAMEWORK = """\
framework: {id: fw-test, family: dg, title: แผนทดสอบ, period: [2023, 2027], source: test}
items:
  - {id: "1", title: พัฒนาบริการดิจิทัลภาครัฐ, items: [{id: "1.1", title: บริการออนไลน์สำหรับประชาชน}]}
  - {id: "2", title: Digital workforce development}
"""


@SLOW
@given(st.lists(TEXT, min_size=1, max_size=3))
def test_checking_any_objective_text_gives_scores_in_range(workdir: Path, titles: list[str]) -> None:
    (workdir / "fw").mkdir(exist_ok=True)
    (workdir / "fw" / "fw-test.yaml").write_text(FRAMEWORK, encoding="utf-8")
    path = workdir / "plan.yaml"
    objectives = [{"id": str(n), "title": title, "aligns_with": ["fw-test:1"]} for n, title in enumerate(titles)]
    document = {"plan": {"id": "p", "title": "แผน", "period": [2023, 2027], "frameworks": ["fw-test"]},
                "objectives": objectives}
    path.write_text(dump(document), encoding="utf-8")
    try:
        result = pipeline.run(path, [workdir / "fw"])
    except AlignError:
        return  # an empty title, once normalised
    assert len(result.objectives) == len(titles)
    for objective in result.objectives:
        assert all(0.0 <= link.score <= 1.0 for link in objective.candidates)


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer(["รัฐบาลดิจิทัล", "ข้อมูลเปิด"])


@FAST
@given(TEXT)
def test_tokenising_never_fails_and_is_deterministic(tokenizer: Tokenizer, text: str) -> None:
    tokens = tokenizer.tokens(text)
    assert tokens == tokenizer.tokens(text)
    assert tokenizer.words(text) == tokenizer.words(text)
    compact = normalize(text).replace(" ", "")
    for token in tokens:
        assert token.text and not any(c.isspace() for c in token.text)
        assert compact[token.start: token.end] == token.text
    assert [t.start for t in tokens] == sorted(t.start for t in tokens)


def test_tokenising_is_the_same_in_another_process(tokenizer: Tokenizer) -> None:
    # Hash randomisation differs between processes: set or dict order must never leak into the tokens.
    texts = ["ดิจิตอล ดิจิทัล รัฐบาลดิจิทัล ข้อมูลเปิด", "พัฒนา Smart City และ e-Service ๒๕๖๖",
             "ขับเคลื่อน\u200bเศรษฐกิจ ต่างๆ กทม. AIและIoT", "น\u0e4d\u0e49\u0e32ท่วม 👩\u200d💻 café"]
    program = ("import json,sys\nfrom align.matching.text import Tokenizer\nt=Tokenizer(['รัฐบาลดิจิทัล','ข้อมูลเปิด'])\n"
               "print(json.dumps([[k.text for k in t.tokens(s)] for s in json.load(sys.stdin)]))")
    done = subprocess.run([sys.executable, "-c", program], input=json.dumps(texts), capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert json.loads(done.stdout) == [[k.text for k in tokenizer.tokens(s)] for s in texts]
