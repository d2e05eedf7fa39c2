"""`align check`: settings -> pipeline -> report -> exit code."""

from __future__ import annotations

import functools
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from align import bundled, config, outfile
from align.cli.app import COLOR_OPTION, LANG_OPTION, ExitCode, app, resolve_lang
from align.cli.console import fail, stderr, stdout, usage, use_color, use_thai_words, write
from align.cli.output import Spool, progress
from align.errors import AlignError
from align.labels import Labels, Lang
from align.report import PART_SEPARATOR, Format, Part, part, render_bytes, render_many
from align.result import CheckResult, Outcome

EXIT = {Outcome.PASSED: ExitCode.OK, Outcome.FAILED: ExitCode.POLICY_FAILED, Outcome.INVALID: ExitCode.BAD_INPUT}
SUFFIX = {Format.TABLE: "txt", Format.JSON: "json", Format.MARKDOWN: "md", Format.JUNIT: "xml",
          Format.SARIF: "sarif", Format.GITHUB: "txt", Format.CSV: "csv", Format.HTML: "html", Format.XLSX: "xlsx"}
"""The file a report is named with when --output names a folder."""


@app.command()
def check(
    plans: Annotated[
        list[str] | None,
        typer.Argument(metavar="[PLAN]...", show_default=False,
                       help="Plan files to check, each in turn: a file, - for standard input, a folder (its .yaml "
                       "and .yml files at any depth, hidden ones left out) or a quoted pattern such as "
                       "'plans/*.yaml'. [default: the bundled Bangkok ICT master plan]"),
    ] = None,
    frameworks: Annotated[
        list[Path] | None,
        typer.Option("--frameworks", metavar="DIR", help="A directory (or file) of extra frameworks; replaces "
                     "bundled ones of one id. Repeatable."),
    ] = None,
    fmt: Annotated[
        Format | None, typer.Option("--format", "-f", help="Report format. [default: table]", show_default=False)
    ] = None,
    output_text: Annotated[
        str | None, typer.Option("--output", "-o", metavar="FILE|DIR", help="Write the report here once the check "
                                  "has run; a folder (existing, or ending in /) gets <plan>.<format>; missing "
                                  "folders are made.")
    ] = None,
    fail_on: Annotated[
        list[str] | None,
        typer.Option("--fail-on", metavar="KIND[,KIND]", help="Finding kinds that fail the check, or 'none'. "
                     "Repeatable. [default: unaligned,broken-link]"),
    ] = None,
    min_coverage: Annotated[
        list[str] | None,
        typer.Option("--min-coverage", metavar="FRAMEWORK=RATIO", help="Fail when the framework's coverage is "
                     "below RATIO (0..1 or a percentage). Repeatable."),
    ] = None,
    waivers: Annotated[
        Path | None,
        typer.Option("--waivers", metavar="FILE", help="Accepted findings. [default: align-waivers.yaml in the "
                     "working directory, if present]"),
    ] = None,
    report: Annotated[
        list[str] | None,
        typer.Option("--report", metavar="FORMAT=FILE", help="Also write the report in FORMAT to FILE, e.g. "
                     "sarif=align.sarif. Repeatable."),
    ] = None,
    config_file: Annotated[
        Path | None,
        typer.Option("--config", metavar="FILE", help="Read settings from this file instead of the align.toml or "
                     "pyproject.toml [tool.align] found from the working directory upward."),
    ] = None,
    lang: Annotated[Lang | None, LANG_OPTION] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, metavar="N", help="Check plans in N processes (0: one per CPU); "
                          "the report is the same as with one. [default: 1]", show_default=False)
    ] = 1,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress and no line naming each report written; errors "
                           "are still said.")
    ] = False,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when the plan fails the policy (input errors still "
                           "exit 2).")
    ] = False,
    color: Annotated[bool | None, COLOR_OPTION] = None,
) -> None:
    """Check plans: coverage of every national strategy, gaps, and weak or missing links.

    Settings come from the command line, then [tool.align] in pyproject.toml or align.toml (docs/ci.md).
    Exit codes: 0 every objective passes the policy, 1 the plan fails it, 2 usage or input error.
    """
    from align import pipeline  # here, not at the top: `align --help` and `align validate` need no matcher

    use_color(color)
    language = resolve_lang(lang)
    t = Labels(language)
    options = config.Options(fail_on, min_coverage, frameworks, waivers, fmt, report or (), config_file)
    try:
        settings = config.resolve(options, Path.cwd())
        files = pipeline.plan_files(plans or [bundled.default_plan()])
    except AlignError as exc:
        fail(exc)
    formats = [settings.format, *(f for f, _ in settings.reports)]
    _check_formats(formats, output_text, len(files), t)
    output = _into_folder(output_text, settings.format, files) if output_text is not None else None
    _refuse_twice([*([(settings.format, output)] if output else []), *settings.reports], t)
    # A per-plan format is rendered where each plan is checked (in its worker, with --jobs), and only its bytes are
    # kept; the other formats, extra --report files and the live terminal table need every result whole.
    live_table = output is None and settings.format is Format.TABLE
    whole = not settings.format.per_plan or bool(settings.reports) or live_table
    each = functools.partial(part, fmt=settings.format, lang=language, alone=len(files) == 1, whole=whole)
    done = functools.partial(_exit, exit_zero=exit_zero)
    try:
        # `align check plan.yaml -o plan.yaml` must not replace a plan with its report.
        for written in [*([output] if output else []), *(path for _, path in settings.reports)]:
            outfile.refuse_inputs(written, [*files, *settings.frameworks,
                                            *(p for p in (settings.waivers, settings.config) if p is not None)])
        use_thai_words()
        available = pipeline.load_frameworks(settings.frameworks)
        settings.check_frameworks(available)
        checked = pipeline.check_each(files, settings.frameworks, settings.policy(date.today()), available,
                                      each=each, jobs=jobs or pipeline.default_jobs(),
                                      every_link=any(f.needs_links for f in formats))
        with Spool(PART_SEPARATOR.get(settings.format, "")) as spool, progress(files, quiet) as counted:
            parts = [spool.add(p) for p in counted(checked)]
            _refuse_invalid(parts)
            if not whole:
                if output is not None:
                    _write(output, spool.read(), settings.format, t, quiet)
                else:
                    spool.to_stdout()
                done(parts)
    except AlignError as exc:
        fail(exc)
    _report([p.result for p in parts if p.result is not None], settings, output, language, quiet)
    done(parts)


def _check_formats(formats: list[Format], output: str | None, plans: int, t: Labels) -> None:
    for each in formats:
        if each.single_plan and plans > 1:
            usage(t("usage.one_plan", format=each.value))
    if formats[0].binary and output is None:
        usage(t("usage.needs_output", format=formats[0].value))


def _into_folder(written: str, fmt: Format, files: list[Path]) -> Path:
    """--output naming a folder (one that exists, or any path written with a trailing slash) means a report file
    in it, named after the plan (or `align-report` for several)."""
    output = Path(written)
    if not (output.is_dir() or written.endswith(("/", "\\"))):
        return output
    stem = files[0].stem if len(files) == 1 and files[0] != Path("-") else "align-report"
    return output / f"{stem}.{SUFFIX[fmt]}"


def _refuse_twice(reports: list[tuple[Format, Path]], t: Labels) -> None:
    """Two reports to one file would leave only the last: a usage error, before anything is checked."""
    seen: dict[Path, Format] = {}
    for fmt, path in reports:
        key = path.resolve() if path.parent.exists() else path.absolute()
        if key in seen:
            usage(t("usage.same_file", path=path, first=seen[key].value, second=fmt.value))
        seen[key] = fmt


def _refuse_invalid(parts: list[Part]) -> None:
    """A plan whose declared links name nothing is bad input: its errors, and exit 2 with nothing on stdout."""
    errors = [line for p in parts if p.outcome is Outcome.INVALID for line in p.errors]
    if errors:
        console = stderr()
        for line in errors:
            console.print(Text(f"error: {line}"))
        raise typer.Exit(ExitCode.BAD_INPUT)


def _exit(parts: list[Part], exit_zero: bool) -> None:
    """End with the worst verdict of the plans checked (0 for a failed policy with --exit-zero)."""
    code = max((EXIT[p.outcome] for p in parts), default=ExitCode.OK)
    raise typer.Exit(ExitCode.OK if exit_zero and code is ExitCode.POLICY_FAILED else code)


def _write(path: Path, data: str | bytes, fmt: Format, t: Labels, quiet: bool, option: str = "--output") -> None:
    """Write one report file (its folders made if missing) and say so on stderr, unless quiet."""
    if path == outfile.STDOUT:
        write(path, data, option)
        return
    blocking = next((p for p in (path.parent, *path.parent.parents) if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        fail(AlignError(f"{path}: {option}: cannot make the folder '{path.parent}': '{blocking}' is a file"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(AlignError(f"{path}: {option}: cannot make the folder '{path.parent}': {exc.strerror or exc}"))
    write(path, data, option)
    if not quiet and path != outfile.STDOUT:
        stderr().print(Text(t("wrote", format=fmt.value, path=str(path))))


def _report(results: list[CheckResult], settings: config.Settings, output: Path | None, lang: Lang,
            quiet: bool) -> None:
    """Every report that needs the results whole: extra --report files, the --output file, or stdout."""
    t = Labels(lang)
    for extra_format, path in settings.reports:
        _write(path, render_bytes(results, extra_format, lang), extra_format, t, quiet, "--report")
    if output is not None:
        _write(output, render_bytes(results, settings.format, lang), settings.format, t, quiet)
    elif settings.format is Format.TABLE:
        from align.report import table

        console = stdout()
        for result in results:
            console.print(table.build(result, lang))
    else:
        sys.stdout.write(render_many(results, settings.format, lang))
