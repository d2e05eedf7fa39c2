"""JUnit XML read back by xml.etree and by junitparser, a JUnit consumer used by CI test-report tools."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import junitparser

from align.report import junit

from ..conftest import make_passing_result, make_result


def test_a_standard_consumer_reads_one_case_per_objective_and_strategy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "junit.xml"
    path.write_text(junit.render(make_result()), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(path))
    [suite] = list(xml)
    cases = {case.name: case for case in suite}
    assert (suite.name, suite.tests, suite.failures) == ("test-plan", 10, 2)
    objectives = [c.name for c in suite if c.classname == "test-plan.objectives"]
    assert objectives == ["1.1 พัฒนาระบบบริการออนไลน์ให้ประชาชน", "1.2 อบรมเจ้าหน้าที่ [ด้านข้อมูล]",
                          '2.1 ขุดลอกคูคลอง, "ป้องกัน" น้ำท่วม | ฤดูฝน', "2.2 ปลูกต้นไม้ริมถนน"]
    failed = cases['2.1 ขุดลอกคูคลอง, "ป้องกัน" น้ำท่วม | ฤดูฝน']
    [failure] = failed.result
    assert isinstance(failure, junitparser.Failure)
    assert failure.type == "unaligned"
    assert failure.text == "plan/test.yaml:18: unaligned: serves no strategy of fw-a (no link at or above weak)"
    waived = cases["2.2 ปลูกต้นไม้ริมถนน"]
    assert waived.is_passed and "waived: ดูแลโดยแผนพัฒนากรุงเทพมหานคร 20 ปี" in (waived.system_out or "")
    assert not cases["fw-a coverage"].is_passed
    assert [c.name for c in suite if c.classname == "test-plan.fw-a"][:3] == [
        "fw-a:1 โครงสร้างพื้นฐานดิจิทัล", "fw-a:2 บริการภาครัฐดิจิทัล", "fw-a:3 กำลังคนดิจิทัล"]


def test_several_plans_make_one_document_with_a_suite_each() -> None:
    root = ET.fromstring(junit.render_many([make_result(), make_passing_result()]))
    assert root.tag == "testsuites"
    assert [(s.get("name"), s.get("failures")) for s in root] == [("test-plan", "2"), ("test-plan", "0")]
    assert (root.get("tests"), root.get("failures")) == ("20", "2")


def test_control_characters_in_titles_still_give_well_formed_xml() -> None:
    result = make_result()
    objective = result.objectives[0].objective
    object.__setattr__(objective, "title", "ข้อความ\x0bมีอักขระควบคุม\x00")
    root = ET.fromstring(junit.render(result))
    names = [case.get("name") for case in root.iter("testcase")]
    assert "1.1 ข้อความ\ufffdมีอักขระควบคุม\ufffd" in names
