"""Which column is which: the Thai and English headers (and plan-detail names) planners' sheets use.

Headers are compared in a normal form (NFKC, case folded, "_" as space, trailing ":" "*" "." dropped), whole
or by the parts of a bilingual header ("วัตถุประสงค์ / Objective"). What align's own workbook writes (labels.py)
is always recognised, in both languages, so a compliance matrix imports back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Set

from align.labels import TEXT

FIELDS = ("id", "title", "description", "source", "aligns_with")
"""What a column can hold; `--header FIELD=HEADER` names one."""
HEADER_SEARCH_ROWS = 20
"""A header row is looked for this far down (planners put a title and notes above the table)."""

SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "id": ("id", "no", "no.", "number", "code", "ref", "objective id", "รหัส", "รหัสวัตถุประสงค์", "ลำดับ",
           "ลำดับที่", "ที่", "ข้อ", "ข้อที่", "เลขที่"),
    "title": ("title", "objective", "objectives", "name", "goal", "วัตถุประสงค์", "ชื่อ", "ชื่อวัตถุประสงค์",
              "เป้าประสงค์", "เป้าหมาย", "หัวข้อ", "ประเด็น", "กลยุทธ์", "โครงการ", "ชื่อโครงการ"),
    "description": ("description", "details", "detail", "รายละเอียด", "คำอธิบาย", "คำอธิบายเพิ่มเติม"),
    "source": ("source", "reference", "ที่มา", "แหล่งที่มา", "อ้างอิง"),
    "aligns_with": ("aligns_with", "aligns with", "declared links", "links", "alignment", "ความสอดคล้อง",
                    "ความสอดคล้องกับแผนระดับชาติ", "สอดคล้องกับ", "แผนระดับชาติที่สอดคล้อง", "ความเชื่อมโยง"),
}
_LABEL_OF_FIELD = {"id": "objective.id", "title": "objective.title", "description": "objective.description",
                   "source": "objective.source", "aligns_with": "objective.aligns_with"}
PLAN_KEYS: Mapping[str, tuple[str, ...]] = {
    "id": ("id", "plan id", "รหัสแผน"),
    "title": ("title", "plan title", "ชื่อแผน", "ชื่อ"),
    "owner": ("owner", "agency", "หน่วยงาน", "เจ้าของแผน", "หน่วยงานเจ้าของแผน"),
    "period": ("period", "years", "ระยะเวลา", "ระยะเวลาของแผน", "ปี"),
    "period_start": ("first year", "start", "ปีเริ่มต้น", "ปีเริ่ม"),
    "period_end": ("last year", "end", "ปีสิ้นสุด"),
    "frameworks": ("frameworks", "แผนระดับชาติ"),
    "source": ("source", "ที่มา"),
}
_LABEL_OF_PLAN_KEY = {"id": "plan.id", "title": "plan.title", "owner": "plan.owner", "period": "plan.period",
                      "period_start": "plan.period_start", "period_end": "plan.period_end",
                      "frameworks": "plan.frameworks", "source": "plan.source"}
_OBJECTIVE_SHEETS = {"objectives", "วัตถุประสงค์"}
_PLAN_SHEETS = {"plan", "แผน"}


def normal(text: str) -> str:
    """A header as compared."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("_", " ")
    text = re.sub(r"[*:：.\u200b]+$", "", text.strip())
    return " ".join(text.split())


def parts(header: str) -> list[str]:
    """The header whole, then each part of it split at / | ( ) [ ] and line breaks."""
    result = [normal(header)]
    result.extend(normal(p) for p in re.split(r"[/|\n()\[\]]", header) if p.strip())
    return [p for p in result if p]


def recognise(header: str, taken: Set[str] = frozenset()) -> str | None:
    """The field a header names, skipping fields named explicitly elsewhere (`taken`)."""
    for part in parts(header):
        for name in FIELDS:
            if name not in taken and part in _known(name):
                return name
    return None


def plan_key(text: str) -> str | None:
    """The plan detail a row of a Plan/แผน sheet names (id, title, owner, period, ...)."""
    key = normal(text)
    for name, synonyms in PLAN_KEYS.items():
        if key in {normal(s) for s in (*synonyms, *TEXT[_LABEL_OF_PLAN_KEY[name]])}:
            return name
    return None


def is_objective_sheet(name: str) -> bool:
    """A worksheet named as the objectives table (align's own workbook names it so)."""
    return normal(name) in _OBJECTIVE_SHEETS


def is_plan_sheet(name: str) -> bool:
    """A worksheet of plan details."""
    return normal(name) in _PLAN_SHEETS


def parse_header_option(text: str) -> tuple[str, str]:
    """`title=ชื่อโครงการ` -> ("title", "ชื่อโครงการ"); raises ValueError."""
    name, sep, header = text.partition("=")
    name = name.strip().replace("-", "_")
    if not sep or not header.strip():
        raise ValueError(f"'{text}' must be FIELD=HEADER, e.g. title=ชื่อโครงการ")
    if name not in FIELDS:
        raise ValueError(f"'{name}' is not a field; fields: {', '.join(FIELDS)}")
    return name, header.strip()



def _known(name: str) -> set[str]:
    return {normal(s) for s in (*SYNONYMS[name], *TEXT[_LABEL_OF_FIELD[name]])}
