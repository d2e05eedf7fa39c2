"""The `align` command: options -> pipeline -> reporter -> exit code. The only module that prints or exits."""

from __future__ import annotations

import io
import os
import sys
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from align import __version__, bundled, config, outfile, pipeline, validate
from align.errors import AlignError, InputError, InputErrors
from align.model import Framework, FrameworkId
from align.report import Format, render_many
from align.result import FindingKind


class ExitCode(IntEnum):
    """What `align` exits with; CI jobs rely on these."""

    OK = 0
    POLICY_FAILED = 1
    BAD_INPUT = 2
    INTERNAL_ERROR = 3
    """align itself failed (a bug), which must never read as a policy verdict."""


app = typer.Typer(
    name="align",
    help="Check a Thai public-sector plan against the national digital frameworks.",
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
)


def _stdout() -> Console:
    # Piped output is not 80 columns of wrapped Thai: use the report width unless COLUMNS says otherwise.
    interactive = sys.stdout.isatty()
    return Console(width=None if interactive or "COLUMNS" in os.environ else 120, soft_wrap=False)


def _stderr() -> Console:
    return Console(stderr=True, soft_wrap=True, highlight=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"align {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Check a Thai public-sector plan against the national digital frameworks."""


@app.command()
def check(
    plans: Annotated[
        list[Path] | None,
        typer.Argument(help="Plan files to check, each in turn. Default: the bundled Bangkok ICT master plan."),
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
) -> None:
    """Check plans: coverage of every national strategy, gaps, and weak or missing links.

    Settings come from the command line, then \\[tool.align] in pyproject.toml or align.toml (docs/ci.md).
    Exit codes: 0 every objective passes the policy, 1 the plan fails it, 2 usage or input error.
    """
    paths = plans or [bundled.default_plan()]
    options = config.Options(fail_on, min_coverage, frameworks, waivers, fmt, report or (), config_file)
    try:
        settings = config.resolve(options, Path.cwd())
        # `align check plan.yaml -o plan.yaml` must not replace a plan with its report.
        for written in [*([output] if output else []), *(path for _, path in settings.reports)]:
            outfile.refuse_inputs(written, [*paths, *settings.frameworks])
        available = pipeline.load_frameworks(settings.frameworks)
        settings.check_frameworks(available)
        results = pipeline.run_many(paths, settings.frameworks, settings.policy(date.today()), available)
    except AlignError as exc:
        _fail(exc)
    invalid = [f for r in results for f in r.findings if f.fails and f.kind is FindingKind.BROKEN_LINK]
    if invalid:
        # A broken declared link is an input error: the plan names something that does not exist.
        _fail(InputErrors(InputError(f.path or "plan", f"objective {f.subject}", f.message, f.line) for f in invalid))
    for extra_format, path in settings.reports:
        _write_atomic(path, render_many(results, extra_format), "--report")
    if output is not None:
        _write_atomic(output, render_many(results, settings.format))
    elif settings.format is Format.TABLE:
        console = _stdout()
        from align.report import table

        for result in results:
            console.print(table.build(result))
    else:
        sys.stdout.write(render_many(results, settings.format))
    raise typer.Exit(ExitCode.OK if all(r.passed for r in results) else ExitCode.POLICY_FAILED)


EXTRA_FRAMEWORKS_HELP = "A directory (or file) of extra frameworks; replaces bundled ones of one id. Repeatable."


@app.command("validate")
def validate_files(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Plan and framework files (or directories of them). Default: every bundled file."),
    ] = None,
    frameworks: Annotated[list[Path] | None, typer.Option("--frameworks", help=EXTRA_FRAMEWORKS_HELP)] = None,
) -> None:
    """Check plan and framework files against the schema and each other; report every problem of every file.

    Exit codes: 0 valid (warnings allowed), 2 invalid.
    """
    outcome = validate.validate(files or [], frameworks or [])
    console = _stderr()
    for problem in outcome.problems:
        for line in problem.error.lines():
            console.print(Text(f"{problem.level}: {line}"))
    errors, warnings = outcome.count(validate.Level.ERROR), outcome.count(validate.Level.WARNING)
    counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    verdict = "valid" if outcome.valid else "INVALID"
    typer.echo(f"{len(outcome.files)} file{'s' * (len(outcome.files) != 1)} checked: {counts}: {verdict}")
    raise typer.Exit(ExitCode.OK if outcome.valid else ExitCode.BAD_INPUT)


frameworks_app = typer.Typer(
    help="List the national frameworks align checks against, or show one as a tree.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(frameworks_app, name="frameworks")


@frameworks_app.callback(invoke_without_command=True)
def frameworks_list(
    ctx: typer.Context,
    frameworks: Annotated[list[Path] | None, typer.Option("--frameworks", help=EXTRA_FRAMEWORKS_HELP)] = None,
) -> None:
    """List the frameworks: id, title, period, number of strategies and measures, source."""
    ctx.obj = frameworks or []
    if ctx.invoked_subcommand is not None:
        return
    from align.report import frameworks as browse

    available = _load_frameworks(ctx.obj)
    _stdout().print(browse.build_list(list(available.values())))


@frameworks_app.command("show")
def frameworks_show(
    ctx: typer.Context,
    framework_id: Annotated[str, typer.Argument(metavar="ID", help="The framework's id, e.g. dg-2566-2570.")],
    frameworks: Annotated[list[Path] | None, typer.Option("--frameworks", help=EXTRA_FRAMEWORKS_HELP)] = None,
) -> None:
    """Show one framework as a tree: its strategies and the items beneath them, Thai and English titles."""
    from align.report import frameworks as browse

    available = _load_frameworks([*(ctx.obj or []), *(frameworks or [])])
    framework = available.get(FrameworkId(framework_id))
    if framework is None:
        _fail(AlignError(f"no framework '{framework_id}'; available: {', '.join(sorted(available))}"))
    _stdout().print(browse.build_tree(framework))


def _load_frameworks(directories: list[Path]) -> dict[FrameworkId, Framework]:
    try:
        return pipeline.load_frameworks(directories)
    except AlignError as exc:
        _fail(exc)


def _write_atomic(path: Path, text: str, option: str = "--output") -> None:
    """Write via a temporary file and rename, so a failed run never leaves a half-written or truncated file."""
    try:
        outfile.write_atomic(path, text, option)
    except InputError as exc:
        _fail(exc)


def _fail(error: AlignError) -> NoReturn:
    console = _stderr()
    for line in error.lines():
        console.print(Text(f"error: {line}"))
    raise typer.Exit(ExitCode.BAD_INPUT)


def main() -> None:
    """Console-script entry point: run the app; a bug becomes one line and exit code 3, never a traceback."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot encode Thai (PYTHONIOENCODING=ascii, a Windows code page) gets escapes,
        # not a UnicodeEncodeError; JSON stays valid, since \uXXXX is JSON's own escape.
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="backslashreplace")
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _stderr().print(Text("align: interrupted"))
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001  (anything else is a bug in align, not bad input)
        where = ""
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        if tb is not None:
            where = f" at {Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}"
        _stderr().print(Text(f"align: internal error: {type(exc).__name__}{where}: a bug in align, not in your files; "
                             "please report it with the command you ran (ALIGN_DEBUG=1 shows the traceback)"))
        if os.environ.get("ALIGN_DEBUG"):
            raise
        sys.exit(ExitCode.INTERNAL_ERROR)
