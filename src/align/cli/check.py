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
from align.cli.app import LANG_OPTION, ExitCode, app
from align.cli.console import fail, stderr, stdout, usage, use_thai_words, write
from align.cli.output import Spool, progress
from align.errors import AlignError
from align.labels import Labels, Lang
from align.report import PART_SEPARATOR, Format, Part, part, render_bytes, render_many
from align.result import CheckResult, Outcome

EXIT = {Outcome.PASSED: ExitCode.OK, Outcome.FAILED: ExitCode.POLICY_FAILED, Outcome.INVALID: ExitCode.BAD_INPUT}


@app.command()
def check(
    plans: Annotated[
        list[Path] | None,
        typer.Argument(help="Plan files to check, each in turn, or directories of them (*.yaml). Default: the "
                       "bundled Bangkok ICT master plan."),
    ] = None,
    frameworks: Annotated[
        list[Path] | None,
        typer.Option("--frameworks", help="A directory (or file) of extra frameworks; replaces bundled ones of one "
                     "id. Repeatable."),
    ] = None,
    fmt: Annotated[
        Format | None, typer.Option("--format", "-f", help="Report format. \\[default: table]", show_default=False)
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here (only once the check has run).")
    ] = None,
    fail_on: Annotated[
        list[str] | None,
        typer.Option("--fail-on", metavar="KIND[,KIND]", help="Finding kinds that fail the check, or 'none'. "
                     "Repeatable. \\[default: unaligned,broken-link]"),
    ] = None,
    min_coverage: Annotated[
        list[str] | None,
        typer.Option("--min-coverage", metavar="FRAMEWORK=RATIO", help="Fail when the framework's coverage is "
                     "below RATIO (0..1 or a percentage). Repeatable."),
    ] = None,
    waivers: Annotated[
        Path | None,
        typer.Option("--waivers", metavar="FILE", help="Accepted findings. \\[default: align-waivers.yaml in the "
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
                     "pyproject.toml \\[tool.align] found from the working directory upward."),
    ] = None,
    lang: Annotated[Lang, LANG_OPTION] = Lang.EN,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Check plans in N processes (0: one per CPU); the report is "
                          "the same as with one. Faster for many plans in table, json, markdown or github format.")
    ] = 1,
) -> None:
    """Check plans: coverage of every national strategy, gaps, and weak or missing links.

    Settings come from the command line, then \\[tool.align] in pyproject.toml or align.toml (docs/ci.md).
    Exit codes: 0 every objective passes the policy, 1 the plan fails it, 2 usage or input error.
    """
    from align import pipeline  # here, not at the top: `align --help` and `align validate` need no matcher

    options = config.Options(fail_on, min_coverage, frameworks, waivers, fmt, report or (), config_file)
    try:
        settings = config.resolve(options, Path.cwd())
        files = pipeline.plan_files(plans or [bundled.default_plan()])
    except AlignError as exc:
        fail(exc)
    formats = [settings.format, *(f for f, _ in settings.reports)]
    _check_formats(formats, output, len(files), Labels(lang))
    # A per-plan format is rendered where each plan is checked (in its worker, with --jobs), and only its bytes are
    # kept; the other formats, extra --report files and the live terminal table need every result whole.
    live_table = output is None and settings.format is Format.TABLE
    whole = not settings.format.per_plan or bool(settings.reports) or live_table
    each = functools.partial(part, fmt=settings.format, lang=lang, alone=len(files) == 1, whole=whole)
    try:
        # `align check plan.yaml -o plan.yaml` must not replace a plan with its report.
        for written in [*([output] if output else []), *(path for _, path in settings.reports)]:
            outfile.refuse_inputs(written, [*files, *settings.frameworks])
        use_thai_words()
        available = pipeline.load_frameworks(settings.frameworks)
        settings.check_frameworks(available)
        checked = pipeline.check_each(files, settings.frameworks, settings.policy(date.today()), available,
                                      each=each, jobs=jobs or pipeline.default_jobs(),
                                      every_link=any(f.needs_links for f in formats))
        with Spool(PART_SEPARATOR.get(settings.format, "")) as spool, progress(files) as counted:
            parts = [spool.add(p) for p in counted(checked)]
            _refuse_invalid(parts)
            if not whole:
                if output is not None:
                    write(output, spool.read())
                else:
                    spool.to_stdout()
                raise typer.Exit(_exit_code(parts))
    except AlignError as exc:
        fail(exc)
    _report([p.result for p in parts if p.result is not None], settings, output, lang)
    raise typer.Exit(_exit_code(parts))


def _check_formats(formats: list[Format], output: Path | None, plans: int, t: Labels) -> None:
    for each in formats:
        if each.single_plan and plans > 1:
            usage(t("usage.one_plan", format=each.value))
    if formats[0].binary and output is None:
        usage(t("usage.needs_output", format=formats[0].value))


def _refuse_invalid(parts: list[Part]) -> None:
    """A plan whose declared links name nothing is bad input: its errors, and exit 2 with nothing on stdout."""
    errors = [line for p in parts if p.outcome is Outcome.INVALID for line in p.errors]
    if errors:
        console = stderr()
        for line in errors:
            console.print(Text(f"error: {line}"))
        raise typer.Exit(ExitCode.BAD_INPUT)


def _exit_code(parts: list[Part]) -> ExitCode:
    """The worst verdict of the plans checked."""
    return max((EXIT[p.outcome] for p in parts), default=ExitCode.OK)


def _report(results: list[CheckResult], settings: config.Settings, output: Path | None, lang: Lang) -> None:
    """Every report that needs the results whole: extra --report files, the --output file, or stdout."""
    for extra_format, path in settings.reports:
        write(path, render_bytes(results, extra_format, lang), "--report")
    if output is not None:
        write(output, render_bytes(results, settings.format, lang))
    elif settings.format is Format.TABLE:
        from align.report import table

        console = stdout()
        for result in results:
            console.print(table.build(result, lang))
    else:
        sys.stdout.write(render_many(results, settings.format, lang))
