"""Settings: the configuration file found upward, its strict keys, and the command line winning over it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from align import configfile
from align.assess import DEFAULT_FAIL_ON
from align.config import Options, Settings, resolve
from align.configfile import find
from align.errors import InputError
from align.kinds import FindingKind
from align.model import FrameworkId
from align.report import Format

Write = Callable[..., Path]

PYPROJECT = """
    [project]
    name = "agency-plans"

    [tool.align]
    fail-on = ["unaligned", "gap"]
    min-coverage = {"dg-2566-2570" = 0.5, "de-2561-2580" = 0.25}
    frameworks = ["national"]
    waivers = "ci/waivers.yaml"
    format = "markdown"
"""


def error(options: Options, cwd: Path) -> str:
    with pytest.raises(InputError) as info:
        resolve(options, cwd)
    return str(info.value)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return tmp_path


def test_without_a_file_the_defaults_hold(repo: Path) -> None:
    assert resolve(Options(), repo) == Settings()
    assert Settings().fail_on == {FindingKind.UNALIGNED, FindingKind.BROKEN_LINK} == DEFAULT_FAIL_ON


def test_pyproject_settings_are_read_with_paths_relative_to_the_file(repo: Path, write_yaml: Write) -> None:
    write_yaml("pyproject.toml", PYPROJECT)
    write_yaml("ci/waivers.yaml", "waivers: []\n")
    settings = resolve(Options(), repo / "plan")
    assert settings.fail_on == {FindingKind.UNALIGNED, FindingKind.GAP}
    assert settings.min_coverage == {"dg-2566-2570": 0.5, "de-2561-2580": 0.25}
    assert settings.frameworks == (repo / "national",)
    assert settings.waivers == repo / "ci" / "waivers.yaml"
    assert settings.format is Format.MARKDOWN
    assert settings.config == repo / "pyproject.toml"


def test_the_command_line_wins(repo: Path, write_yaml: Write) -> None:
    write_yaml("pyproject.toml", PYPROJECT)
    write_yaml("ci/waivers.yaml", "waivers: []\n")
    other = write_yaml("other-waivers.yaml", "waivers: []\n")
    settings = resolve(Options(fail_on=["weak-link,unsupported-link", "gap"], min_coverage=["dg-2566-2570=75%"],
                               frameworks=[Path("fw")], waivers=other, format=Format.SARIF), repo)
    assert settings.fail_on == {FindingKind.WEAK_LINK, FindingKind.UNSUPPORTED_LINK, FindingKind.GAP}
    # Entries for other frameworks stay: a command-line minimum overrides the file's for its framework only.
    assert settings.min_coverage == {"dg-2566-2570": 0.75, "de-2561-2580": 0.25}
    assert (settings.frameworks, settings.waivers, settings.format) == ((Path("fw"),), other, Format.SARIF)


def test_fail_on_none_fails_on_no_finding(repo: Path) -> None:
    assert resolve(Options(fail_on=["none"]), repo).fail_on == frozenset()


def test_align_toml_takes_the_keys_at_the_top_and_comes_before_pyproject(repo: Path, write_yaml: Write) -> None:
    write_yaml("pyproject.toml", PYPROJECT)
    write_yaml("align.toml", 'fail-on = []\nformat = "junit"\n')
    settings = resolve(Options(), repo)
    assert (settings.fail_on, settings.format, settings.config) == (frozenset(), Format.JUNIT, repo / "align.toml")


def test_find_skips_a_pyproject_without_tool_align_and_stops_at_the_repository_root(
    tmp_path: Path, write_yaml: Write
) -> None:
    write_yaml("align.toml", "format = 'json'\n")  # outside the repository: never read
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write_yaml("repo/pyproject.toml", "[project]\nname = 'x'\n")
    assert find(repo / "plan") is None
    write_yaml("repo/pyproject.toml", "[tool.align]\nformat = 'json'\n")
    assert find(repo / "plan" / "deep") == repo / "pyproject.toml"


def test_an_explicit_config_file_is_used(repo: Path, write_yaml: Write) -> None:
    path = write_yaml("settings/align-ci.toml", "fail-on = ['gap']\n")
    assert resolve(Options(config=path), repo).fail_on == {FindingKind.GAP}


@pytest.mark.parametrize(("text", "line", "message"), [
    ("[tool.align]\nfail_on = ['gap']\n", 2,
     "[tool.align] fail_on: unknown key 'fail_on' (did you mean 'fail-on'?); "
     "keys: fail-on, min-coverage, frameworks, waivers, format"),
    ("[tool.align]\nformat = 'table'\nfail-on = [\n  'unaligned',\n  'gaps',\n]\n", 3,
     "[tool.align] fail-on: 'gaps' is not a finding kind (did you mean 'gap'?); kinds: unaligned, weak-link, "
     "unsupported-link, undeclared-link, gap, broken-link, period-mismatch, low-coverage, expired-waiver, "
     "stale-waiver, or none"),
    ("[tool.align]\nfail-on = 'gap'\n", 2, "[tool.align] fail-on: must be a list of finding kinds, e.g. "
                                           "[\"unaligned\"]; found 'gap'"),
    ("[tool.align]\nmin-coverage = {'dg-2566-2570' = 1.5}\n", 2,
     "[tool.align] min-coverage.dg-2566-2570: the ratio 1.5 is outside 0..1 (0.5 means half the strategies)"),
    ("[tool.align.min-coverage]\nde-2561-2580 = 0.2\ndg-2566-2570 = true\n", 3,
     "[tool.align] min-coverage.dg-2566-2570: the ratio must be a number from 0 to 1, found True"),
    ("[tool.align]\nmin-coverage = {DG = 0.5}\n", 2,
     "[tool.align] min-coverage.DG: 'DG' is not a framework id (lowercase letters, digits, dashes, e.g. "
     "dg-2566-2570)"),
    ("[tool.align]\nformat = 'pdf'\n", 2, "[tool.align] format: 'pdf' is not a format; formats: "
                                          + ", ".join(f.value for f in Format)),
    ("[tool.align]\nwaivers = 'missing.yaml'\n", 2, "[tool.align] waivers: names {root}/missing.yaml, which is not "
                                                    "a file"),
    ("[tool]\nalign = 3\n", 2, "tool.align: must be a table"),
])
def test_a_mistake_in_pyproject_is_one_located_line(
    repo: Path, write_yaml: Write, text: str, line: int, message: str
) -> None:
    path = write_yaml("pyproject.toml", text)
    assert error(Options(), repo) == f"{path}:{line}: {message.format(root=repo)}"


def test_invalid_toml_is_one_line_at_its_line_whatever_tomllib_says(repo: Path, write_yaml: Write) -> None:
    # tomllib words the problem itself (and may reword it in a later Python): align promises the place.
    path = write_yaml("pyproject.toml", "[tool.align]\nfail-on = [unaligned]\n")
    message = error(Options(), repo)
    assert message.startswith(f"{path}:2: invalid TOML: ") and "\n" not in message


def test_align_toml_with_a_tool_align_table_gets_a_hint(repo: Path, write_yaml: Write) -> None:
    path = write_yaml("align.toml", "[tool.align]\nformat = 'json'\n")
    assert error(Options(), repo) == (
        f"{path}:1: tool: unknown key 'tool' (align.toml takes the keys at the top level, without [tool.align]); "
        "keys: fail-on, min-coverage, frameworks, waivers, format")


@pytest.mark.parametrize(("options", "message"), [
    (Options(fail_on=["unalgned"]), "command line: --fail-on: 'unalgned' is not a finding kind (did you mean "
                                    "'unaligned'?)"),
    (Options(fail_on=["unaligned,"]), "command line: --fail-on: an empty name is not a finding kind"),
    (Options(min_coverage=["dg-2566-2570"]), "command line: --min-coverage: 'dg-2566-2570' must be "
                                             "FRAMEWORK=RATIO, e.g. dg-2566-2570=0.5"),
    (Options(min_coverage=["dg-2566-2570=half"]), "command line: --min-coverage: 'dg-2566-2570=half': the ratio "
                                                  "'half' is not a number (write 0.5 or 50%)"),
    (Options(min_coverage=["dg-2566-2570=150%"]), "command line: --min-coverage: 'dg-2566-2570=150%': the ratio "
                                                  "1.5 is outside 0..1"),
    (Options(min_coverage=["dg-2566-2570=nan"]), "command line: --min-coverage: 'dg-2566-2570=nan': the ratio nan "
                                                 "is outside 0..1"),
    (Options(reports=["sarif"]), "command line: --report: 'sarif' must be FORMAT=FILE, e.g. sarif=align.sarif"),
    (Options(reports=["pdf=x.pdf"]), "command line: --report: 'pdf' is not a format"),
    (Options(waivers=Path("nope.yaml")), "command line: --waivers: names nope.yaml, which is not a file"),
])
def test_a_mistake_on_the_command_line_is_one_line(repo: Path, options: Options, message: str) -> None:
    assert error(options, repo).startswith(message)


def test_reports_pair_a_format_with_a_file(repo: Path) -> None:
    settings = resolve(Options(reports=["sarif=out/align.sarif", "junit=junit.xml"]), repo)
    assert settings.reports == ((Format.SARIF, Path("out/align.sarif")), (Format.JUNIT, Path("junit.xml")))


def test_the_default_waivers_file_is_read_from_the_working_directory(repo: Path, write_yaml: Write) -> None:
    assert resolve(Options(), repo).waivers is None
    path = write_yaml("align-waivers.yaml", "waivers:\n  - objective: '1'\n    reason: ok\n")
    settings = resolve(Options(), repo)
    assert settings.waivers == path
    policy = settings.policy(date(2025, 1, 1))
    assert [w.objective for w in policy.waivers] == ["1"] and policy.today == date(2025, 1, 1)


def test_a_min_coverage_for_an_unknown_framework_points_at_where_it_was_set(repo: Path, write_yaml: Write) -> None:
    path = write_yaml("pyproject.toml", "[tool.align]\n\n[tool.align.min-coverage]\ndg-2566-2750 = 0.5\n")
    settings = resolve(Options(), repo)
    with pytest.raises(InputError) as info:
        settings.check_frameworks(["de-2561-2580", "dg-2566-2570"])
    assert str(info.value) == (f"{path}:4: [tool.align] min-coverage.dg-2566-2750: names unknown framework "
                               "'dg-2566-2750' (did you mean 'dg-2566-2570'?); known: de-2561-2580, dg-2566-2570")
    cli = resolve(Options(min_coverage=["dg-2599=1"]), repo)
    with pytest.raises(InputError, match="^command line: --min-coverage: names unknown framework 'dg-2599'"):
        cli.check_frameworks(["dg-2566-2570", "dg-2566-2750"])
    settings.check_frameworks(["dg-2566-2750"])


def test_key_lines_follow_tables_dotted_keys_and_inline_tables() -> None:
    lines = configfile._key_lines('a = 1\n[tool.align]\n"min-coverage" = { x = 1, "y-z" = 2 }\ntool.other.k = 1\n'
                              "[tool.align.min-coverage]\nw = 0.5\n")
    assert lines[("tool", "align")] == 2
    assert lines[("tool", "align", "min-coverage", "y-z")] == 3
    assert lines[("tool", "align", "tool", "other", "k")] == 4
    assert lines[("tool", "align", "min-coverage", "w")] == 6
    assert FrameworkId("x") == "x"
