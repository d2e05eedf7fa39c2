"""`align import`: a planner's Excel or CSV sheet turned into a plan file that validates."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from align import calendar, outfile
from align.cli.app import COLOR_OPTION, LANG_OPTION, ExitCode, app, resolve_lang
from align.cli.console import fail, stderr, usage, use_color, write
from align.errors import AlignError
from align.labels import Labels, Lang
from align.model import FrameworkId


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
    lang: Annotated[Lang | None, LANG_OPTION] = None,
    color: Annotated[bool | None, COLOR_OPTION] = None,
) -> None:
    """Turn a planner's Excel or CSV sheet into a plan file that validates.

    Headers in Thai or English are recognised (รหัส/ID, วัตถุประสงค์/Objective, รายละเอียด, ที่มา,
    ความสอดคล้อง); CSV may be UTF-8, UTF-8 with BOM or Windows-874. Every problem is reported with its row
    and column. Exit codes: 0 written, 2 usage or input error.
    """
    from align import pipeline
    from align.importing import importer
    from align.importing.headers import parse_header_option

    use_color(color)
    lang = resolve_lang(lang)
    t = Labels(lang)
    try:
        options = importer.ImportOptions(
            headers=dict(parse_header_option(h) for h in headers or []),
            sheet=sheet, plan_id=plan_id, title=title, owner=owner, source=None,
            period=calendar.parse_period(period) if period else None,
            frameworks=tuple(FrameworkId(f.strip()) for f in framework or []),
        )
    except ValueError as exc:
        usage(str(exc))
    try:
        if output is not None:
            outfile.refuse_inputs(output, [source])
        available = pipeline.load_frameworks(frameworks or [])
        imported = importer.import_plan(source, available, options, t,
                                        default_id=output.stem if output is not None else None)
        text = importer.to_yaml(imported)
    except AlignError as exc:
        fail(exc)
    err = stderr()
    for warning in imported.warnings:
        err.print(Text(f"{t('warning')}: {source}: {warning}"))
    if output is None:
        sys.stdout.write(text)
    else:
        write(output, text)
        where = f"{source}" + (f" ({imported.table.sheet})" if imported.table.sheet else "")
        if imported.table.encoding:
            where += f" ({t('import.encoding', encoding=imported.table.encoding)})"
        err.print(Text(t("import.done", count=len(imported.plan.objectives), source=where, output=output)))
    raise typer.Exit(ExitCode.OK)
