"""Time to lay out every title of the bundled frameworks and plans with WordWrap, next to rich's own Text.

    python benchmarks/thai_wrap.py            # 80 columns, best of 20 rounds
    python benchmarks/thai_wrap.py --width 120 --rounds 50

Each round lays out all titles once: `segment + lay out` builds a fresh WordWrap per title (segmenting it: the
cost the first time a report shows a title), `lay out only` reuses WordWraps already measured (the pieces are kept
per WordWrap; nothing is cached across WordWraps or texts), `rich Text.wrap` is rich folding the same titles, and
`table` prints them in a coverage-shaped Table (two measuring passes and a render) with each kind of cell.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from io import StringIO
from pathlib import Path

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from align.loading.frameworks import load_framework
from align.loading.plans import load_plan
from align.matching.text import Tokenizer
from align.report.thai_wrap import WordWrap

REPO = Path(__file__).resolve().parents[1]


def titles() -> list[str]:
    result = []
    for path in sorted((REPO / "frameworks").glob("*.yaml")):
        framework = load_framework(path)
        result += [framework.title, *(item.title for item in framework.walk())]
    for path in sorted((REPO / "plan").glob("*.yaml")):
        plan = load_plan(path)
        result += [plan.title, *(objective.title for objective in plan.objectives)]
    return result


def table(cells: list[RenderableType], width: int) -> None:
    grid = Table(expand=True)
    grid.add_column("Strategy", no_wrap=True)
    grid.add_column("Title", ratio=4, overflow="fold")
    grid.add_column("Grade", no_wrap=True)
    for n, cell in enumerate(cells):
        grid.add_row(str(n), cell, "strong")
    Console(file=StringIO(), width=width, color_system=None).print(grid)


def best(rounds: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=80)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    texts = titles()
    segment = Tokenizer().thai_words
    console = Console(width=args.width)
    kept = [WordWrap(text, segment) for text in texts]
    for wrap in kept:
        wrap.wrap(args.width)
    figures = {
        "segment + lay out": lambda: [WordWrap(text, segment).wrap(args.width) for text in texts],
        "lay out only": lambda: [wrap.wrap(args.width) for wrap in kept],
        "rich Text.wrap": lambda: [Text(text).wrap(console, args.width, overflow="fold") for text in texts],
        "table of WordWrap": lambda: table([WordWrap(text, segment) for text in texts], args.width),
        "table of Text": lambda: table([Text(text) for text in texts], args.width),
    }
    characters = sum(map(len, texts))
    print(f"{len(texts)} titles, {characters} characters, {args.width} columns, best of {args.rounds}")
    for name, run in figures.items():
        print(f"  {name:<18} {best(args.rounds, run) * 1000:7.2f} ms")


if __name__ == "__main__":
    main()
