"""Ids of any style order naturally and never crash a check: digits of any script, Thai and Latin letters, symbols."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from io import StringIO
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.console import Console

from align import explanation, pipeline
from align.labels import Labels
from align.loading.yamlfile import clean_text
from align.model import natural_key
from align.report import Format, render_bytes
from align.report import explanation as explanation_report
from align.result import Outcome

from .conftest import CliResult

Run = Callable[..., CliResult]

DIGITAL = "พัฒนาระบบบริการอิเล็กทรอนิกส์ (e-Service) และเชื่อมโยงข้อมูลภาครัฐ"
"""Every objective says the same digital thing, so several serve one strategy and their ids get sorted."""


def test_ids_sort_as_people_read_them() -> None:
    ids = ["A", "1.10", "2", "1.9", "1", "๑.๓", "ก.1", "1.2a", "1.2", "²", "b", "1-3", "01"]
    assert sorted(ids, key=natural_key) == ["01", "1", "1-3", "1.2", "1.2a", "๑.๓", "1.9", "1.10", "2", "A", "b",
                                            "²", "ก.1"]
    assert sorted(["๑", "1", "01"], key=natural_key) == ["01", "1", "๑"]  # one value: the text breaks the tie


_ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(_ANY_TEXT, max_size=8))
def test_natural_key_orders_any_texts_totally(texts: list[str]) -> None:
    keys = [natural_key(t) for t in texts]
    ordered = sorted(texts, key=natural_key)  # never compares a number with text
    assert sorted(ordered, key=natural_key) == ordered
    for a, ka in zip(texts, keys, strict=True):
        for b, kb in zip(texts, keys, strict=True):
            assert (ka == kb) == (a == b)  # equal keys only for equal ids: the order is total, ties impossible


# --- valid ids of every style, in plans and frameworks, through every format ------------------------------------

_ID_CHARS = st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn", "Cf", "Zl", "Zp"))
_OBJECTIVE_ID = st.text(_ID_CHARS, min_size=1, max_size=8).map(lambda t: " ".join(t.split())).filter(bool)
_ITEM_ID = st.from_regex(r"[0-9A-Za-z][0-9A-Za-z._-]{0,5}", fullmatch=True)
_FRAMEWORK_ID = st.from_regex(r"[a-z0-9]{1,4}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)


def _distinct(ids: Sequence[str]) -> bool:
    # The loader reads ids as NFC text without invisible characters: distinct ids must stay distinct there.
    return len({clean_text(unicodedata.normalize("NFC", i)).strip() for i in ids}) == len(ids)


def write_case(root: Path, framework_ids: Sequence[str], item_ids: Sequence[str], objective_ids: Sequence[str]) -> Path:
    """Frameworks with these ids (two strategies each, the rest as measures of the first), and a plan whose
    objectives all say the same digital thing and declare a link to an item of each framework."""
    fw_dir = root / "frameworks"
    fw_dir.mkdir(parents=True)
    for fw_id in framework_ids:
        first, second, *measures = item_ids
        items = [
            {"id": first, "title": "พัฒนาบริการภาครัฐด้วยระบบอิเล็กทรอนิกส์และข้อมูลดิจิทัล",
             "items": [{"id": m, "title": f"มาตรการเชื่อมโยงข้อมูลภาครัฐ {n}"} for n, m in enumerate(measures)]},
            {"id": second, "title": "พัฒนาโครงสร้างพื้นฐานดิจิทัลและเครือข่ายอินเทอร์เน็ต"},
        ]
        header = {"id": fw_id, "family": "dg", "title": f"แผนทดสอบ {fw_id}", "period": [2023, 2027],
                  "source": "test data"}
        _dump(fw_dir / f"{fw_id}.yaml", {"framework": header, "items": items})
    objectives = [{"id": oid, "title": DIGITAL, "aligns_with": [f"{fw}:{item_ids[-1]}" for fw in framework_ids]}
                  for oid in objective_ids]
    plan = {"plan": {"id": "ids-plan", "title": "แผนทดสอบรหัส", "period": [2023, 2027],
                     "frameworks": list(framework_ids)}, "objectives": objectives}
    path = root / "plan.yaml"
    _dump(path, plan)
    return path


def _dump(path: Path, document: object) -> None:
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")


@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    framework_ids=st.lists(_FRAMEWORK_ID, min_size=1, max_size=2, unique=True),
    item_ids=st.lists(_ITEM_ID, min_size=2, max_size=5, unique=True),
    objective_ids=st.lists(_OBJECTIVE_ID, min_size=1, max_size=5).filter(_distinct),
)
@example(framework_ids=["fw-a"], item_ids=["1", "A", "1.10", "1.9"], objective_ids=["1", "A", "²", "๑.๒"])
@example(framework_ids=["fw-a", "fw-b"], item_ids=["a", "1", "B-2", "1.1"], objective_ids=["ก.1", "1", "1.1", "x²"])
def test_any_valid_ids_check_in_every_format(
    tmp_path_factory: pytest.TempPathFactory, framework_ids: list[str], item_ids: list[str], objective_ids: list[str]
) -> None:
    root = tmp_path_factory.mktemp("ids")
    plan_path = write_case(root, framework_ids, item_ids, objective_ids)
    result = pipeline.run(plan_path, [root / "frameworks"])
    assert result.outcome in {Outcome.PASSED, Outcome.FAILED}
    for fmt in Format:
        assert render_bytes([result], fmt)
    for objective in result.objectives:
        explained = explanation.explain(result, objective.objective.id, every=True, labels=Labels())
        console = Console(file=StringIO(), width=100)
        console.print(explanation_report.build(explained, Labels().lang, marks=True))


MIXED = (["fw-a", "fw-b"], ["1", "A", "1.10", "1.9", "b-2"], ["1", "A", "²", "๑.๒", "ข้อ 3", "1.10"])
"""The id styles that crashed checks before (issue 15): digits with letters, a superscript, Thai digits."""


@pytest.mark.parametrize("fmt", [f.value for f in Format])
def test_mixed_id_styles_check_from_the_command_line(run_cli: Run, tmp_path: Path, fmt: str) -> None:
    plan = write_case(tmp_path, *MIXED)
    out = ["-o", str(tmp_path / f"report.{fmt}")] if fmt == "xlsx" else []
    result = run_cli("check", str(plan), "--frameworks", str(tmp_path / "frameworks"), "-f", fmt, *out)
    assert result.exit_code in {0, 1}, result.stderr
    assert result.stderr == (f"wrote the xlsx report to {tmp_path / 'report.xlsx'}\n" if out else "")


@pytest.mark.parametrize("objective", MIXED[2])
def test_mixed_id_styles_explain_from_the_command_line(run_cli: Run, tmp_path: Path, objective: str) -> None:
    plan = write_case(tmp_path, *MIXED)
    result = run_cli("explain", objective, "--plan", str(plan), "--frameworks", str(tmp_path / "frameworks"), "--all")
    assert result.exit_code == 0, result.stderr
    assert f"Why align links objective {objective} " in result.stdout
