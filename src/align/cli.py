"""The `align` command: options -> pipeline -> reporter -> exit code. The only module that prints or exits."""

from __future__ import annotations

import codecs
import functools
import gc
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import IO, Annotated, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from align import __version__, bundled, calendar, config, outfile, validate
from align.errors import AlignError, InputError, InputErrors
from align.kinds import FindingKind
from align.labels import Labels, Lang
from align.model import Framework, FrameworkId
from align.report import PART_SEPARATOR, Format, render_bytes, render_many, render_part
from align.result import CheckResult


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


LANG_OPTION = typer.Option(
    "--lang", envvar="ALIGN_LANG", help="Language of report labels and messages (html, xlsx, explain, import)."
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

    paths = plans or [bundled.default_plan()]
    options = config.Options(fail_on, min_coverage, frameworks, waivers, fmt, report or (), config_file)
    try:
        settings = config.resolve(options, Path.cwd())
        files = pipeline.plan_files(paths)
    except AlignError as exc:
        _fail(exc)
    _check_formats(settings.format, [f for f, _ in settings.reports], output, len(files), Labels(lang))
    # A per-plan format is rendered where each plan is checked (in its worker, with --jobs), and only the text
    # is kept; the other formats, extra --report files and the live terminal table need every result whole.
    live_table = output is None and settings.format is Format.TABLE
    whole = not settings.format.per_plan or bool(settings.reports) or live_table
    each = functools.partial(_outcome, fmt=settings.format, lang=lang, alone=len(files) == 1, whole=whole)
    try:
        # `align check plan.yaml -o plan.yaml` must not replace a plan with its report.
        for written in [*([output] if output else []), *(path for _, path in settings.reports)]:
            outfile.refuse_inputs(written, [*files, *settings.frameworks])
        available = pipeline.load_frameworks(settings.frameworks)
        settings.check_frameworks(available)
        every_link = any(f.needs_links for f in (settings.format, *(f for f, _ in settings.reports)))
        checked = pipeline.check_each(files, settings.frameworks, settings.policy(date.today()), available,
                                      each=each, jobs=jobs or pipeline.default_jobs(), every_link=every_link)
        # The parts of a per-plan report wait in a temporary file, not in memory (1,000 plans of 50 objectives
        # make 200 MB of JSON), until every plan is checked: a broken link must still leave stdout empty.
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
        with spool, _progress(files) as advance:
            separator = PART_SEPARATOR.get(settings.format, "").encode("utf-8")
            outcomes = [advance(_spooled(outcome, spool, separator if number else b""))
                        for number, outcome in enumerate(checked)]
            invalid = [error for outcome in outcomes for error in outcome.broken]
            if invalid:
                # A broken declared link is an input error: the plan names something that does not exist.
                _fail(InputErrors(invalid))
            passed = all(outcome.passed for outcome in outcomes)
            if not whole:
                spool.seek(0)
                if output is not None:
                    _write_atomic(output, spool.read())
                else:
                    _copy_to_stdout(spool)
                raise typer.Exit(ExitCode.OK if passed else ExitCode.POLICY_FAILED)
    except AlignError as exc:
        _fail(exc)
    results = [outcome.result for outcome in outcomes if outcome.result is not None]
    for extra_format, path in settings.reports:
        _write_atomic(path, render_bytes(results, extra_format, lang), "--report")
    if output is not None:
        _write_atomic(output, render_bytes(results, settings.format, lang))
    elif settings.format is Format.TABLE:
        console = _stdout()
        from align.report import table

        for result in results:
            console.print(table.build(result))
    else:
        sys.stdout.write(render_many(results, settings.format, lang))
    raise typer.Exit(ExitCode.OK if passed else ExitCode.POLICY_FAILED)


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What `check` keeps of one plan's result: its part of the report, or the result itself."""

    passed: bool
    broken: tuple[InputError, ...]
    """Broken declared links: input errors, reported once every plan is checked."""
    part: bytes = b""
    """The plan's part of the report as UTF-8: bytes cross from a worker, and go to the spool and out, with no
    decoding and encoding on the way (for 200 MB of JSON, ~1 s of the parent's time as text)."""
    result: CheckResult | None = None


def _outcome(result: CheckResult, fmt: Format, lang: Lang, alone: bool, whole: bool) -> _Outcome:
    broken = tuple(InputError(f.path or "plan", f"objective {f.subject}", f.message, f.line)
                   for f in result.findings if f.fails and f.kind is FindingKind.BROKEN_LINK)
    if whole:
        return _Outcome(result.passed, broken, result=result)
    return _Outcome(result.passed, broken, part=render_part(result, fmt, lang, alone=alone).encode("utf-8"))


SPOOL_BYTES = 16 * 1024 * 1024
"""Report text kept in memory before the rest goes to a temporary file."""


def _spooled(outcome: _Outcome, spool: IO[bytes], separator: bytes) -> _Outcome:
    """Move a plan's part of the report to the spool, after the separator that joins it to the part before."""
    if outcome.result is not None:  # the report needs the whole result: nothing to spool
        return outcome
    spool.write(separator)
    spool.write(outcome.part)
    return _Outcome(outcome.passed, outcome.broken)


def _copy_to_stdout(spool: IO[bytes]) -> None:
    """The spooled UTF-8 report to stdout, as sys.stdout would write the text: byte for byte where stdout is
    UTF-8 with no newline translation, otherwise decoded and written through it (its encoding, its errors)."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if (buffer is not None and isinstance(stream, io.TextIOWrapper) and os.linesep == "\n"
            and codecs.lookup(stream.encoding).name == "utf-8"):
        stream.flush()
        shutil.copyfileobj(spool, buffer)
        return
    text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
    shutil.copyfileobj(text, stream)
    text.detach()  # the spool is closed by its owner


LONG_RUN_BYTES = 256 * 1024
"""Plan files from this size on (about 500 objectives) get a progress bar even when checked alone."""


@contextmanager
def _progress(files: list[Path]) -> Iterator[Callable[[_Outcome], _Outcome]]:
    """Count checked plans on stderr, for long runs (several plans, or a large one), and only on a terminal."""
    console = _stderr()
    if not console.is_terminal or (len(files) < 2 and sum(_size(f) for f in files) < LONG_RUN_BYTES):
        yield lambda outcome: outcome
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), "checking plans", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("check", total=len(files))

        def advance(outcome: _Outcome) -> _Outcome:
            progress.advance(task)
            return outcome

        yield advance


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _check_formats(fmt: Format, extra: list[Format], output: Path | None, plans: int, t: Labels) -> None:
    for each in (fmt, *extra):
        if each.single_plan and plans > 1:
            _usage(t("usage.one_plan", format=each.value))
    if fmt.binary and output is None:
        _usage(t("usage.needs_output", format=fmt.value))


def _usage(message: str) -> NoReturn:
    _stderr().print(Text(f"error: {message}"))
    raise typer.Exit(ExitCode.BAD_INPUT)


@app.command()
def explain(
    objective: Annotated[str, typer.Argument(help="The objective's id in the plan, e.g. 1.1.")],
    plan: Annotated[Path | None, typer.Option("--plan", "-p", help="The plan file. Default: the bundled plan.")] = None,
    frameworks: Annotated[
        list[Path] | None, typer.Option("--frameworks", help="A directory (or file) of extra frameworks. Repeatable.")
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Show every strategy and measure, not only candidates.")] = False,
    lang: Annotated[Lang, LANG_OPTION] = Lang.EN,
) -> None:
    """Explain one objective: every candidate strategy and measure, its score, grade and shared terms.

    The shared terms are highlighted in the objective's text and in each strategy's; links the plan
    declares are marked. Exit codes: 0 explained, 2 usage or input error (e.g. no such objective).
    """
    from align import explain as explaining
    from align import pipeline
    from align.report import explain as explain_report

    try:
        result = pipeline.run(plan or bundled.default_plan(), frameworks or [], every_link=True)
        explanation = explaining.explain(result, objective, every, Labels(lang))
    except AlignError as exc:
        _fail(exc)
    console = _stdout()
    plain = console.no_color or not console.is_terminal
    console.print(explain_report.build(explanation, lang, marks=plain))
    raise typer.Exit(ExitCode.OK)


@app.command("import")
def import_(
    source: Annotated[Path, typer.Argument(help="The planner's sheet: FILE.xlsx or FILE.csv.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The plan file to write, e.g. plan/NAME.yaml. Default: "
                                  "stdout.")
    ] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="The worksheet to read (xlsx).")] = None,
    headers: Annotated[
        list[str] | None,
        typer.Option("--header", help="FIELD=HEADER: the column holding id, title, description, source or "
                     "aligns_with, when align does not recognise its header. Repeatable."),
    ] = None,
    plan_id: Annotated[str | None, typer.Option("--id", help="Plan id. Default: the output file's name.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Plan title.")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="The agency that owns the plan.")] = None,
    period: Annotated[
        str | None, typer.Option("--period", help="Plan years, e.g. 2566-2570 (B.E.) or 2023-2027.")
    ] = None,
    framework: Annotated[
        list[str] | None,
        typer.Option("--framework", help="A framework id to check the plan against. Repeatable. Default: the "
                     "frameworks the sheet's links name."),
    ] = None,
    frameworks: Annotated[
        list[Path] | None, typer.Option("--frameworks", help="A directory (or file) of extra frameworks. Repeatable.")
    ] = None,
    lang: Annotated[Lang, LANG_OPTION] = Lang.EN,
) -> None:
    """Turn a planner's Excel or CSV sheet into a plan file that validates.

    Headers in Thai or English are recognised (รหัส/ID, วัตถุประสงค์/Objective, รายละเอียด, ที่มา,
    ความสอดคล้อง); CSV may be UTF-8, UTF-8 with BOM or Windows-874. Every problem is reported with its row
    and column. Exit codes: 0 written, 2 usage or input error.
    """
    from align import importer, pipeline
    from align.headers import parse_header_option

    t = Labels(lang)
    try:
        options = importer.ImportOptions(
            headers=dict(parse_header_option(h) for h in headers or []),
            sheet=sheet, plan_id=plan_id, title=title, owner=owner, source=None,
            period=calendar.parse_period(period) if period else None,
            frameworks=tuple(FrameworkId(f.strip()) for f in framework or []),
        )
    except ValueError as exc:
        _usage(str(exc))
    try:
        if output is not None:
            outfile.refuse_inputs(output, [source])
        available = pipeline.load_frameworks(frameworks or [])
        imported = importer.import_plan(source, available, options, t,
                                        default_id=output.stem if output is not None else None)
        text = importer.to_yaml(imported)
    except AlignError as exc:
        _fail(exc)
    err = _stderr()
    for warning in imported.warnings:
        err.print(Text(f"{t('warning')}: {source}: {warning}"))
    if output is None:
        sys.stdout.write(text)
    else:
        _write_atomic(output, text)
        where = f"{source}" + (f" ({imported.table.sheet})" if imported.table.sheet else "")
        if imported.table.encoding:
            where += f" ({t('import.encoding', encoding=imported.table.encoding)})"
        err.print(Text(t("import.done", count=len(imported.plan.objectives), source=where, output=output)))
    raise typer.Exit(ExitCode.OK)


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
    from align import pipeline

    try:
        return pipeline.load_frameworks(directories)
    except AlignError as exc:
        _fail(exc)


def _write_atomic(path: Path, text: str | bytes, option: str = "--output") -> None:
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


def _exit_without_teardown(done: SystemExit) -> None:
    """End the process now with the command's exit code, once its output is flushed.

    The interpreter's teardown frees every object one by one: ~1 s after a check of 10,000 objectives, for
    nothing, since the process is ending (mypy exits the same way). Returns, to let the SystemExit through,
    when the code is not a number or the output cannot be flushed (a closed pipe), so those end as before.
    """
    if done.code is not None and not isinstance(done.code, int):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        return
    os._exit(done.code or 0)


def main() -> None:
    """Console-script entry point: run the app; a bug becomes one line and exit code 3, never a traceback."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe that cannot encode Thai (PYTHONIOENCODING=ascii, a Windows code page) gets escapes,
        # not a UnicodeEncodeError; JSON stays valid, since \uXXXX is JSON's own escape.
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="backslashreplace")
    # A check builds a large graph of objects with no reference cycles (a plan of 10,000 objectives holds
    # millions); the cyclic collector would traverse it again and again for nothing (8 s of a 29 s run).
    # Reference counting frees all of it, and the process ends with the command.
    gc.disable()
    try:
        app()
    except SystemExit as done:
        _exit_without_teardown(done)
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
