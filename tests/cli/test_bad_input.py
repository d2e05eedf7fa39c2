"""Issue 5: every kind of broken input ends in exit 2 and one stderr line naming the file and the problem.

Each case builds a tiny plan or framework in tmp_path and runs `align check` through the CLI. The plan is
checked against its own small framework (`fw-test`), so nothing here depends on the bundled data or scores.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from align import cli, pipeline
from align.cli import ExitCode
from align.loading import yamlfile

from ..conftest import CliResult

FRAMEWORK = """\
framework:
  id: fw-test
  family: dg
  title: แผนทดสอบ
  period: [2023, 2027]
  source: test
items:
  - id: "1"
    title: พัฒนาบริการดิจิทัลภาครัฐ
    items:
      - id: "1.1"
        title: บริการออนไลน์สำหรับประชาชน
  - id: "2"
    title: พัฒนากำลังคนดิจิทัล
"""

PLAN = """\
plan:
  id: test-plan
  title: แผนปฏิบัติการดิจิทัล
  period: [2023, 2027]
  frameworks: [fw-test]
objectives:
  - id: "1"
    title: พัฒนาระบบบริการออนไลน์ให้ประชาชน
    aligns_with: [fw-test:1.1]
  - id: "2"
    title: อบรมบุคลากรด้านดิจิทัล
"""

Run = Callable[..., CliResult]


class Files:
    """The test's framework directory and plan, with helpers to break them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.frameworks = root / "fw"
        self.frameworks.mkdir()
        (self.frameworks / "fw-test.yaml").write_text(FRAMEWORK, encoding="utf-8")
        self.plan = root / "plan.yaml"
        self.plan.write_text(PLAN, encoding="utf-8")

    def edit_plan(self, old: str, new: str) -> None:
        text = self.plan.read_text(encoding="utf-8")
        assert old in text, old
        self.plan.write_text(text.replace(old, new), encoding="utf-8")

    def edit_framework(self, old: str, new: str) -> Path:
        path = self.frameworks / "fw-test.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new), encoding="utf-8")
        return path


@pytest.fixture
def files(tmp_path: Path) -> Files:
    return Files(tmp_path)


def check(run_cli: Run, files: Files, plan: Path | None = None, *extra: str) -> CliResult:
    return run_cli("check", str(plan or files.plan), "--frameworks", str(files.frameworks), "-f", "json", *extra)


def assert_one_line_error(result: CliResult, path: Path, line: int | None, problem: str) -> None:
    """Exit 2, nothing on stdout, exactly one stderr line: `error: file:line: ... problem ...`, no traceback."""
    assert result.exit_code == ExitCode.BAD_INPUT, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    location = f"error: {path}:{line}: " if line else f"error: {path}: "
    assert lines[0].startswith(location), lines[0]
    assert problem in lines[0], lines[0]


# (name, how to break the plan: old -> new text, line of the message, what it must say)
PLAN_CASES = [
    ("invalid YAML", "  frameworks: [fw-test]", "  frameworks: [fw-test", 6, "invalid YAML: "),
    ("document is a list", PLAN, "- plan\n- objectives\n", 1, "top level: must be a mapping of keys, found a list"),
    ("document is a scalar", PLAN, "just a sentence\n", 1, "top level: must be a mapping of keys, found text"),
    ("missing required key", "  title: แผนปฏิบัติการดิจิทัล\n", "", 2, "plan: missing required key 'title'"),
    ("number where text belongs", "  title: แผนปฏิบัติการดิจิทัล", "  title: 2566", 3,
     "plan: title must be text, found a number 2566"),
    ("string where a list belongs", "  frameworks: [fw-test]", "  frameworks: fw-test", 5,
     "plan: frameworks must be a list, found text 'fw-test'"),
    ("unknown key", "    aligns_with:", "    align_with:", 9,
     "objectives[0] (id 1): unknown key 'align_with' (did you mean 'aligns_with'?)"),
    ("duplicate key", "    title: อบรมบุคลากรด้านดิจิทัล", "    title: อบรมบุคลากรด้านดิจิทัล\n    title: อื่น", 12,
     "duplicate key 'title' (first at line 11); YAML would keep only the last"),
    ("duplicate objective id", '  - id: "2"', '  - id: "1"', 10, "duplicate objective id '1' (first at line 7)"),
    ("objective id not text", '  - id: "2"', "  - id: 2.10", 10,
     'objectives[1]: id must be text, found a number 2.1: quote it, "2.10"'),
    ("empty title", "    title: อบรมบุคลากรด้านดิจิทัล", "    title:", 11, "objectives[1] (id 2): title is empty"),
    ("whitespace-only title", "    title: อบรมบุคลากรด้านดิจิทัล", '    title: "  \\t "', 11,
     "objectives[1] (id 2): title is empty"),
    ("link with bad syntax", "[fw-test:1.1]", "[fw-test 1.1]", 9,
     "aligns_with: 'fw-test 1.1' is not a link: write '<framework id>:<item id>'"),
    ("link naming no framework", "[fw-test:1.1]", "[fw-other:1]", 9,
     "aligns_with 'fw-other:1' names framework 'fw-other', which the plan does not list under plan.frameworks"),
    ("link naming no item", "[fw-test:1.1]", "[fw-test:9]", 9, "aligns_with 'fw-test:9' names no item '9' in fw-test"),
    ("plan naming an unknown framework", "[fw-test]", "[fw-test, dg-2599-2600]", 5,
     "plan.frameworks: names unknown framework 'dg-2599-2600'"),
    ("extremely long title", "    title: อบรมบุคลากรด้านดิจิทัล", "    title: " + "ดิจิทัล" * 2000, 11,
     "objectives[1] (id 2): title is 14,000 characters long; the limit is 2,000"),
    ("YAML tag constructing an object", "  title: แผนปฏิบัติการดิจิทัล",
     "  title: !!python/object/apply:os.system ['touch pwned']", 3,
     "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    ("recursive alias", "  frameworks: [fw-test]", "  frameworks: &f [fw-test, *f]", 5, "recursive YAML"),
    ("merge key", '  - id: "2"', '  - <<: {x: 1}\n    id: "2"', 10, "merge keys ('<<') are not supported"),
    ("two YAML documents", PLAN, PLAN + "---\n" + PLAN, 12, "more than one YAML document"),
    ("deeply nested YAML", "  title: แผนปฏิบัติการดิจิทัล", "  title: " + "[" * 100 + "]" * 100, 3,
     "nested deeper than 64 levels"),
    # Deeper still, PyYAML may refuse it first in its own words: align's promise is the located line and exit 2.
    ("absurdly nested YAML", "  title: แผนปฏิบัติการดิจิทัล", "  title: " + "[" * 100_000 + "]" * 100_000, 3, ""),
    ("control character", "  title: แผนปฏิบัติการดิจิทัล", "  title: แผน\x07", 3,
     "invalid YAML: the control character U+0007 is not allowed"),
]


@pytest.mark.parametrize(("old", "new", "line", "problem"), [c[1:] for c in PLAN_CASES], ids=[c[0] for c in PLAN_CASES])
def test_broken_plan_is_one_line_and_exit_2(run_cli: Run, files: Files, old: str, new: str, line: int,
                                            problem: str) -> None:
    files.edit_plan(old, new)
    assert_one_line_error(check(run_cli, files), files.plan, line, problem)


FRAMEWORK_CASES = [
    ("duplicate item id", '      - id: "1.1"', '      - id: "1"', 11,
     "items (id 1): duplicate item id '1' (first at line 8)"),
    ("item id not text", '  - id: "2"', "  - id: 2", 13, 'items[1]: id must be text, found a number 2: quote it, "2"'),
    ("unknown key in an item", "    title: พัฒนากำลังคนดิจิทัล", "    title: พัฒนากำลังคนดิจิทัล\n    titel_en: x", 15,
     "items[1] (id 2): unknown key 'titel_en' (did you mean 'title_en'?)"),
    ("empty framework title", "  title: แผนทดสอบ", "  title: ''", 4, "framework: title is empty"),
]


@pytest.mark.parametrize(("old", "new", "line", "problem"), [c[1:] for c in FRAMEWORK_CASES],
                         ids=[c[0] for c in FRAMEWORK_CASES])
def test_broken_framework_is_one_line_and_exit_2(run_cli: Run, files: Files, old: str, new: str, line: int,
                                                 problem: str) -> None:
    path = files.edit_framework(old, new)
    assert_one_line_error(check(run_cli, files), path, line, problem)


def test_deeply_nested_items_are_refused(run_cli: Run, files: Files) -> None:
    nested, indent = "", "  "
    for depth in range(10):
        nested += f'{indent}- id: "{"1." * depth}9"\n{indent}  title: ชั้น {depth}\n{indent}  items:\n'
        indent += "    "
    nested += f'{indent}- id: "x"\n{indent}  title: ล่างสุด\n'
    path = files.edit_framework('  - id: "2"\n    title: พัฒนากำลังคนดิจิทัล\n', nested)
    result = check(run_cli, files)
    assert_one_line_error(result, path, 31, "items are nested deeper than 6 levels")


def test_two_framework_files_with_one_id(run_cli: Run, files: Files) -> None:
    copy = files.frameworks / "fw-test.yml"
    copy.write_text(FRAMEWORK, encoding="utf-8")
    result = check(run_cli, files)
    first = files.frameworks / "fw-test.yaml"
    assert_one_line_error(result, copy, 2, f"framework: id 'fw-test' is also the id of {first}")


@pytest.mark.parametrize(
    ("content", "line", "problem"),
    [
        (b"", None, "the file is empty"),
        (b"# nothing but a comment\r\n", None, "the file is empty"),
        (PLAN.encode("cp874"), 3, "is not UTF-8: it looks like Thai saved as Windows-874 (TIS-620); convert it"),
        (PLAN.encode("utf-16"), None, "is not UTF-8: it is UTF-16"),
        (PLAN.replace("ดิจิทัล", "caf\u00e9").encode("utf-8").replace(b"\xc3\xa9", b"\xe9"), 3, "is not UTF-8 (byte 0xe9"),
        (b"# " + b"x" * yamlfile.MAX_FILE_BYTES, None, "align reads files of up to 67,108,864 bytes (64 MiB)"),
    ],
    ids=["empty file", "comment only", "Windows-874", "UTF-16", "Latin-1", "over the size limit"],
)
def test_unreadable_content_is_named(run_cli: Run, files: Files, content: bytes, line: int | None,
                                     problem: str) -> None:
    files.plan.write_bytes(content)
    assert_one_line_error(check(run_cli, files), files.plan, line, problem)


def test_directory_where_a_file_is_expected(run_cli: Run, files: Files) -> None:
    result = run_cli("explain", "1", "--plan", str(files.root), "--frameworks", str(files.frameworks))
    assert_one_line_error(result, files.root, None, "is a directory, not a YAML file")


def test_directory_of_plans_without_plans(run_cli: Run, files: Files) -> None:
    # `align check DIR` checks every plan file in DIR (issue 8); a directory with none is an input error.
    empty = files.root / "empty"
    empty.mkdir()
    assert_one_line_error(check(run_cli, files, empty), empty, None, "is a directory with no plan files")


def test_missing_file(run_cli: Run, files: Files) -> None:
    missing = files.root / "nope.yaml"
    assert_one_line_error(check(run_cli, files, missing), missing, None, "no such file")


def test_missing_framework_directory(run_cli: Run, files: Files) -> None:
    missing = files.root / "no-frameworks"
    result = run_cli("check", str(files.plan), "--frameworks", str(missing))
    assert_one_line_error(result, missing, None, "no such framework directory")


def test_unreadable_file(run_cli: Run, files: Files, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, who reads any file: make the read itself fail the way it does for other users.
    real_open = open

    def open_denied(path: object, *args: object, **kwargs: object) -> object:
        if Path(str(path)) == files.plan:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(yamlfile, "open", open_denied, raising=False)
    assert_one_line_error(check(run_cli, files), files.plan, None, "cannot be read: permission denied")


def test_pipe_instead_of_a_file_does_not_hang(run_cli: Run, files: Files) -> None:
    import os

    fifo = files.root / "pipe.yaml"
    os.mkfifo(fifo)
    assert_one_line_error(check(run_cli, files, fifo), fifo, None, "is not a regular file")


def test_alias_bomb_is_refused_within_a_second(run_cli: Run, files: Files) -> None:
    lines = ['plan: &a0 {id: "lol"}']
    lines += [f"l{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 12)]
    files.plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    result = check(run_cli, files)
    elapsed = time.perf_counter() - started
    assert_one_line_error(result, files.plan, 8, "YAML aliases expand the document to more than 5,000,000 values")
    assert elapsed < 1.0, f"took {elapsed:.2f} s"  # the issue's bound; measured at about 0.02 s


def test_several_problems_of_one_file_are_all_reported(run_cli: Run, files: Files) -> None:
    files.edit_plan("  title: แผนปฏิบัติการดิจิทัล", "  title: 2566")
    files.edit_plan('  - id: "2"', '  - id: "1"')
    files.edit_plan("    aligns_with:", "    align_with:")
    result = check(run_cli, files)
    assert result.exit_code == ExitCode.BAD_INPUT
    assert [line.split(": ", 2)[1] for line in result.stderr.splitlines()] == [
        f"{files.plan}:3", f"{files.plan}:9", f"{files.plan}:10"]


def test_messages_stay_on_one_line_whatever_the_file_holds(run_cli: Run, files: Files) -> None:
    files.edit_plan("    aligns_with:", '    "align\\nwith[31m":')
    result = check(run_cli, files)
    assert_one_line_error(result, files.plan, 9, "unknown key 'align\\nwith[31m'")


def test_a_control_character_written_as_an_escape_is_refused(run_cli: Run, files: Files) -> None:
    # "\e[2J" in a title would clear the terminal from the table, explain and frameworks show.
    files.edit_plan("    aligns_with:", '    description: "\\e[2J\\a"\n    aligns_with:')
    result = check(run_cli, files)
    assert_one_line_error(result, files.plan, 9, "the control character U+001B is not allowed (written as an escape)")


@pytest.mark.parametrize(
    ("transform", "description"),
    [
        (lambda text: "\ufeff" + text, "UTF-8 BOM"),
        (lambda text: text.replace("\n", "\r\n"), "CRLF line ends"),
        (lambda text: text.replace("บุคลากร", "บุค\u200bลา\u200dกร").replace("ดิจิทัล", "ดิ\u00adจิทัล"), "zero-width"),
        (lambda text: text.replace("ดิจิทัล", "ดิจิทัล ทำ").replace("ทำ", "ท\u0e4d\u0e32"), "decomposed SARA AM"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_harmless_differences_are_accepted_and_normalised(
    run_cli: Run, files: Files, transform: Callable[[str], str], description: str
) -> None:
    files.plan.write_bytes(transform(PLAN).encode("utf-8"))
    result = check(run_cli, files)
    assert result.exit_code in (ExitCode.OK, ExitCode.POLICY_FAILED), result.stderr
    assert result.stderr == ""
    titles = [o["title"] for o in json.loads(result.stdout)["objectives"]]
    assert titles[1] == ("อบรมบุคลากรด้านดิจิทัล ทำ" if "SARA" in description else "อบรมบุคลากรด้านดิจิทัล")


def test_output_into_a_directory_writes_a_report_named_after_the_plan_in_it(run_cli: Run, files: Files) -> None:
    result = check(run_cli, files, None, "-o", str(files.root))
    assert result.exit_code in (0, 1), result.stderr
    written = files.root / f"{files.plan.stem}.json"
    assert result.stderr == f"wrote the json report to {written}\n" and written.read_text(encoding="utf-8")


def test_output_over_the_plan_is_refused_and_the_plan_kept(run_cli: Run, files: Files) -> None:
    result = check(run_cli, files, None, "-o", str(files.plan))
    assert_one_line_error(result, files.plan, None, "--output: is the input file")
    assert files.plan.read_text(encoding="utf-8") == PLAN


def test_failed_check_never_touches_an_existing_output(run_cli: Run, files: Files) -> None:
    out = files.root / "report.json"
    out.write_text("previous report", encoding="utf-8")
    files.edit_plan("aligns_with", "align_with")
    assert check(run_cli, files, None, "-o", str(out)).exit_code == ExitCode.BAD_INPUT
    assert out.read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in files.root.iterdir()) == ["fw", "plan.yaml", "report.json"]


def test_a_bug_is_one_line_with_a_pointer_not_a_traceback(
    files: Files, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        secret = "whole plan text that must not be dumped"  # noqa: F841  (a local a traceback would show)
        raise KeyError("boom")

    monkeypatch.setattr(pipeline, "check_each", broken)
    monkeypatch.delenv("ALIGN_DEBUG", raising=False)
    monkeypatch.setattr("sys.argv", ["align", "check", str(files.plan)])
    with pytest.raises(SystemExit) as info:
        cli.main()
    captured = capsys.readouterr()
    assert info.value.code == ExitCode.INTERNAL_ERROR
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("align: internal error: KeyError at test_bad_input.py:")
    assert "please report it" in lines[0] and "Traceback" not in captured.err and "whole plan" not in captured.err


def test_cases_cover_the_issue() -> None:
    # The list of issue 5, so that a case dropped from the tables above is noticed.
    names = {c[0] for c in PLAN_CASES + FRAMEWORK_CASES}
    for case in ["invalid YAML", "document is a list", "document is a scalar", "missing required key",
                 "number where text belongs", "string where a list belongs", "unknown key", "duplicate key",
                 "duplicate objective id", "duplicate item id", "objective id not text", "item id not text",
                 "empty title", "whitespace-only title", "link with bad syntax", "link naming no framework",
                 "link naming no item", "plan naming an unknown framework", "extremely long title",
                 "YAML tag constructing an object"]:
        assert case in names, case
