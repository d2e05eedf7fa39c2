"""The HTML report: its structure on the fixed sample, and what a real headless chromium shows of it.

Screenshots for a person to look at are written to test-artifacts/ (gitignored) on every run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pythainlp.tokenize import word_tokenize

from align.labels import Lang
from align.loading.frameworks import load_framework
from align.loading.plans import load_plan
from align.report import heatmap, html

from ..browser import Browser
from ..conftest import ARTIFACTS, REPO, CliResult
from ..sample import sample_result

# Vowels and tone marks above or below a consonant, and ำ: a line never starts with one.
THAI_MARKS = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
                 "\u0e33")


class _Grid(HTMLParser):
    """The heatmap table as rows of cell texts, and the classes of its cells."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.rows: list[list[str]] = []
        self.classes: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "table" and values.get("class") == "heatmap":
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
            self.classes.append([])
        elif self.inside and tag in {"td", "th"}:
            self._cell = []
            self.classes[-1].append(values.get("class") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.inside:
            self.inside = False
        elif self.inside and tag in {"td", "th"} and self._cell is not None:
            self.rows[-1].append(" ".join(" ".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _grid(document: str) -> _Grid:
    parser = _Grid()
    parser.feed(document)
    return parser


def test_heatmap_holds_every_objective_and_strategy() -> None:
    grid = _grid(html.render(sample_result()))
    assert grid.rows == [
        ["ID", "Objective", "dg-test แผน dg-test", "de-test แผน de-test"],
        ["1", "2", "3", "1", "2"],
        ["1.1", "พัฒนาระบบบริการออนไลน์ให้ประชาชนยื่นคำขอและติดตามสถานะผ่านแอปพลิเคชันได้ตลอดยี่สิบสี่ชั่วโมง"
         "โดยเชื่อมโยงข้อมูลระหว่างหน่วยงานในสังกัดกรุงเทพมหานคร aligned", "0.42", "0.08", "0.00", "0.18", "0.00"],
        ["1.2", "เปิดเผยข้อมูลสาธารณะในรูปแบบที่เครื่องอ่านได้ weak", "0.00", "0.21", "0.00", "0.05", "0.00"],
        ["2.1", "ขุดลอกคูคลองเพื่อป้องกันน้ำท่วม unaligned", "0.02", "0.00", "0.00", "0.00", "0.00"],
    ]
    cells = [[c for c in row if c.startswith("cell")] for row in grid.classes[2:]]
    declared = [(row, col) for row, classes in enumerate(cells) for col, c in enumerate(classes) if "declared" in c]
    assert declared == [(0, 0), (1, 3)]
    assert grid.classes[1] == ["s first", "s", "s gap", "s first", "s gap"]


def test_document_loads_nothing_from_outside() -> None:
    document = html.render(sample_result())
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';' in document
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", document)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", document)
    assert "@import" not in document


def test_plan_text_cannot_break_out_of_the_page() -> None:
    result = sample_result()
    evil = "</script><script>window.pwned=1</script><img src=x onerror=alert(1)>"
    objective = replace(result.objectives[0], objective=replace(result.objectives[0].objective, title=evil))
    document = html.render(replace(result, objectives=(objective, *result.objectives[1:])))
    assert "<script>window.pwned" not in document and "<img src=x" not in document
    data = re.search(r'<script type="application/json" id="align-data">(.*?)</script>', document, re.S)
    assert data is not None
    assert json.loads(data.group(1))["objectives"][0]["title"] == evil


def test_equal_results_give_byte_identical_pages() -> None:
    assert html.render(sample_result(), Lang.TH) == html.render(sample_result(), Lang.TH)


def test_colour_darkens_with_the_score_and_text_stays_readable() -> None:
    backgrounds = [heatmap.colour(s)[0] for s in (0.0, 0.1, 0.3, 0.6, 1.0)]
    lightness = [sum(int(b[i:i + 2], 16) for i in (1, 3, 5)) for b in backgrounds]
    assert lightness == sorted(lightness, reverse=True)
    assert heatmap.colour(0.0)[1] == "#1f2933" and heatmap.colour(1.0)[1] == "#ffffff"


# --- in a real browser ----------------------------------------------------------------------------------------

_LINE_BREAKS = """
const node = arguments[0].firstChild, text = node.data, range = document.createRange(), breaks = [];
let last = null;
for (let i = 0; i < text.length; i++) {
  range.setStart(node, i); range.setEnd(node, i + 1);
  const rects = range.getClientRects();
  if (!rects.length) continue;
  const top = rects[0].top;
  if (last !== null && top > last + 8) breaks.push(i);
  last = top;
}
return [text, breaks];
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("html")
    result = sample_result()
    files = {}
    for lang in Lang:
        path = directory / f"report-{lang.value}.html"
        path.write_text(html.render(result, lang), encoding="utf-8")
        files[lang.value] = path
    return files


def _open(browser: Browser, path: Path) -> None:
    browser.open(path)
    browser.console()


def _only_the_file_itself_was_loaded(browser: Browser, path: Path) -> None:
    requests = browser.requests(path)
    outside = [u[:80] for u in requests if u != path.as_uri() and not u.startswith("data:")]
    assert outside == [], f"the page requested {outside}"
    assert path.as_uri() in requests
    errors = [e["message"][:200] for e in browser.console() if e["level"] == "SEVERE"]
    assert errors == []


def test_browser_shows_summary_heatmap_gaps_and_findings(browser: Browser, pages: dict[str, Path]) -> None:
    _open(browser, pages["en"])
    shown = browser.run("""return {
        title: document.querySelector('h1').innerText,
        verdict: document.querySelector('.verdict').innerText,
        cards: [...document.querySelectorAll('.card')].map(c => c.innerText.replace(/\\s+/g, ' ')),
        coverage: [...document.querySelectorAll('table.coverage tbody tr')].map(r => r.innerText.replace(/\\s+/g, ' ')),
        cells: [...document.querySelectorAll('table.heatmap td.cell button')].map(b => b.innerText),
        gapHeaders: [...document.querySelectorAll('th.s.gap')].map(h => [h.innerText,
                                                                        getComputedStyle(h).color]),
        declared: [...document.querySelectorAll('td.cell.declared')].map(c =>
            [c.querySelector('button').dataset.k, getComputedStyle(c, '::after').content]),
        gaps: [...document.querySelectorAll('#gaps li')].map(li => li.innerText),
        findings: [...document.querySelectorAll('#findings tbody tr')].map(r => r.cells[0].innerText),
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    }""")
    assert shown["title"] == "แผนทดสอบ"
    assert shown["verdict"] == "Result: FAILED"
    assert shown["cards"] == ["3 Objectives", "1 aligned", "1 weak", "1 unaligned"]
    assert shown["coverage"] == ["dg-test แผน dg-test 1 of 3 strategies strongly served 33%",
                                 "de-test แผน de-test 0 of 2 strategies strongly served 0%"]
    assert shown["cells"] == ["0.42", "0.08", "0.00", "0.18", "0.00", "0.00", "0.21", "0.00", "0.05", "0.00",
                              "0.02", "0.00", "0.00", "0.00", "0.00"]
    assert shown["gapHeaders"] == [["3", "rgb(180, 35, 24)"], ["2", "rgb(180, 35, 24)"]]
    assert shown["declared"] == [["0|dg-test:1", '"◆"'], ["1|de-test:1", '"◆"']]
    assert shown["gaps"][:2] == ["dg-test:3 พัฒนาทักษะดิจิทัลของบุคลากรภาครัฐ", "de-test:2 สร้างสังคมดิจิทัลที่มีคุณภาพ"]
    assert shown["gaps"][2:] == ["2.1 ขุดลอกคูคลองเพื่อป้องกันน้ำท่วม (best link: dg-test:1 0.02)",
                                 "1.2 เปิดเผยข้อมูลสาธารณะในรูปแบบที่เครื่องอ่านได้ (best link: dg-test:2 0.21)"]
    assert shown["findings"] == ["weak link", "unsupported link", "unaligned"]
    assert shown["overflow"] <= 0
    backgrounds = browser.run("return [...document.querySelectorAll('td.cell')].slice(0, 2)"
                              ".map(c => getComputedStyle(c).backgroundColor)")
    assert backgrounds == [_rgb(heatmap.colour(0.42)[0]), _rgb(heatmap.colour(0.08)[0])]
    _only_the_file_itself_was_loaded(browser, pages["en"])
    browser.screenshot(ARTIFACTS / "html-report-en.png")


def _rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))


def test_browser_draws_thai_with_the_embedded_font_and_breaks_lines_between_words(
    browser: Browser, pages: dict[str, Path]
) -> None:
    _open(browser, pages["en"])
    faces = browser.run("return [...document.fonts].map(f => [f.family, f.weight, f.status])")
    assert sorted(faces) == [["align-thai", "400", "loaded"], ["align-thai", "700", "loaded"]]
    thai = {f["familyName"]: f["isCustomFont"] for f in browser.fonts_of("h1")}
    assert thai.get("Noto Sans Thai") is True
    latin = browser.fonts_of(".kicker")
    assert latin and not any(f["isCustomFont"] for f in latin)

    title = browser.driver.find_element("css selector", "table.heatmap tbody tr td.otitle span[lang=th]")
    text, breaks = browser.run(_LINE_BREAKS, title)
    assert len(breaks) >= 2, "the long Thai title should wrap in its column"
    words = word_tokenize(text, engine="newmm")
    boundaries = {sum(len(w) for w in words[:n]) for n in range(len(words) + 1)}
    for offset in breaks:
        assert text[offset] not in THAI_MARKS, f"a line starts with a mark at {offset}: {text[offset - 3:offset + 3]}"
        assert offset in boundaries, f"a line breaks inside a word: {text[:offset]} | {text[offset:]}"


def test_browser_shows_evidence_on_hover_and_pins_it_on_click(browser: Browser, pages: dict[str, Path]) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _open(browser, pages["en"])
    panel = browser.driver.find_element("id", "detail")
    assert not panel.is_displayed()
    cell = browser.driver.find_element("css selector", 'button[data-k="1|dg-test:2"]')
    ActionChains(browser.driver).move_to_element(cell).perform()
    assert panel.is_displayed()
    assert browser.run("return [...document.querySelectorAll('#detail .chips li')].map(li => li.innerText)") == [
        "เปิดเผย ข้อมูล", "ข้อมูล"]
    ActionChains(browser.driver).move_to_element(browser.driver.find_element("css selector", "h1")).perform()
    assert not panel.is_displayed()

    browser.driver.find_element("css selector", 'button[data-k="0|dg-test:1"]').click()
    ActionChains(browser.driver).move_to_element(browser.driver.find_element("css selector", "h1")).perform()
    assert panel.is_displayed()
    detail = browser.run("""const p = document.getElementById('detail'); return {
        text: p.innerText,
        marks: [...p.querySelectorAll('mark')].map(m => m.innerText),
        measures: [...p.querySelectorAll('table tr')].map(r => r.innerText.replace(/\\s+/g, ' ')),
    }""")
    assert "Score: 0.42 · strong · ◆ declared" in detail["text"]
    assert detail["marks"] == ["ระบบบริการออนไลน์", "บริการ", "ระบบ"]
    assert detail["measures"] == ["1.1 ◆ พัฒนาระบบบริการออนไลน์แบบเบ็ดเสร็จ 0.38 บริการ, ออนไลน์"]
    browser.window_screenshot(ARTIFACTS / "html-report-detail.png")
    browser.driver.find_element("tag name", "body").send_keys(Keys.ESCAPE)
    assert not panel.is_displayed()


def test_browser_shows_the_thai_report(browser: Browser, pages: dict[str, Path]) -> None:
    _open(browser, pages["th"])
    shown = browser.run("""return {
        lang: document.documentElement.lang,
        headings: [...document.querySelectorAll('h2')].map(h => h.innerText),
        meta: document.querySelector('.meta').innerText,
        status: [...document.querySelectorAll('td.otitle .status')].map(s => s.innerText),
    }""")
    assert shown == {
        "lang": "th",
        "headings": ["สรุปผล", "แผนภาพความสอดคล้อง", "ช่องว่าง", "ข้อสังเกต"],
        "meta": "test-plan · พ.ศ. 2566–2570 · plan/test.yaml",
        "status": ["สอดคล้อง", "สอดคล้องน้อย", "ไม่สอดคล้อง"],
    }
    _only_the_file_itself_was_loaded(browser, pages["th"])
    browser.screenshot(ARTIFACTS / "html-report-th.png")


def test_check_writes_an_html_report_of_the_bundled_plan(
    browser: Browser, run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    plan_path = REPO / "plan" / "bma-digital-2566-2570.yaml"
    out = tmp_path / "report.html"
    result = run_cli("check", str(plan_path), "--format", "html", "--output", str(out))
    assert result.exit_code in (0, 1) and result.stdout == ""
    assert result.stderr == f"wrote the html report to {out}\n"
    plan = load_plan(plan_path)
    strategies = sum(len(load_framework(REPO / "frameworks" / f"{fw}.yaml").items) for fw in plan.frameworks)
    _open(browser, out)
    rows = browser.run("return [...document.querySelectorAll('table.heatmap tbody tr')].map(r => "
                       "[r.querySelector('th').innerText, "
                       "[...r.querySelectorAll('td.cell button')].map(b => b.innerText)])")
    assert [row[0] for row in rows] == [o.id for o in plan.objectives]
    for _, cells in rows:
        assert len(cells) == strategies
        assert all(re.fullmatch(r"[01]\.\d\d", cell) for cell in cells)
    _only_the_file_itself_was_loaded(browser, out)
    browser.screenshot(ARTIFACTS / "html-report-bundled-plan.png")
