"""`align explain`: why align links one objective, terms highlighted in both texts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from align import bundled
from align.cli.app import LANG_OPTION, ExitCode, app
from align.cli.console import fail, stdout, use_thai_words
from align.errors import AlignError
from align.labels import Labels, Lang


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
    from align import explanation, pipeline
    from align.report import explanation as view

    use_thai_words()
    try:
        result = pipeline.run(plan or bundled.default_plan(), frameworks or [], every_link=True)
        explained = explanation.explain(result, objective, every, Labels(lang))
    except AlignError as exc:
        fail(exc)
    console = stdout()
    plain = console.no_color or not console.is_terminal
    console.print(view.build(explained, lang, marks=plain))
    raise typer.Exit(ExitCode.OK)
