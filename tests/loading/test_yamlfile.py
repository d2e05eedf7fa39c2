"""Safe YAML reading: every hostile or broken file is refused with a located problem, after bounded work."""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

import pytest
import yaml

from align.loading import yamlfile
from align.loading.yamlfile import Located, YamlProblem


def values(located: Located) -> object:
    """Plain Python values, lines dropped."""
    if isinstance(located.value, dict):
        return {k: values(v) for k, v in located.value.items()}
    if isinstance(located.value, list):
        return [values(v) for v in located.value]
    return located.value


def problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as info:
        yamlfile.parse(text)
    return info.value


def billion_laughs(levels: int = 10, width: int = 10) -> str:
    lines = ['a0: &a0 "lol"']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_values_keep_their_lines() -> None:
    root = yamlfile.parse("plan:\n  id: p\n  period: [2023, 2027]\n")
    assert values(root) == {"plan": {"id": "p", "period": [2023, 2027]}}
    assert root.value["plan"].value["period"].line == 3


def test_duplicate_key_is_refused_with_both_lines() -> None:
    found = problem("plan:\n  id: a\n  title: t\n  id: b\n")
    assert (found.line, found.problem) == (4, "duplicate key 'id' (first at line 2); YAML would keep only the last")


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo pwned']\n",
        "a: !!python/name:os.system\n",
        "a: !!binary aGk=\n",
        "a: !!set {x, y}\n",
        "a: !custom x\n",
        "a: !!omap [x: 1]\n",
    ],
)
def test_tags_that_construct_objects_are_refused(text: str) -> None:
    found = problem(text)
    assert found.line == 1 and found.problem.startswith("YAML tag '") and "not allowed" in found.problem


def test_merge_keys_are_refused_not_silently_merged() -> None:
    assert "merge keys" in problem("base: &b {title: t}\nitem:\n  <<: *b\n").problem


def test_alias_bomb_is_refused_quickly_without_growing_memory() -> None:
    text = billion_laughs()  # 10**9 strings if expanded
    tracemalloc.start()
    started = time.perf_counter()
    try:
        found = problem(text)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "alias bomb" in found.problem
    assert elapsed < 1.0  # the bound; it takes about a millisecond
    assert peak < 5_000_000


def test_a_few_aliases_are_fine_and_share_the_value() -> None:
    root = yamlfile.parse("links: &l [a, b]\nagain: *l\n")
    assert values(root) == {"links": ["a", "b"], "again": ["a", "b"]}
    assert root.value["again"] is root.value["links"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x [1, *x]\n", "recursive YAML"),
        ("a: *nowhere\n", "names no anchor '&nowhere'"),
        ("? [a, b]\n: c\n", "a mapping key must be plain text"),
        ("a: 1\n---\nb: 2\n", "more than one YAML document"),
        ("a: " + "1" * 500 + "\n", "500 characters; quote it"),
    ],
)
def test_structures_align_never_reads_are_refused(text: str, expected: str) -> None:
    assert expected in problem(text).problem


def test_nesting_past_the_limit_is_refused_in_aligns_words() -> None:
    depth = yamlfile.MAX_DEPTH + 1
    found = problem("a: " + "[" * depth + "]" * depth + "\n")
    assert found.problem == f"nested deeper than {yamlfile.MAX_DEPTH} levels"
    assert found.line == 1


def test_absurd_nesting_is_refused_without_recursing() -> None:
    # libyaml may refuse this itself (PyYAML 6.0.4 does, in its own words) before align counts the levels:
    # what matters is a YamlProblem located at its line, never a RecursionError or a crash.
    found = problem("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert found.line == 1
    assert found.problem


def test_too_many_values_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "MAX_VALUES", 1_000)  # the real limit is millions; the rule is the same
    found = problem("a: [" + ", ".join(["1"] * (yamlfile.MAX_VALUES + 1)) + "]\n")
    assert f"more than {yamlfile.MAX_VALUES:,} values" in found.problem


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n", "~\n"])
def test_a_file_without_data_is_empty(text: str) -> None:
    assert problem(text).problem == "the file is empty"


def test_invalid_yaml_is_one_line_with_its_line() -> None:
    found = problem("plan:\n  id: p\n  frameworks: [a, b\n")
    assert found.line == 4 and found.problem.startswith("invalid YAML: ") and "\n" not in found.problem


def test_control_character_is_invalid_yaml_on_its_line() -> None:
    found = problem("a: ดิจิทัล\nb: ดิจิทัล\nc: x\x01y\n")
    assert (found.line, found.problem) == (3, "invalid YAML: the control character U+0001 is not allowed")


def test_keys_stay_as_written() -> None:
    assert values(yamlfile.parse("no: 1\n2: x\nnull: y\n")) == {"no": 1, "2": "x", "null": "y"}


def test_decomposed_thai_and_invisible_characters_are_normalised_in_keys_and_values() -> None:
    decomposed = "น\u0e4d\u0e49\u0e32"  # น + NIKHAHIT + MAI THO + SARA AA, as some converters write น้ำ
    text = f"ti\u200btle: ดิ\u200bจิ\u00adทัล {decomposed} cafe\u0301\n"
    assert values(yamlfile.parse(text)) == {"title": "ดิจิทัล น้ำ café"}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("title: ดิจิทัล\n".encode("cp874"), "looks like Thai saved as Windows-874 (TIS-620)"),
        ("title: ดิจิทัล\n".encode("utf-16"), "it is UTF-16"),
        ("title: café “x”\n".encode("cp1252"), "is not UTF-8 (byte 0xe9 at offset 10)"),
    ],
)
def test_files_not_in_utf8_are_named(data: bytes, expected: str) -> None:
    with pytest.raises(YamlProblem) as info:
        yamlfile.decode(data)
    assert expected in info.value.problem


def test_thai_legacy_encoding_problem_has_its_line() -> None:
    with pytest.raises(YamlProblem) as info:
        yamlfile.decode("a: 1\ntitle: ดิจิทัล\n".encode("cp874"))
    assert info.value.line == 2
    assert "iconv -f CP874 -t UTF-8" in info.value.problem


def test_bom_and_crlf_are_accepted() -> None:
    text = yamlfile.decode(b"\xef\xbb\xbfa: 1\r\nb: \xe0\xb8\x81\r\n")
    assert values(yamlfile.parse(text)) == {"a": 1, "b": "ก"}


def test_directory_missing_and_special_files_are_named(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    cases = {tmp_path: "is a directory, not a YAML file", tmp_path / "none.yaml": "no such file",
             tmp_path / "none.yaml" / "x.yaml": "no such file",
             fifo: "is not a regular file (a device, pipe or socket)"}
    for path, expected in cases.items():
        with pytest.raises(YamlProblem) as info:
            yamlfile.read(path)
        assert info.value.problem == expected


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 1024 * 1024)
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (yamlfile.MAX_FILE_BYTES + 1))
    with pytest.raises(YamlProblem) as info:
        yamlfile.read(path)
    assert info.value.problem == "is 1,048,577 bytes; align reads files of up to 1,048,576 bytes (1 MiB)"


def test_file_at_the_size_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 1024 * 1024)
    path = tmp_path / "full.yaml"
    line = "- พัฒนาระบบบริการออนไลน์ให้ประชาชน\n"
    body = "items:\n" + line * ((yamlfile.MAX_FILE_BYTES - 10) // len(line.encode()))
    path.write_text(body + "#" * (yamlfile.MAX_FILE_BYTES - len(body.encode())), encoding="utf-8")
    assert path.stat().st_size == yamlfile.MAX_FILE_BYTES
    assert len(yamlfile.read(path).value["items"].value) > 10_000


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(YamlProblem) as info:
        yamlfile.read(path)
    assert info.value.problem == "cannot be read: permission denied"


def test_pure_python_parser_gives_the_same_values(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "plan:\n  id: p\n  links: &l [a, b]\n  again: *l\n  period: [2023, 2027]\n"
    expected = values(yamlfile.parse(text))
    monkeypatch.setattr(yamlfile, "_LOADER", yaml.SafeLoader)
    assert values(yamlfile.parse(text)) == expected
    assert "alias bomb" in problem(billion_laughs()).problem
    found = problem("a: ดิจิทัล\nb: ดิจิทัล\nc: x\x01y\n")
    assert (found.line, found.problem) == (3, "invalid YAML: the control character U+0001 is not allowed")


def test_a_date_that_is_no_day_is_read_as_text_for_its_key_to_judge() -> None:
    # The key that expects a date (a waiver's expires) then names its place; the YAML layer knows no keys.
    assert yamlfile.parse("a: 2023-02-30\n").value["a"].value == "2023-02-30"
