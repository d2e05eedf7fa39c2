"""Prove a change to how scores are computed left the results alone: compare with an earlier commit, same data.

    python benchmarks/equivalence.py 33f5607          # the commit before the speed work of issue 8
    python benchmarks/equivalence.py HEAD~3 --synthetic 3000

The earlier commit's code is extracted with `git archive` into a temporary directory, and the current data
(frameworks/, plan/, src/align/data/) is copied over it, so both sides read the same frameworks, plans and
glossary even while those are being tuned. Both sides then check every plan in plan/, benchmarks/devset/ and
benchmarks/realset/ (and, with --synthetic N, N generated objectives in plans of 1,000), one plan at a time and
all together, and dump the JSON report plus every graded link of every objective (score to four decimals,
grade, declared, evidence, in rank order). The dumps must be equal. Then every report format is written by the
command line of both sides (`python -m align check` with each side's src/ on PYTHONPATH): all plans at once in the
formats that hold several, each bundled and labelled plan alone in html and xlsx (a workbook compared by its
sheets' XML, since its zip metadata carries the time). The current side is also run with --jobs 1 and --jobs 2,
whose output must be byte-identical.
"""

from __future__ import annotations

import argparse
import difflib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = ("frameworks", "plan", "src/align/data")

# Runs inside the interpreter of either side (its src/ first on sys.path): prints one JSON dump.
DUMP = """
import json, sys
from pathlib import Path
from align import pipeline
from align.report import json as json_report

def dump(result):
    return {"report": json_report.document(result),
            "links": {o.objective.id: [[str(c.target), c.score, c.grade.value, c.declared, list(c.evidence)]
                                       for c in o.links] for o in result.objectives}}

def run_many(paths):
    try:  # every objective's every link: asked for since the restructure, always there before it
        return pipeline.run_many(paths, every_link=True)
    except TypeError:
        return pipeline.run_many(paths)

paths = [Path(p) for p in sys.argv[1:]]
alone = [dump(r) for p in paths for r in run_many([p])]
together = [dump(r) for r in run_many(paths)]
print(json.dumps({"alone": alone, "together": together}, ensure_ascii=False, indent=1, sort_keys=True))
"""


def plans(synthetic: int, work: Path) -> list[Path]:
    found = [p for d in ("plan", "benchmarks/devset", "benchmarks/realset") for p in sorted((REPO / d).glob("*.yaml"))]
    if synthetic:
        sys.path.insert(0, str(REPO / "benchmarks"))
        import performance

        from align import bundled
        from align.loading.frameworks import load_frameworks

        frameworks = load_frameworks([bundled.frameworks_dir()])
        vocab = performance.vocabulary([frameworks[f] for f in performance.ALL_FRAMEWORKS])  # type: ignore[index]
        found += performance.write_plans(work / "synthetic", synthetic, performance.PER_FILE, vocab)
    return found


def dump(src: Path, paths: list[Path]) -> str:
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHAINLP_READ_ONLY": "1", "PYTHAINLP_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", DUMP, *map(str, paths)], cwd=REPO, env=env, capture_output=True,
                          text=True, check=False)
    if done.returncode:
        raise SystemExit(f"dump failed with {src}:\n{done.stderr}")
    return done.stdout


MULTI_PLAN_FORMATS = ("table", "json", "markdown", "junit", "sarif", "github", "csv")
SINGLE_PLAN_FORMATS = ("html", "xlsx")


def report(src: Path, paths: list[Path], fmt: str, out: Path) -> str:
    """One side's report in one format, as text (a workbook: its parts but the zip's metadata and docProps)."""
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHAINLP_READ_ONLY": "1", "PYTHAINLP_OFFLINE": "1",
           "COLUMNS": "120"}
    options = ["-o", str(out)] if fmt in SINGLE_PLAN_FORMATS else []
    done = subprocess.run([sys.executable, "-m", "align", "check", *map(str, paths), "-f", fmt, *options], cwd=REPO,
                          env=env, capture_output=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"align check -f {fmt} failed with {src}:\n{done.stderr.decode()}")
    if fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as book:
            return "\n".join(f"== {name}\n{book.read(name).decode()}" for name in sorted(book.namelist())
                             if not name.startswith("docProps/"))
    data = out.read_bytes() if options else done.stdout
    return data.decode("utf-8")


def reports(base: Path, paths: list[Path], work: Path) -> bool:
    """Every format written by both sides' command line; True when any differs."""
    failed = False
    for fmt in MULTI_PLAN_FORMATS:
        failed |= differ(f"-f {fmt}, base vs current", report(base, paths, fmt, work / "out"),
                         report(REPO / "src", paths, fmt, work / "out"))
    singles = [p for p in paths if "synthetic" not in p.parts]
    for fmt in SINGLE_PLAN_FORMATS:
        before = [report(base, [p], fmt, work / f"before.{fmt}") for p in singles]
        after = [report(REPO / "src", [p], fmt, work / f"after.{fmt}") for p in singles]
        failed |= differ(f"-f {fmt} of {len(singles)} plans one by one, base vs current", "\n".join(before),
                         "\n".join(after))
    return failed


def cli(paths: list[Path], *options: str) -> str:
    done = subprocess.run([sys.executable, "-m", "align", "check", *map(str, paths), "-f", "json", *options],
                          cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"align check {' '.join(options)} failed:\n{done.stderr}")
    return done.stdout


def differ(name: str, before: str, after: str) -> bool:
    if before == after:
        print(f"{name}: identical ({len(after):,} characters)")
        return False
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), "before", "after", lineterm="", n=2)
    print(f"{name}: DIFFERENT\n" + "\n".join(list(diff)[:60]))
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="the commit to compare with")
    parser.add_argument("--synthetic", type=int, default=0, help="also check this many generated objectives")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="align-equivalence-") as temporary:
        work = Path(temporary)
        base = work / "base"
        base.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.base], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive.stdout, check=True)
        for data in DATA:
            shutil.rmtree(base / data, ignore_errors=True)
            shutil.copytree(REPO / data, base / data)
        paths = plans(args.synthetic, work)
        print(f"{len(paths)} plan files; base {args.base}, data of the working tree")
        failed = differ("pipeline, base vs current", dump(base / "src", paths), dump(REPO / "src", paths))
        failed |= reports(base / "src", paths, work)
        single = cli(paths, "--jobs", "1")
        failed |= differ("align check --jobs 1 vs --jobs 2", single, cli(paths, "--jobs", "2"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
