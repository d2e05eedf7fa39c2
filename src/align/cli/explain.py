"""`align explain`: why align links one objective, terms highlighted in both texts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from align import bundled
from align.cli.app import COLOR_OPTION, LANG_OPTION, ExitCode, app, resolve_lang
from align.cli.console import fail, stdout, use_color, use_thai_words
from align.errors import AlignError
from align.labels import Labels, Lang


@app.command()
def explain(
    objective: Annotated[str, typer.Argument(metavar="OBJECTIVE", help="The objective's id in the plan, e.g. 1.1.")],
    plan: Annotated[
        Path | None, typer.Option("--plan", "-p", metavar="FILE", help="The plan file; - for standard input. "
                                  "[default: the bundled plan]", show_default=False)
    ] = None,
    frameworks: Annotated[
        list[Path] | None, typer.Option("--frameworks", metavar="DIR", help="A directory (or file) of extra "
                                        "frameworks. Repeatable.")
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Show every strategy and measure, not only candidates.")] = False,
    lang: Annotated[Lang | None, LANG_OPTION] = None,
    color: Annotated[bool | None, COLOR_OPTION] = None,
) -> None:
    """Explain one objective: every candidate strategy and measure, its score, grade and shared terms.

    The shared terms are highlighted in the objective's text and in each strategy's; links the plan
    declares are marked. Exit codes: 0 explained, 2 usage or input error (e.g. no such objective).
    """
    from align import explanation, pipeline
    from align.report import explanation as view

    use_color(color)
    language = resolve_lang(lang)
    use_thai_words()
    try:
        result = pipeline.run(plan or bundled.default_plan(), frameworks or [], every_link=True)
        explained = explanation.explain(result, objective, every, Labels(language))
    except AlignError as exc:
        fail(exc)
    console = stdout()
    plain = console.no_color or not console.is_terminal
    console.print(view.build(explained, language, marks=plain))
    raise typer.Exit(ExitCode.OK)
