"""SARIF 2.1.0: checked against the structure the OASIS schema requires of the parts align writes.

The subset below restates the OASIS 2.1.0 schema's rules for those objects (required members, enums, types),
with additionalProperties closed so a misspelt member fails here instead of being ignored by code scanning.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema

from align.report import sarif

from ..conftest import make_passing_result, make_result

_TEXT = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
_LEVEL = {"enum": ["none", "note", "warning", "error"]}
SARIF_SUBSET: dict[str, Any] = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "required": ["tool"],
            "additionalProperties": False,
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object", "required": ["name"], "additionalProperties": False,
                    "properties": {
                        "name": {"type": "string"},
                        "semanticVersion": {"type": "string"},
                        "rules": {"type": "array", "items": {
                            "type": "object", "required": ["id"], "additionalProperties": False,
                            "properties": {
                                "id": {"type": "string"}, "name": {"type": "string"}, "shortDescription": _TEXT,
                                "defaultConfiguration": {"type": "object", "properties": {"level": _LEVEL}},
                            },
                        }},
                    },
                }}},
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                "results": {"type": "array", "items": {
                    "type": "object", "required": ["message"], "additionalProperties": False,
                    "properties": {
                        "ruleId": {"type": "string"},
                        "ruleIndex": {"type": "integer", "minimum": -1},
                        "level": _LEVEL,
                        "message": _TEXT,
                        "locations": {"type": "array", "items": {"type": "object", "properties": {
                            "physicalLocation": {"type": "object", "additionalProperties": False, "properties": {
                                "artifactLocation": {"type": "object", "additionalProperties": False, "properties": {
                                    "uri": {"type": "string", "format": "uri-reference"},
                                    "uriBaseId": {"type": "string"},
                                }},
                                "region": {"type": "object", "properties": {
                                    "startLine": {"type": "integer", "minimum": 1}}},
                            }},
                        }}},
                        "partialFingerprints": {"type": "object", "additionalProperties": {"type": "string"}},
                        "suppressions": {"type": "array", "items": {
                            "type": "object", "required": ["kind"], "properties": {
                                "kind": {"enum": ["inSource", "external"]},
                                "status": {"enum": ["accepted", "underReview", "rejected"]},
                                "justification": {"type": "string"},
                            },
                        }},
                        "properties": {"type": "object"},
                    },
                }},
            },
        }},
    },
}


def test_the_log_has_the_structure_sarif_2_1_0_requires() -> None:
    log = json.loads(sarif.render(make_result()))
    jsonschema.validate(log, SARIF_SUBSET)
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_results_point_at_the_plan_line_and_only_failing_ones_are_errors() -> None:
    [run] = json.loads(sarif.render(make_result()))["runs"]
    located = [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]]
    assert located == [
        ("weak-link", "warning", "plan/test.yaml", 14),
        ("unaligned", "error", "plan/test.yaml", 18),
        ("unaligned", "warning", "plan/test.yaml", 22),
        ("gap", "warning", "plan/test.yaml", 5),
        ("low-coverage", "error", "plan/test.yaml", 5),
        ("stale-waiver", "warning", "align-waivers.yaml", 6),
    ]


def test_a_waived_finding_is_an_accepted_suppression_with_its_reason() -> None:
    [run] = json.loads(sarif.render(make_result()))["runs"]
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert [(r["properties"]["subject"], r["suppressions"]) for r in suppressed] == [
        ("2.2", [{"kind": "external", "status": "accepted", "justification": "ดูแลโดยแผนพัฒนากรุงเทพมหานคร 20 ปี"}])
    ]


def test_fingerprints_ignore_the_line_so_a_finding_survives_edits_above_it() -> None:
    result = make_result()
    before = json.loads(sarif.render(result))["runs"][0]["results"][1]["partialFingerprints"]
    object.__setattr__(result.findings[1], "line", 99)
    after = json.loads(sarif.render(result))["runs"][0]["results"][1]["partialFingerprints"]
    assert before == after


def test_several_plans_are_one_run_and_thai_paths_are_percent_encoded() -> None:
    result = make_passing_result()
    object.__setattr__(result.findings[0], "path", Path("แผน/ฉบับ ร่าง.yaml"))
    log = json.loads(sarif.render_many([make_result(), result]))
    assert len(log["runs"]) == 1
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert quote("แผน/ฉบับ ร่าง.yaml") in uris
    assert "%E0%B9%81%E0%B8%9C%E0%B8%99/" in quote("แผน/ฉบับ ร่าง.yaml")
