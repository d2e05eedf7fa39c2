"""Words people read in reports and messages, in English and Thai (`--lang en|th`).

One table per kind of text, so that every reporter says "strategy", "declared" and "gap" the same way and a
reviewer can read all the Thai wording in one place. Thai follows the usage of Thai government planning
documents (วัตถุประสงค์, ยุทธศาสตร์, มาตรการ, แผนระดับชาติ, ความสอดคล้อง) rather than word-for-word
translation. JSON keys and enum values are never translated: they are a machine contract.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from enum import StrEnum

from align import calendar
from align.kinds import KINDS, FindingKind, Severity
from align.result import Finding, Grade, Outcome, Status, Term


class Lang(StrEnum):
    """Language of labels and messages; values are the CLI spelling."""

    EN = "en"
    TH = "th"


# key -> (English, Thai). Placeholders use str.format names; both languages must use the same ones
# (tests/test_labels.py checks).
TEXT: Mapping[str, tuple[str, str]] = {
    # Report structure
    "report.title": ("Alignment report", "รายงานความสอดคล้องกับแผนระดับชาติ"),
    "summary": ("Summary", "สรุปผล"),
    "plan": ("Plan", "แผน"),
    "plan.id": ("Plan ID", "รหัสแผน"),
    "plan.title": ("Plan title", "ชื่อแผน"),
    "plan.owner": ("Owner", "หน่วยงานเจ้าของแผน"),
    "plan.period": ("Period", "ระยะเวลาของแผน"),
    "plan.period_start": ("First year (A.D.)", "ปีเริ่มต้น (ค.ศ.)"),
    "plan.period_end": ("Last year (A.D.)", "ปีสิ้นสุด (ค.ศ.)"),
    "plan.frameworks": ("Frameworks", "แผนระดับชาติที่ใช้ตรวจ"),
    "plan.source": ("Source", "ที่มา"),
    "plan.file": ("Plan file", "ไฟล์แผน"),
    "verdict": ("Result", "ผลการตรวจ"),
    "objective": ("Objective", "วัตถุประสงค์"),
    "objectives": ("Objectives", "วัตถุประสงค์"),
    "objective.id": ("ID", "รหัส"),
    "objective.title": ("Objective", "วัตถุประสงค์"),
    "objective.description": ("Description", "รายละเอียด"),
    "objective.source": ("Source", "ที่มา"),
    "objective.aligns_with": ("Declared links", "ความสอดคล้องที่แผนระบุ"),
    "framework": ("Framework", "แผนระดับชาติ"),
    "frameworks": ("Frameworks", "แผนระดับชาติ"),
    "strategy": ("Strategy", "ยุทธศาสตร์"),
    "strategies": ("Strategies", "ยุทธศาสตร์"),
    "measure": ("Measure", "มาตรการ"),
    "measures": ("Measures under this strategy", "มาตรการภายใต้ยุทธศาสตร์นี้"),
    "target": ("Linked to", "เชื่อมโยงกับ"),
    "status": ("Status", "สถานะ"),
    "score": ("Score", "คะแนน"),
    "grade": ("Grade", "ระดับ"),
    "declared": ("declared", "ระบุในแผน"),
    "declared.column": ("Declared in plan", "ระบุในแผน"),
    "suggested": ("suggested", "ระบบเสนอ"),
    "yes": ("yes", "ใช่"),
    "no": ("no", "ไม่ใช่"),
    "evidence": ("Shared terms", "คำที่พบร่วมกัน"),
    "evidence.none": ("none", "ไม่มี"),
    "term.measure": ("measure {id}", "มาตรการ {id}"),
    "term.keywords": ("align's keywords, not the official text", "คำสำคัญที่ align เพิ่ม ไม่ใช่ข้อความทางการ"),
    "term.description": ("align's summary, not the official text", "สรุปโดย align ไม่ใช่ข้อความทางการ"),
    "coverage": ("Coverage", "ความครอบคลุม"),
    "coverage.strong": ("{strong} of {total} strategies strongly served", "รองรับชัดเจน {strong} จาก {total} ยุทธศาสตร์"),
    "served_by": ("Served by", "วัตถุประสงค์ที่รองรับ"),
    "nobody": ("nobody (gap)", "ยังไม่มี (ช่องว่าง)"),
    "count.objectives": ("objectives", "วัตถุประสงค์"),
    "heatmap": ("Alignment map", "แผนภาพความสอดคล้อง"),
    "heatmap.hint": (
        "Each cell is an objective's best score on a strategy (its measures included). Point at or click a cell "
        "for the shared terms.",
        "แต่ละช่องคือคะแนนสูงสุดของวัตถุประสงค์ต่อยุทธศาสตร์ (รวมมาตรการภายใต้ยุทธศาสตร์นั้น) "
        "ชี้หรือคลิกที่ช่องเพื่อดูคำที่พบร่วมกัน",
    ),
    "legend": ("Key", "คำอธิบายสัญลักษณ์"),
    "legend.declared": ("◆ link declared in the plan", "◆ ความสอดคล้องที่แผนระบุไว้"),
    "legend.gap": ("strategy no objective serves", "ยุทธศาสตร์ที่ยังไม่มีวัตถุประสงค์รองรับ"),
    "legend.score": ("score: how likely a planner is to declare the link (strong from 0.60, weak from 0.20)",
                     "คะแนน: โอกาสที่ผู้จัดทำแผนจะระบุว่าสอดคล้อง (สอดคล้องมากตั้งแต่ 0.60 สอดคล้องน้อยตั้งแต่ 0.20)"),
    "gaps": ("Gaps", "ช่องว่าง"),
    "gaps.strategies": ("Strategies no objective serves", "ยุทธศาสตร์ที่ยังไม่มีวัตถุประสงค์ใดรองรับ"),
    "gaps.objectives": ("Objectives that serve no strategy", "วัตถุประสงค์ที่ไม่สอดคล้องกับยุทธศาสตร์ใด"),
    "gaps.weak": ("Objectives with only weak links", "วัตถุประสงค์ที่สอดคล้องเพียงเล็กน้อย"),
    "gaps.none": ("None.", "ไม่มี"),
    "best_link": ("best link", "ความเชื่อมโยงสูงสุด"),
    "findings": ("Findings", "ข้อสังเกต"),
    "findings.none": ("No findings.", "ไม่มีข้อสังเกต"),
    "finding.kind": ("Kind", "ประเภท"),
    "finding.severity": ("Severity", "ความรุนแรง"),
    "finding.subject": ("Subject", "เรื่อง"),
    "finding.message": ("Message", "รายละเอียด"),
    "finding.fails": ("Fails the check", "ทำให้ไม่ผ่าน"),
    "finding.line": ("Line", "บรรทัด"),
    "waived": ("waived", "ยกเว้นแล้ว"),
    "close": ("Close", "ปิด"),
    "generated_by": ("Made by align {version} from {file}.", "จัดทำโดย align {version} จาก {file}"),
    "links": ("Links", "ความเชื่อมโยง"),
    "matrix": ("Compliance matrix", "ตารางความสอดคล้องกับแผนระดับชาติ"),
    "matrix.key": (
        "Each cell: the grade and score of an objective on a strategy (a score alone: not aligned); "
        "✓ = declared in the plan.",
        "ในแต่ละช่อง: ระดับและคะแนนความสอดคล้องของวัตถุประสงค์กับยุทธศาสตร์ (มีแต่คะแนน = ไม่สอดคล้อง) "
        "✓ = แผนระบุไว้",
    ),
    "title": ("Title", "ชื่อ"),
    # explain
    "explain.title": ("Why align links objective {id}", "เหตุผลความเชื่อมโยงของวัตถุประสงค์ {id}"),
    "explain.text": ("Text and shared terms", "ข้อความและคำที่พบร่วมกัน"),
    "explain.shown": (
        "{shown} of {total} items shown (strong, weak, declared, and the top strategies); --all shows every item.",
        "แสดง {shown} จาก {total} รายการ (สอดคล้องมาก สอดคล้องน้อย ที่แผนระบุ และยุทธศาสตร์ที่คะแนนสูงสุด) "
        "ใช้ --all เพื่อแสดงทุกรายการ",
    ),
    "explain.all": ("all {total} items shown.", "แสดงทั้งหมด {total} รายการ"),
    "explain.reading": ("Planner's reading (kind of work, people served)",
                        "การอ่านแบบนักวางแผน (ประเภทงานดิจิทัล กลุ่มเป้าหมาย)"),
    "explain.reading_none": ("none named; topic words alone decide", "ไม่ระบุ จึงพิจารณาจากคำที่ตรงกันเท่านั้น"),
    "explain.under": ("under strategy {id}", "ภายใต้ยุทธศาสตร์ {id}"),
    "explain.no_objective": ("no objective '{id}' in the plan{hint}; its objectives: {ids}",
                             "ไม่มีวัตถุประสงค์รหัส '{id}' ในแผน{hint} วัตถุประสงค์ในแผนมีรหัส {ids}"),
    "explain.did_you_mean": (" (did you mean '{id}'?)", " (หมายถึง '{id}' หรือไม่)"),
    # import: locations and problems, one line each
    "where.sheet": ("sheet '{sheet}'", "ชีต '{sheet}'"),
    "where.row": ("row {row}", "แถว {row}"),
    "where.cell": ("row {row}, column {column} ({header})", "แถว {row} คอลัมน์ {column} ({header})"),
    "import.no_header": (
        "no header row with an id and a title column in the first {rows} rows (headers align knows: {known}); "
        "name yours with --header id=... --header title=...",
        "ไม่พบแถวหัวตารางที่มีคอลัมน์รหัสและคอลัมน์วัตถุประสงค์ใน {rows} แถวแรก (หัวคอลัมน์ที่รู้จัก: {known}) "
        "ระบุหัวคอลัมน์ของท่านด้วย --header id=... --header title=...",
    ),
    "import.no_sheet": ("there is no sheet '{sheet}'; the workbook's sheets: {sheets}",
                        "ไม่มีชีต '{sheet}' ในไฟล์ ชีตที่มี: {sheets}"),
    "import.duplicate_column": ("columns {first} and {second} both hold {field}; keep one, or name the right one "
                                "with --header {field}=...",
                                "คอลัมน์ {first} และ {second} เป็น {field} ทั้งคู่ ให้เหลือคอลัมน์เดียว หรือระบุคอลัมน์ที่ถูกต้อง"
                                "ด้วย --header {field}=..."),
    "import.ignored_columns": ("columns not imported (align has no field for them): {columns}",
                               "คอลัมน์ที่ไม่ได้นำเข้า (ไม่มีช่องข้อมูลรองรับ): {columns}"),
    "import.unknown_plan_key": ("sheet '{sheet}', row {row}: '{name}' is not a plan detail align knows; not imported",
                                "ชีต '{sheet}' แถว {row}: ไม่รู้จักรายการ '{name}' จึงไม่ได้นำเข้า"),
    "import.no_objectives": ("no objective rows below the header row", "ไม่พบแถววัตถุประสงค์ใต้แถวหัวตาราง"),
    "import.empty_id": ("id is empty", "ไม่มีรหัส"),
    "import.empty_title": ("title is empty", "ไม่มีชื่อวัตถุประสงค์"),
    "import.not_text": ("must be text, found {value}", "ต้องเป็นข้อความ แต่พบ {value}"),
    "import.date": ("Excel stored this as a date ({value}); format the column as Text and type it again",
                    "Excel เก็บค่านี้เป็นวันที่ ({value}) ให้จัดรูปแบบคอลัมน์เป็นข้อความ (Text) แล้วพิมพ์ใหม่"),
    "import.too_long": ("is {length:,} characters long; the limit is {limit:,}",
                        "ยาว {length:,} ตัวอักษร เกินกำหนด {limit:,} ตัวอักษร"),
    "import.multiline_id": ("id must be on one line", "รหัสต้องอยู่ในบรรทัดเดียว"),
    "import.duplicate_id": ("duplicate id '{id}' (first in row {first})", "รหัส '{id}' ซ้ำ (พบครั้งแรกที่แถว {first})"),
    "import.bad_link": ("'{link}' is not a link: write '<framework id>:<item id>', e.g. 'dg-2566-2570:2'",
                        "'{link}' ไม่ใช่การอ้างอิงที่ถูกต้อง ให้เขียนเป็น '<รหัสแผนระดับชาติ>:<รหัสรายการ>' "
                        "เช่น 'dg-2566-2570:2'"),
    "import.bad_item": ("'{item}' is not an item id of {framework} (e.g. '2' or '1.4')",
                        "'{item}' ไม่ใช่รหัสรายการของ {framework} (เช่น '2' หรือ '1.4')"),
    "import.unknown_framework_option": ("framework '{framework}' is not known (known: {known})",
                                        "ไม่รู้จักแผนระดับชาติ '{framework}' (ที่รู้จัก: {known})"),
    "import.missing_id": ("the plan has no id: give --id, or --output plan/<id>.yaml",
                          "ไม่มีรหัสแผน ให้ระบุ --id หรือ --output plan/<รหัสแผน>.yaml"),
    "import.missing_title": ("the plan has no title: give --title, or a 'Plan' sheet with a title row",
                             "ไม่มีชื่อแผน ให้ระบุ --title หรือเพิ่มชีต 'แผน' ที่มีแถวชื่อแผน"),
    "import.missing_period": ("the plan has no period: give --period, e.g. 2566-2570 (B.E.) or 2023-2027",
                              "ไม่มีระยะเวลาของแผน ให้ระบุ --period เช่น 2566-2570 (พ.ศ.) หรือ 2023-2027"),
    "import.bad_period": ("period {problem}", "ระยะเวลาของแผน {problem}"),
    "import.missing_frameworks": ("the plan names no framework and no row declares a link: give --framework, "
                                  "e.g. --framework dg-2566-2570 (known: {known})",
                                  "ไม่ได้ระบุแผนระดับชาติ และไม่มีแถวใดระบุความสอดคล้อง ให้ระบุ --framework "
                                  "เช่น --framework dg-2566-2570 (ที่รู้จัก: {known})"),
    "import.done": ("imported {count} objectives from {source} into {output}",
                    "นำเข้าวัตถุประสงค์ {count} รายการจาก {source} ไปยัง {output}"),
    "import.encoding": ("read as {encoding}", "อ่านด้วยรหัสอักขระ {encoding}"),
    "warning": ("warning", "คำเตือน"),
    "error": ("error", "ข้อผิดพลาด"),
    # the terminal table
    "table.objectives": ("Objectives and their best link in each national plan",
                         "วัตถุประสงค์และความเชื่อมโยงที่ดีที่สุดกับแผนระดับชาติแต่ละแผน"),
    "table.via": ("via measure {id}", "ผ่านมาตรการ {id}"),
    "table.served.strong": ("strong: {ids}", "สอดคล้องมาก: {ids}"),
    "table.served.weak": ("weak only: {ids}", "สอดคล้องน้อยเท่านั้น: {ids}"),
    "table.waived": ("waived: {reason}", "ยกเว้นแล้ว: {reason}"),
    "table.summary": ("{objectives} objectives: {aligned} aligned, {weak} weak, {unaligned} unaligned",
                      "วัตถุประสงค์ {objectives} รายการ: สอดคล้อง {aligned} สอดคล้องน้อย {weak} ไม่สอดคล้อง {unaligned}"),
    "table.coverage_line": ("strategies strongly served: {coverage}", "ยุทธศาสตร์ที่รองรับชัดเจน: {coverage}"),
    "table.gaps_pass": ("{gaps} strategies no objective serves are reported, not failed: add --fail-on gap to fail "
                        "on them, or --min-coverage FRAMEWORK=RATIO",
                        "ยุทธศาสตร์ {gaps} รายการที่ยังไม่มีวัตถุประสงค์รองรับเป็นเพียงข้อสังเกต ไม่ทำให้ไม่ผ่าน "
                        "ใช้ --fail-on gap หรือ --min-coverage FRAMEWORK=RATIO หากต้องการให้ไม่ผ่าน"),
    # Markdown
    "md.plan": ("Plan {id} ({file}, {period}), checked against {frameworks}.",
                "แผน {id} ({file} {period}) ตรวจกับ {frameworks}"),
    "md.findings": ("findings: {failing} failing, {waived} waived, {other} other",
                    "ข้อสังเกต: ทำให้ไม่ผ่าน {failing} ยกเว้นแล้ว {waived} อื่น ๆ {other}"),
    "md.failing": ("Failing", "ทำให้ไม่ผ่าน"),
    "md.waived": ("Waived", "ยกเว้นแล้ว"),
    "md.other": ("Other findings", "ข้อสังเกตอื่น ๆ"),
    "md.where": ("Where", "ตำแหน่ง"),
    "md.reason": ("Reason", "เหตุผล"),
    "md.until": ("(until {date})", "(ถึง {date})"),
    "md.strongly": ("Strongly served", "รองรับชัดเจน"),
    "md.ratio": ("Ratio", "สัดส่วน"),
    "md.of": ("{strong} of {total}", "{strong} จาก {total}"),
    "md.best": ("Best link per framework", "ความเชื่อมโยงที่ดีที่สุดในแต่ละแผน"),
    # align frameworks
    "fw.list": ("National frameworks", "แผนระดับชาติ"),
    "fw.title_source": ("Title and source", "ชื่อแผนและแหล่งที่มา"),
    "fw.level": ("Level", "ระดับแผน"),
    "fw.items": ("Items", "จำนวน"),
    "fw.strategy": ("{count} strategy", "{count} ยุทธศาสตร์"),
    "fw.strategies": ("{count} strategies", "{count} ยุทธศาสตร์"),
    "fw.measure": ("{count} measure", "{count} มาตรการ"),
    "fw.measures": ("{count} measures", "{count} มาตรการ"),
    "fw.period_header": ("Period", "ระยะเวลา"),
    "fw.period": ("period {period}", "ระยะเวลา {period}"),
    "fw.issuer": ("issuer {issuer}", "หน่วยงานที่จัดทำ {issuer}"),
    "fw.source": ("source: {sources}", "ที่มา: {sources}"),
    "fw.level_is": ("level {level} of the national planning system ({what})", "แผนระดับที่ {level} ({what})"),
    "fw.level1": ("the 20-year National Strategy", "ยุทธศาสตร์ชาติ 20 ปี"),
    "fw.level2": ("master plans, the reform plan, national security policy, NESDP",
                  "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ แผนการปฏิรูปประเทศ นโยบายและแผนความมั่นคงแห่งชาติ "
                  "และแผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ"),
    "fw.level3": ("operational plans: topic, agency and area plans",
                  "แผนปฏิบัติการด้านต่าง ๆ แผนปฏิบัติราชการ และแผนพัฒนาระดับพื้นที่"),
    "fw.level_unknown": ("level in the national planning system: not stated by any source found",
                         "ระดับของแผนในระบบแผนของประเทศ: ไม่พบแหล่งที่ระบุ"),
    "fw.stated_in": ("stated in: {source}", "ระบุไว้ใน: {source}"),
    "fw.serves": ("serves, as stated ({count}):", "แผนที่แผนนี้ระบุว่าสอดคล้อง ({count} รายการ):"),
    "fw.inbound": ("plans that say they serve it:", "แผนที่ระบุว่าสอดคล้องกับแผนนี้:"),
    "fw.direct": ("direct", "ทางตรง (direct)"),
    "fw.indirect": ("indirect", "ทางอ้อม (indirect)"),
    "fw.linked": ("linked", "เชื่อมโยง (linked)"),
    "fw.from": ("from {item}: ", "จากรายการ {item}: "),
    "validate.summary": ("{files} checked: {errors}, {warnings}: {verdict}",
                         "ตรวจ {files} ไฟล์: ข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ: {verdict}"),
    "validate.valid": ("valid", "ถูกต้อง (valid)"),
    "validate.invalid": ("INVALID", "ไม่ถูกต้อง (INVALID)"),
    "usage.same_file": ("{path} would get two reports ({first} and {second}); give each its own file",
                        "{path} จะถูกเขียนรายงานสองแบบ ({first} และ {second}) ให้แยกไฟล์กัน"),
    "wrote": ("wrote the {format} report to {path}", "เขียนรายงานแบบ {format} ลงใน {path} แล้ว"),
    "usage.one_plan": ("an {format} report holds one plan; run align once per plan",
                       "รายงานแบบ {format} รองรับครั้งละหนึ่งแผน ให้เรียก align แยกทีละแผน"),
    "usage.needs_output": ("--format {format} writes a file: give --output FILE.{format}",
                           "--format {format} ต้องเขียนลงไฟล์ ให้ระบุ --output FILE.{format}"),
}

CODES: Mapping[str, tuple[str, str]] = {
    "r:infrastructure": ("digital infrastructure", "โครงสร้างพื้นฐานดิจิทัล"),
    "r:economy": ("digital economy", "เศรษฐกิจดิจิทัล"),
    "r:society": ("digital society", "สังคมดิจิทัล"),
    "r:government": ("digital government", "รัฐบาลดิจิทัล"),
    "r:service": ("government service", "บริการภาครัฐ"),
    "r:internal": ("government back office", "การบริหารงานภายในภาครัฐ"),
    "r:participation": ("people's participation", "การมีส่วนร่วมของประชาชน"),
    "r:workforce": ("workforce", "กำลังคน"),
    "r:trust": ("trust and security", "ความเชื่อมั่นและความมั่นคงปลอดภัย"),
    "b:citizens": ("serves people", "เพื่อประชาชน"),
    "b:business": ("serves business", "เพื่อภาคธุรกิจ"),
    "b:staff": ("serves government staff", "เพื่อบุคลากรภาครัฐ"),
}
"""The kinds of digital work (r:) and the people served (b:) matching reads in a text (docs/matching.md)."""

GRADE: Mapping[Grade, tuple[str, str]] = {
    Grade.STRONG: ("strong", "สอดคล้องมาก"),
    Grade.WEAK: ("weak", "สอดคล้องน้อย"),
    Grade.NONE: ("none", "ไม่สอดคล้อง"),
}
STATUS: Mapping[Status, tuple[str, str]] = {
    Status.ALIGNED: ("aligned", "สอดคล้อง"),
    Status.WEAK: ("weak", "สอดคล้องน้อย"),
    Status.UNALIGNED: ("unaligned", "ไม่สอดคล้อง"),
}
OUTCOME: Mapping[Outcome, tuple[str, str]] = {
    Outcome.PASSED: ("PASSED", "ผ่าน"),
    Outcome.FAILED: ("FAILED", "ไม่ผ่าน"),
    Outcome.INVALID: ("INVALID INPUT", "ข้อมูลไม่ถูกต้อง"),
}
SEVERITY: Mapping[Severity, tuple[str, str]] = {
    Severity.ERROR: ("error", "ข้อผิดพลาด"),
    Severity.WARNING: ("warning", "คำเตือน"),
    Severity.NOTE: ("note", "หมายเหตุ"),
}
FAMILY: Mapping[str, tuple[str, str]] = {
    "de": ("Digital Economy and Society plan", "แผนดิจิทัลเพื่อเศรษฐกิจและสังคม"),
    "dg": ("Digital Government plan", "แผนพัฒนารัฐบาลดิจิทัล"),
    "nesdp": ("NESDP 13, milestone 13", "แผนพัฒนาฯ ฉบับที่ 13 หมุดหมายที่ 13"),
    "cyber": ("Cybersecurity policy and plan", "นโยบายและแผนความมั่นคงปลอดภัยไซเบอร์"),
    "data": ("National data strategy", "ยุทธศาสตร์ข้อมูลของประเทศ"),
}
"""What planners call each line of national plans, by a framework file's `family`."""


class Labels:
    """The labels of one language: `labels("summary")`, `labels.grade(g)`, ..."""

    def __init__(self, lang: Lang = Lang.EN) -> None:
        self.lang = lang
        self._index = 1 if lang is Lang.TH else 0

    def __call__(self, key: str, /, **values: object) -> str:
        text = TEXT[key][self._index]
        return text.format(**values) if values else text

    def grade(self, grade: Grade) -> str:
        """How a link's grade reads."""
        return GRADE[grade][self._index]

    def status(self, status: Status) -> str:
        """How an objective's status reads."""
        return STATUS[status][self._index]

    def outcome(self, outcome: Outcome) -> str:
        """The verdict."""
        return OUTCOME[outcome][self._index]

    def grade_code(self, grade: Grade) -> str:
        """A grade as the planner's word with the code beside it in Thai ("สอดคล้องมาก (strong)")."""
        return self._with_code(GRADE[grade])

    def status_code(self, status: Status) -> str:
        """An objective's status, the planner's word with the code beside it in Thai."""
        return self._with_code(STATUS[status])

    def outcome_code(self, outcome: Outcome) -> str:
        """The verdict, with the code beside it in Thai ("ไม่ผ่าน (FAILED)")."""
        return self._with_code(OUTCOME[outcome])

    def _with_code(self, pair: tuple[str, str]) -> str:
        return pair[1] + f" ({pair[0]})" if self.lang is Lang.TH else pair[0]

    def plan_name(self, family: str, period: tuple[int, int], fallback: str) -> str:
        """A national plan as planners name it: its line of plans and its years (B.E. in Thai), or its own title
        when its family is not one align knows."""
        pair = FAMILY.get(family)
        if pair is None:
            return fallback
        start, end = period
        if self.lang is Lang.TH:
            return f"{pair[1]} พ.ศ. {calendar.to_be(start)}-{calendar.to_be(end)}"
        return f"{pair[0]} {start}-{end}"

    def severity(self, severity: Severity) -> str:
        """A finding's severity."""
        return SEVERITY[severity][self._index]

    def kind(self, kind: FindingKind) -> str:
        """A finding's kind, for people (the JSON spelling is `kind.value`)."""
        return KINDS[kind].name[self._index]

    def period(self, period: tuple[int, int]) -> str:
        """A plan's years: Gregorian in English, Buddhist Era in Thai (พ.ศ. 2561–2565)."""
        start, end = period
        if self.lang is Lang.TH:
            return f"พ.ศ. {calendar.to_be(start)}–{calendar.to_be(end)}"
        return f"{start}–{end}"

    def term(self, term: Term, item: str = "") -> str:
        """A shared term as a planner checks it: the objective's words and the item's, the broader-concept steps
        between them ("wi-fi → การเข้าถึงอินเทอร์เน็ต ↔ อินเทอร์เน็ตความเร็วสูง"), the kind of digital work or the
        people both name, and, when it is not the linked item's official title that says it, where it stands (a
        measure, or align's own keywords or summary)."""
        if term.kind in ("role", "serves"):  # the kind of work or people both name, then the words that say so
            words = term.objective if term.objective == term.target else f"{term.objective} ↔ {term.target}"
            return f"{self.code(term.shared)}: {words}" + self._notes(term, item)
        mine = " → ".join((term.objective, *map(self.code, term.objective_path)))
        theirs = " → ".join((term.target, *map(self.code, term.target_path)))
        text = mine if mine == theirs else f"{mine} ↔ {theirs}"
        if term.kind == "concept" and term.shared not in (term.objective, term.target) and not (
                term.objective_path or term.target_path):
            text += f" ({term.shared})"
        return text + self._notes(term, item)

    def _notes(self, term: Term, item: str) -> str:
        notes = []
        if item and term.item != item:
            notes.append(self("term.measure", id=term.item))
        if term.field in ("keywords", "description"):
            notes.append(self(f"term.{term.field}"))
        return f" [{'; '.join(notes)}]" if notes else ""

    def code(self, text: str) -> str:
        """A kind of work (r:service) or people served (b:citizens) in words; any other text as it is."""
        pair = CODES.get(text)
        return pair[self._index] if pair else text

    def finding(self, finding: Finding) -> str:
        """A finding's message in this language."""
        return finding.message_in(thai=self.lang is Lang.TH)


def placeholders(text: str) -> set[str]:
    """The names a label's template expects."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
